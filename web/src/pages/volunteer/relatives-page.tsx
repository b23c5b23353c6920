import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Radio, Spin } from 'antd';
import { useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import type { Relationship } from '../../api/schema.generated';
import { usePageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, ConfirmPanel, relationshipLabel } from './parts';
import {
  VolunteerAddRelativeDocument,
  VolunteerRelativesDocument,
  VolunteerRemoveRelativeDocument,
} from './timebank.generated';

const RELATIONSHIPS: Relationship[] = ['SPOUSE', 'PARENT', 'CHILD', 'SIBLING', 'GRANDPARENT', 'GRANDCHILD'];
const FIELDS = ['name', 'idNumber', 'relationship'] as const;

interface Values {
  name: string;
  idNumber: string;
  relationship: Relationship;
}

/** Her registered relatives: see them, add one (after confirming), remove one (after confirming). */
export default function RelativesPage() {
  const { t } = useI18n();
  usePageTitle(t('volunteer.relatives.title'));
  const [form] = Form.useForm<Values>();
  const bank = useQuery(VolunteerRelativesDocument, { fetchPolicy: 'network-only' });
  const [add, adding] = useMutation(VolunteerAddRelativeDocument);
  const [remove, removing] = useMutation(VolunteerRemoveRelativeDocument);
  const [pendingAdd, setPendingAdd] = useState<Values | null>(null);
  const [pendingRemove, setPendingRemove] = useState<{ id: string; label: string } | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const sending = useRef(false);
  const relatives = bank.data?.myTimeBank.relatives ?? [];

  const run = async (work: () => Promise<unknown>, message: string) => {
    if (sending.current) return;
    sending.current = true;
    setProblem(null);
    try {
      await work();
      await bank.refetch();
      setDone(message);
    } catch (error) {
      setProblem(explainError(error, t, FIELDS));
    } finally {
      sending.current = false;
      setPendingAdd(null);
      setPendingRemove(null);
    }
  };

  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.relatives.title')}</h1>
      <p className="vt-muted">{t('volunteer.relatives.intro')}</p>
      {done && (
        <p className="vt-card vt-confirm-effect" role="status">
          {done}
        </p>
      )}
      {problem && problem.top.length > 0 && (
        <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
      )}
      {!bank.data && !bank.error && <Spin aria-label={t('volunteer.loading')} />}
      {pendingRemove && (
        <ConfirmPanel
          title={t('volunteer.relatives.removeTitle')}
          busy={removing.loading}
          onBack={() => setPendingRemove(null)}
          onConfirm={() =>
            void run(
              () => remove({ variables: { id: pendingRemove.id } }),
              t('volunteer.relatives.removed', { who: pendingRemove.label }),
            )
          }
        >
          <p>{t('volunteer.relatives.removeWhat', { who: pendingRemove.label })}</p>
        </ConfirmPanel>
      )}
      {bank.data && relatives.length === 0 && <p>{t('volunteer.relatives.none')}</p>}
      <ul className="vt-list" aria-label={t('volunteer.relatives.title')}>
        {relatives.map((r) => {
          const label = t('volunteer.relativeName', {
            name: r.name,
            relationship: relationshipLabel(t, r.relationship),
          });
          return (
            <li className="vt-line" key={r.id}>
              <div className="vt-line-main">
                <p>{label}</p>
                <p className="vt-muted">{t('volunteer.relatives.facts', { age: r.age, id: r.idNumberMasked })}</p>
                <p className="vt-muted">
                  {r.hasAccount ? t('volunteer.relatives.hasAccount') : t('volunteer.relatives.noAccount')}
                </p>
              </div>
              <div className="vt-line-side">
                <Button
                  size="large"
                  danger
                  onClick={() => {
                    setDone(null);
                    setPendingRemove({ id: r.id, label });
                  }}
                >
                  {t('volunteer.relatives.remove')}
                  <span className="visually-hidden"> {label}</span>
                </Button>
              </div>
            </li>
          );
        })}
      </ul>

      <h2>{t('volunteer.relatives.add')}</h2>
      {pendingAdd ? (
        <ConfirmPanel
          title={t('volunteer.relatives.addTitle')}
          busy={adding.loading}
          onBack={() => setPendingAdd(null)}
          onConfirm={() =>
            void run(
              async () => {
                await add({ variables: { input: pendingAdd } });
                form.resetFields();
              },
              t('volunteer.relatives.added', { who: pendingAdd.name }),
            )
          }
        >
          <p>
            {t('volunteer.relativeName', {
              name: pendingAdd.name,
              relationship: relationshipLabel(t, pendingAdd.relationship),
            })}
          </p>
          <p className="vt-muted">{t('volunteer.relatives.idShown', { id: pendingAdd.idNumber })}</p>
        </ConfirmPanel>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        hidden={!!pendingAdd}
        onFinish={(v) => {
          setDone(null);
          setProblem(null);
          setPendingAdd({ ...v, name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase() });
        }}
      >
        <Form.Item
          label={t('volunteer.relatives.name')}
          name="name"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('error.fieldRequired', { field: t('volunteer.relatives.name') }),
            },
          ]}
          validateStatus={problem?.fields.name ? 'error' : undefined}
          help={problem?.fields.name}
        >
          <Input size="large" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('volunteer.relatives.idNumber')}
          name="idNumber"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('error.fieldRequired', { field: t('volunteer.relatives.idNumber') }),
            },
          ]}
          validateStatus={problem?.fields.idNumber ? 'error' : undefined}
          help={problem?.fields.idNumber}
        >
          <Input size="large" autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item
          label={t('volunteer.relatives.relationship')}
          name="relationship"
          rules={[
            { required: true, message: t('error.fieldRequired', { field: t('volunteer.relatives.relationship') }) },
          ]}
          validateStatus={problem?.fields.relationship ? 'error' : undefined}
          help={problem?.fields.relationship}
        >
          <Radio.Group
            optionType="button"
            options={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipLabel(t, r) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>
          {t('volunteer.next')}
        </Button>
      </Form>
    </LargeType>
  );
}
