import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import { RegionsDocument } from '../../api/regions.generated';
import { useRegionNames } from '../../api/use-regions';
import { ConfirmButtons, SuccessNotice, TemporaryPasswordAlert } from '../../components/account-notices';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMinutes, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import {
  PlanningGrantFromPoolDocument,
  PlanningResetVolunteerPasswordDocument,
  PlanningVolunteersDocument,
  type PlanningVolunteersQuery,
} from './volunteers.generated';

type Volunteer = PlanningVolunteersQuery['volunteers']['edges'][number]['node'];
interface GrantValues {
  hours?: number;
  mins?: number;
  reason: string;
}
type Pending =
  | { kind: 'grant'; volunteer: Volunteer; minutes: number; reason: string; key: string }
  | { kind: 'reset'; volunteer: Volunteer };

function newKey(): string {
  return `web-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Planners find a volunteer (a district planner: those living in its district), grant time from the public pool,
 * and reset a forgotten password (the temporary one shown once). Balances are never shown here.
 */
export default function VolunteersPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.planning.title'));
  const { session } = useSession();
  const municipal = session?.user.role === 'MUNICIPAL_PLANNER';
  const regionName = useRegionNames();
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const [name, setName] = useState('');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const list = useQuery(PlanningVolunteersDocument, {
    variables: { filter: { namePrefix: name.trim() || undefined, regionCode } },
    fetchPolicy: 'cache-and-network',
  });
  const [grant, granting] = useMutation(PlanningGrantFromPoolDocument);
  const [reset, resetting] = useMutation(PlanningResetVolunteerPasswordDocument);
  const [granting_for, setGrantingFor] = useState<Volunteer | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; password: string } | null>(null);
  const [form] = Form.useForm<GrantValues>();
  const sending = useRef(false);
  const regionOptions = useMemo(
    () =>
      (regions.data?.regions ?? [])
        .filter((r) => r.kind !== 'FUNCTIONAL_ZONE')
        .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.nameZh : r.nameEn })),
    [regions.data, lang],
  );

  const confirm = async () => {
    if (!pending || sending.current) return;
    sending.current = true;
    setProblem(null);
    try {
      if (pending.kind === 'grant') {
        await grant({
          variables: {
            input: {
              idempotencyKey: pending.key,
              volunteerId: pending.volunteer.id,
              minutes: pending.minutes,
              reason: pending.reason,
            },
          },
        });
        setNotice(
          t('volunteer.planning.granted', {
            name: pending.volunteer.person.name,
            time: formatMinutes(pending.minutes, lang),
          }),
        );
        setGrantingFor(null);
        form.resetFields();
      } else {
        const { data } = await reset({ variables: { userId: pending.volunteer.userId } });
        if (data) setSecret({ name: pending.volunteer.person.name, password: data.resetPassword });
      }
    } catch (error) {
      setProblem(explainError(error, t, [], { INSUFFICIENT_BALANCE: 'volunteer.planning.poolShort' }));
    } finally {
      sending.current = false;
      setPending(null);
    }
  };

  const columns = [
    { key: 'name', title: t('volunteer.planning.name'), render: (v: Volunteer) => v.person.name },
    { key: 'id', title: t('volunteer.planning.idNumber'), render: (v: Volunteer) => v.person.idNumberMasked },
    {
      key: 'age',
      title: t('volunteer.planning.age'),
      render: (v: Volunteer) => t('volunteer.planning.years', { n: v.person.age }),
    },
    { key: 'region', title: t('volunteer.planning.region'), render: (v: Volunteer) => regionName(v.regionCode) },
    {
      key: 'registered',
      title: t('volunteer.planning.registered'),
      render: (v: Volunteer) => formatDate(todayInShanghai(new Date(v.registeredAt)), lang),
    },
    {
      key: 'actions',
      title: t('admin.actions'),
      render: (v: Volunteer) => (
        <div className="toolbar">
          <Button
            onClick={() => {
              setNotice(null);
              setSecret(null);
              setGrantingFor(v);
            }}
          >
            {t('volunteer.planning.grant')}
          </Button>
          <Button onClick={() => setPending({ kind: 'reset', volunteer: v })}>{t('admin.reset')}</Button>
        </div>
      ),
    },
  ];

  return (
    <div>
      <div className="page-header">
        <h1>{t('volunteer.planning.title')}</h1>
      </div>
      <p className="intro">{t('volunteer.planning.intro')}</p>
      {problem && problem.top.length > 0 && (
        <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
      )}
      {pending && (
        <section
          className="panel"
          style={{ border: '3px solid #a34a06', marginBottom: 16 }}
          aria-labelledby="confirm-title"
        >
          <h2 id="confirm-title">
            {pending?.kind === 'grant' ? t('volunteer.planning.confirmGrant') : t('admin.confirmReset')}
          </h2>
          {pending?.kind === 'grant' && (
            <p>
              {t('volunteer.planning.confirmGrantWhat', {
                name: pending.volunteer.person.name,
                time: formatMinutes(pending.minutes, lang),
                reason: pending.reason,
              })}
            </p>
          )}
          {pending?.kind === 'reset' && (
            <p>{t('volunteer.planning.confirmResetWhat', { name: pending.volunteer.person.name })}</p>
          )}
          <ConfirmButtons
            busy={granting.loading || resetting.loading}
            onConfirm={() => void confirm()}
            onCancel={() => setPending(null)}
          />
        </section>
      )}
      <SuccessNotice notice={notice} />
      {secret && (
        <TemporaryPasswordAlert
          title={t('volunteer.planning.resetDone', { name: secret.name })}
          password={secret.password}
          note={t('volunteer.planning.resetTell')}
          codeStyle={{ fontSize: 22, fontWeight: 700 }}
          onNoted={() => setSecret(null)}
        />
      )}
      {granting_for && (
        <section className="panel form-panel" aria-labelledby="grant-title">
          <h2 id="grant-title">{t('volunteer.planning.grantTo', { name: granting_for.person.name })}</h2>
          <Form<GrantValues>
            form={form}
            layout="inline"
            requiredMark={false}
            onFinish={(v) => {
              const minutes = Math.round((v.hours ?? 0) * 60 + (v.mins ?? 0));
              if (minutes <= 0) {
                setProblem({ fields: {}, top: [t('volunteer.durationRequired')] });
                return;
              }
              setProblem(null);
              setPending({ kind: 'grant', volunteer: granting_for, minutes, reason: v.reason.trim(), key: newKey() });
            }}
          >
            <Form.Item label={t('volunteer.hours')} name="hours" initialValue={0}>
              <InputNumber min={0} max={1500} precision={0} />
            </Form.Item>
            <Form.Item label={t('volunteer.minutes')} name="mins" initialValue={0}>
              <InputNumber min={0} max={59} precision={0} />
            </Form.Item>
            <Form.Item
              label={t('volunteer.planning.reason')}
              name="reason"
              extra={t('volunteer.planning.reasonHint')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('error.fieldRequired', { field: t('volunteer.planning.reason') }),
                },
              ]}
            >
              <Input maxLength={500} style={{ minWidth: 260 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('volunteer.next')}
            </Button>
            <Button onClick={() => setGrantingFor(null)}>{t('admin.cancel')}</Button>
          </Form>
        </section>
      )}
      <section className="panel">
        <div className="toolbar filters">
          <label className="as-of-field">
            {t('volunteer.planning.search')}
            <Input allowClear value={name} onChange={(e) => setName(e.target.value)} style={{ width: 200 }} />
          </label>
          {municipal && (
            <label className="as-of-field">
              {t('volunteer.planning.region')}
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 160 }}
                value={regionCode}
                onChange={setRegionCode}
                options={regionOptions}
              />
            </label>
          )}
        </div>
        <p>{t('admin.count', { n: list.data?.volunteers.totalCount ?? 0 })}</p>
        <Table<Volunteer>
          rowKey="id"
          size="middle"
          loading={list.loading && !list.data}
          dataSource={list.data?.volunteers.edges.map((e) => e.node) ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 800 }}
        />
      </section>
    </div>
  );
}
