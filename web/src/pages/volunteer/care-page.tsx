import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Radio, Select, Spin } from 'antd';
import { explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMinutes, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, ConfirmPanel, DonePanel, DurationFields, durationOf, relationshipLabel } from './parts';
import { useSiteOptions } from './sites';
import { useSpendSteps } from './spend-steps';
import {
  VolunteerCareRedemptionsDocument,
  VolunteerRedeemTimeDocument,
  VolunteerRelativesDocument,
} from './timebank.generated';

const SELF = 'SELF';
const OLD_ENOUGH = 60;
interface Values {
  for: string;
  institutionId: string;
  hours?: number;
  mins?: number;
}

/** Redeem time for care of herself or a relative aged 60+, given by a service site that confirms it later. */
export default function CarePage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.care.title'));
  const [form] = Form.useForm<Values>();
  const sites = useSiteOptions();
  const bank = useQuery(VolunteerRelativesDocument, { fetchPolicy: 'network-only' });
  const list = useQuery(VolunteerCareRedemptionsDocument, { fetchPolicy: 'network-only' });
  const [redeem, { loading }] = useMutation(VolunteerRedeemTimeDocument);

  const data = bank.data?.myTimeBank;
  const balance = data?.timeBalanceMinutes ?? 0;
  const self = data?.volunteer.person;
  const relatives = data?.relatives ?? [];
  const who = (id?: string) => {
    if (id === SELF) return t('volunteer.care.self');
    const r = relatives.find((x) => x.id === id);
    return r ? t('volunteer.relativeName', { name: r.name, relationship: relationshipLabel(t, r.relationship) }) : '';
  };
  const siteName = (id?: string) => sites.find((s) => s.value === id)?.label ?? '';

  const { step, setStep, values, problem, next, confirm } = useSpendSteps<Values>(
    balance,
    async (v, idempotencyKey) => {
      await redeem({
        variables: {
          input: {
            idempotencyKey,
            institutionId: v.institutionId,
            minutes: durationOf(v),
            ...(v.for === SELF ? {} : { beneficiaryRelativeId: v.for }),
          },
        },
      });
      await Promise.all([bank.refetch(), list.refetch()]);
    },
  );
  const statusOf = (status: string, reason?: string | null) =>
    status === 'COMPLETED' ? (
      <span className="vt-status vt-status-ok">{t('volunteer.care.completed')}</span>
    ) : status === 'CANCELLED' ? (
      <>
        <span className="vt-status vt-status-no">{t('volunteer.care.cancelled')}</span>
        {reason && <p>{t('volunteer.service.reason', { reason })}</p>}
      </>
    ) : (
      <span className="vt-status vt-status-wait">{t('volunteer.care.pending')}</span>
    );

  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.care.title')}</h1>
      {!data && !bank.error && <Spin aria-label={t('volunteer.loading')} />}
      {bank.error && (
        <Alert className="form-alert" type="error" showIcon title={explainError(bank.error, t).top.join(' ')} />
      )}
      {data && step === 'done' && values && (
        <DonePanel
          onAgain={() => {
            form.resetFields();
            setStep('form');
          }}
          againLabel={t('volunteer.care.again')}
        >
          <p className="vt-confirm-effect">
            {t('volunteer.care.done', {
              who: who(values.for),
              site: siteName(values.institutionId),
              time: formatMinutes(durationOf(values), lang),
            })}
          </p>
          <p>{t('volunteer.balanceNow', { time: formatMinutes(balance, lang) })}</p>
          <p>{t('volunteer.care.doneNext')}</p>
        </DonePanel>
      )}
      {data && step === 'confirm' && values && (
        <ConfirmPanel
          title={t('volunteer.care.confirmTitle')}
          busy={loading}
          onConfirm={() => void confirm()}
          onBack={() => setStep('form')}
          effect={t('volunteer.balanceEffect', {
            from: formatMinutes(balance, lang),
            to: formatMinutes(balance - durationOf(values), lang),
          })}
        >
          <p>
            {t('volunteer.care.confirmWhat', {
              who: who(values.for),
              site: siteName(values.institutionId),
              time: formatMinutes(durationOf(values), lang),
            })}
          </p>
          <p className="vt-muted">{t('volunteer.care.refundNote')}</p>
        </ConfirmPanel>
      )}
      {data && self && (
        <div hidden={step !== 'form'}>
          <p>{t('volunteer.balanceNow', { time: formatMinutes(balance, lang) })}</p>
          <p className="vt-muted">{t('volunteer.care.intro')}</p>
          {problem && problem.top.length > 0 && (
            <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
          )}
          <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={next}>
            <Form.Item
              label={t('volunteer.care.for')}
              name="for"
              rules={[{ required: true, message: t('volunteer.care.chooseFor') }]}
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: SELF, label: t('volunteer.care.self'), disabled: self.age < OLD_ENOUGH },
                  ...relatives.map((r) => ({ value: r.id, label: who(r.id), disabled: r.age < OLD_ENOUGH })),
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('volunteer.care.site')}
              name="institutionId"
              rules={[{ required: true, message: t('error.fieldRequired', { field: t('volunteer.care.site') }) }]}
              extra={t('volunteer.service.siteHint')}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={sites}
                placeholder={t('volunteer.service.sitePlaceholder')}
                size="large"
              />
            </Form.Item>
            <DurationFields maxHours={1500} />
            <Button type="primary" htmlType="submit" size="large" block className="vt-submit">
              {t('volunteer.next')}
            </Button>
          </Form>
        </div>
      )}
      <h2>{t('volunteer.care.list')}</h2>
      {list.data && list.data.careRedemptions.edges.length === 0 && <p>{t('volunteer.care.none')}</p>}
      <ul className="vt-list" aria-label={t('volunteer.care.list')}>
        {list.data?.careRedemptions.edges.map(({ node }) => (
          <li className="vt-line" key={node.id}>
            <div className="vt-line-main">
              <p>
                {t('volunteer.care.line', {
                  who: node.relationship
                    ? t('volunteer.relativeName', {
                        name: node.beneficiaryName,
                        relationship: relationshipLabel(t, node.relationship),
                      })
                    : t('volunteer.care.self'),
                  site: node.institution.name,
                })}
              </p>
              <p className="vt-muted">
                {formatDate(todayInShanghai(new Date(node.requestedAt)), lang)} · {formatMinutes(node.minutes, lang)}
              </p>
            </div>
            <div className="vt-line-side">{statusOf(node.status, node.cancelReason)}</div>
          </li>
        ))}
      </ul>
    </LargeType>
  );
}
