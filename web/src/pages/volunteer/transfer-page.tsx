import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Radio, Spin } from 'antd';
import { Link } from 'react-router';
import { explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { formatMinutes } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, ConfirmPanel, DonePanel, DurationFields, durationOf, relationshipLabel } from './parts';
import { useSpendSteps } from './spend-steps';
import { VolunteerRelativesDocument, VolunteerTransferDocument } from './timebank.generated';

const POOL = 'POOL';
interface Values {
  to: string;
  hours?: number;
  mins?: number;
}

/** Transfer time to a relative who has an account, or donate it to the public pool: choose, confirm, done. */
export default function TransferPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.transfer.title'));
  const [form] = Form.useForm<Values>();
  const bank = useQuery(VolunteerRelativesDocument, { fetchPolicy: 'network-only' });
  const [transfer, { loading }] = useMutation(VolunteerTransferDocument);

  const data = bank.data?.myTimeBank;
  const balance = data?.timeBalanceMinutes ?? 0;
  const relatives = data?.relatives ?? [];
  const recipient = (to?: string) => {
    if (to === POOL) return t('volunteer.transfer.pool');
    const r = relatives.find((x) => x.id === to);
    return r ? t('volunteer.relativeName', { name: r.name, relationship: relationshipLabel(t, r.relationship) }) : '';
  };

  // One key per confirmation: a double tap, or a retry after a lost answer, moves the minutes once.
  const { step, setStep, values, setValues, problem, next, confirm } = useSpendSteps<Values>(
    balance,
    async (v, idempotencyKey) => {
      await transfer({
        variables: {
          input: {
            idempotencyKey,
            minutes: durationOf(v),
            ...(v.to === POOL ? { toPublicPool: true } : { toRelativeId: v.to }),
          },
        },
      });
      await bank.refetch();
    },
  );
  const again = () => {
    form.resetFields();
    setValues(null);
    setStep('form');
  };

  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.transfer.title')}</h1>
      {!data && !bank.error && <Spin aria-label={t('volunteer.loading')} />}
      {bank.error && (
        <Alert className="form-alert" type="error" showIcon title={explainError(bank.error, t).top.join(' ')} />
      )}
      {data && step === 'done' && values && (
        <DonePanel onAgain={again} againLabel={t('volunteer.transfer.again')}>
          <p className="vt-confirm-effect">
            {t(values.to === POOL ? 'volunteer.transfer.doneDonation' : 'volunteer.transfer.done', {
              who: recipient(values.to),
              time: formatMinutes(durationOf(values), lang),
            })}
          </p>
          <p>{t('volunteer.balanceNow', { time: formatMinutes(balance, lang) })}</p>
        </DonePanel>
      )}
      {data && step === 'confirm' && values && (
        <ConfirmPanel
          title={t('volunteer.transfer.confirmTitle')}
          busy={loading}
          onConfirm={() => void confirm()}
          onBack={() => setStep('form')}
          effect={t('volunteer.balanceEffect', {
            from: formatMinutes(balance, lang),
            to: formatMinutes(balance - durationOf(values), lang),
          })}
        >
          <p>
            {t(values.to === POOL ? 'volunteer.transfer.confirmDonation' : 'volunteer.transfer.confirmWhat', {
              who: recipient(values.to),
              time: formatMinutes(durationOf(values), lang),
            })}
          </p>
          <p className="vt-muted">{t('volunteer.transfer.final')}</p>
        </ConfirmPanel>
      )}
      {data && (
        <div hidden={step !== 'form'}>
          <p>{t('volunteer.balanceNow', { time: formatMinutes(balance, lang) })}</p>
          {problem && problem.top.length > 0 && (
            <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
          )}
          <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={next}>
            <Form.Item
              label={t('volunteer.transfer.to')}
              name="to"
              rules={[{ required: true, message: t('volunteer.transfer.chooseTo') }]}
              extra={relatives.some((r) => !r.hasAccount) ? t('volunteer.transfer.noAccountHint') : undefined}
            >
              <Radio.Group
                optionType="button"
                options={[
                  ...relatives.map((r) => ({
                    value: r.id,
                    label: recipient(r.id),
                    disabled: !r.hasAccount,
                  })),
                  { value: POOL, label: t('volunteer.transfer.pool') },
                ]}
              />
            </Form.Item>
            <DurationFields maxHours={1500} />
            <Button type="primary" htmlType="submit" size="large" block className="vt-submit">
              {t('volunteer.next')}
            </Button>
          </Form>
          <p className="vt-muted">
            {t('volunteer.transfer.addRelativeHint')}{' '}
            <Link to="/volunteer/relatives">{t('volunteer.nav.relatives')}</Link>
          </p>
        </div>
      )}
    </LargeType>
  );
}
