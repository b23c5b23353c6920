// /institution/volunteer-service: service done at the institution waiting to be verified (verify, or reject with a
// reason), care redeemed here to confirm or cancel, and volunteers' accounts: signing someone up on their behalf
// (people without a phone) and resetting a volunteer's password (a temporary password, shown once).
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorText, FormDialog } from '../../components/form-dialog';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMinutes } from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import {
  CancelCareRedemptionDocument,
  ConfirmCareRedemptionDocument,
  RecentVolunteersDocument,
  RegisterVolunteerOnBehalfDocument,
  RejectServiceDocument,
  ResetVolunteerPasswordDocument,
  ServiceWaitingDocument,
  type ServiceWaitingQuery,
  VerifyServiceDocument,
} from './volunteer-service.generated';
import '../workplace.css';

type Service = ServiceWaitingQuery['serviceRecords']['edges'][number]['node'];
type Redemption = ServiceWaitingQuery['careRedemptions']['edges'][number]['node'];
interface VolunteerAccount {
  userId: string;
  username: string;
  name: string;
  idNumberMasked: string;
}

type Dialog =
  | { kind: 'verify'; service: Service }
  | { kind: 'reject'; service: Service }
  | { kind: 'confirm'; redemption: Redemption }
  | { kind: 'cancel'; redemption: Redemption }
  | { kind: 'signUp' }
  | { kind: 'reset'; volunteer: VolunteerAccount };

/** A temporary password for someone signed up here: 12 characters without look-alikes (0/O, 1/l). */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

const localDateTime = (iso: string) => iso.slice(0, 10);

export default function VolunteerServicePage() {
  const { t, lang } = useI18n();
  usePageTitle(t('institution.service.title'));
  const waiting = useQuery(ServiceWaitingDocument, { variables: { first: 100 } });
  const recent = useQuery(RecentVolunteersDocument, { variables: { first: 100 } });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [signedUp, setSignedUp] = useState<VolunteerAccount[]>([]);
  const [secret, setSecret] = useState<{ title: string; username: string; password: string } | null>(null);

  const services = waiting.data?.serviceRecords.edges.map((e) => e.node) ?? [];
  const redemptions = waiting.data?.careRedemptions.edges.map((e) => e.node) ?? [];
  const volunteers = useMemo(() => {
    const seen = new Map<string, VolunteerAccount>();
    for (const v of signedUp) seen.set(v.userId, v);
    for (const { node } of recent.data?.serviceRecords.edges ?? []) {
      // Only volunteers whose service was verified here (or who were signed up here) may be reset by this admin.
      if (node.status !== 'VERIFIED' || seen.has(node.volunteer.userId)) continue;
      seen.set(node.volunteer.userId, {
        userId: node.volunteer.userId,
        username: node.volunteer.username,
        name: node.volunteer.person.name,
        idNumberMasked: node.volunteer.person.idNumberMasked,
      });
    }
    return [...seen.values()];
  }, [recent.data, signedUp]);

  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    void waiting.refetch();
    void recent.refetch();
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('institution.service.title')}</h1>
        <div className="toolbar">
          <Button type="primary" onClick={() => setDialog({ kind: 'signUp' })}>
            {t('institution.signUp.button')}
          </Button>
        </div>
      </div>
      {notice && (
        <Alert className="form-alert" type="success" showIcon closable onClose={() => setNotice(null)} title={notice} />
      )}
      {waiting.error && <Alert type="error" showIcon title={errorText(waiting.error, t)} />}

      <section className="panel section-gap" aria-labelledby="service-heading">
        <h2 id="service-heading">
          {t('institution.service.waiting', { n: waiting.data?.serviceRecords.totalCount ?? 0 })}
        </h2>
        <p className="intro">{t('institution.service.waitingHint')}</p>
        <div className="table-scroll" tabIndex={0}>
          <Table<Service>
            size="small"
            rowKey="id"
            loading={waiting.loading}
            dataSource={services}
            pagination={false}
            locale={{ emptyText: <span className="empty-text">{t('institution.service.none')}</span> }}
            columns={[
              {
                key: 'volunteer',
                title: t('institution.service.volunteer'),
                render: (_, s) => `${s.volunteer.person.name}（${s.volunteer.person.idNumberMasked}）`,
              },
              { key: 'date', title: t('institution.service.date'), render: (_, s) => formatDate(s.serviceDate, lang) },
              {
                key: 'minutes',
                title: t('institution.service.minutes'),
                render: (_, s) => formatMinutes(s.minutes, lang),
              },
              {
                key: 'category',
                title: t('institution.service.category'),
                render: (_, s) => enumLabel(t, 'ServiceCategory', s.category),
              },
              { key: 'note', title: t('institution.service.note'), render: (_, s) => s.note ?? '' },
              {
                key: 'actions',
                title: t('institution.staff.actions'),
                render: (_, s) => (
                  <Space size={4}>
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'verify', service: s })}>
                      {t('institution.service.verify')}
                    </Button>
                    <Button size="small" danger onClick={() => setDialog({ kind: 'reject', service: s })}>
                      {t('institution.service.reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </section>

      <section className="panel section-gap" aria-labelledby="redemption-heading">
        <h2 id="redemption-heading">
          {t('institution.redemption.waiting', { n: waiting.data?.careRedemptions.totalCount ?? 0 })}
        </h2>
        <p className="intro">{t('institution.redemption.hint')}</p>
        <div className="table-scroll" tabIndex={0}>
          <Table<Redemption>
            size="small"
            rowKey="id"
            loading={waiting.loading}
            dataSource={redemptions}
            pagination={false}
            locale={{ emptyText: <span className="empty-text">{t('institution.redemption.none')}</span> }}
            columns={[
              {
                key: 'volunteer',
                title: t('institution.service.volunteer'),
                render: (_, r) => r.volunteer.person.name,
              },
              {
                key: 'beneficiary',
                title: t('institution.redemption.beneficiary'),
                render: (_, r) =>
                  r.relationship
                    ? `${r.beneficiaryName}（${enumLabel(t, 'Relationship', r.relationship)}）`
                    : t('institution.redemption.self', { name: r.beneficiaryName }),
              },
              {
                key: 'minutes',
                title: t('institution.service.minutes'),
                render: (_, r) => formatMinutes(r.minutes, lang),
              },
              {
                key: 'requested',
                title: t('institution.redemption.requested'),
                render: (_, r) => formatDate(localDateTime(r.requestedAt), lang),
              },
              {
                key: 'actions',
                title: t('institution.staff.actions'),
                render: (_, r) => (
                  <Space size={4}>
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'confirm', redemption: r })}>
                      {t('institution.redemption.confirm')}
                    </Button>
                    <Button size="small" danger onClick={() => setDialog({ kind: 'cancel', redemption: r })}>
                      {t('institution.redemption.cancel')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </section>

      <section className="panel section-gap" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t('institution.accounts.heading')}</h2>
        <p className="intro">{t('institution.accounts.hint')}</p>
        <div className="table-scroll" tabIndex={0}>
          <Table<VolunteerAccount>
            size="small"
            rowKey="userId"
            dataSource={volunteers}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <span className="empty-text">{t('institution.accounts.none')}</span> }}
            columns={[
              { key: 'name', title: t('institution.staff.name'), render: (_, v) => v.name },
              { key: 'id', title: t('institution.staff.idNumber'), render: (_, v) => v.idNumberMasked },
              { key: 'username', title: t('institution.accounts.username'), render: (_, v) => v.username },
              {
                key: 'actions',
                title: t('institution.staff.actions'),
                render: (_, v) => (
                  <Button size="small" onClick={() => setDialog({ kind: 'reset', volunteer: v })}>
                    {t('institution.accounts.reset')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      </section>

      {dialog?.kind === 'verify' && (
        <VerifyDialog service={dialog.service} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'reject' && (
        <RejectDialog service={dialog.service} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'confirm' && (
        <ConfirmRedemptionDialog redemption={dialog.redemption} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelRedemptionDialog redemption={dialog.redemption} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'signUp' && (
        <SignUpDialog
          onClose={() => setDialog(null)}
          onDone={(account, password) => {
            setDialog(null);
            setSignedUp((list) => [account, ...list]);
            setSecret({
              title: t('institution.signUp.done', { name: account.name }),
              username: account.username,
              password,
            });
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetDialog
          volunteer={dialog.volunteer}
          onClose={() => setDialog(null)}
          onDone={(password) => {
            setDialog(null);
            setSecret({
              title: t('institution.accounts.resetDone', { name: dialog.volunteer.name }),
              username: dialog.volunteer.username,
              password,
            });
          }}
        />
      )}
      {secret && (
        <section className="panel secret-panel" aria-labelledby="secret-heading">
          <h2 id="secret-heading">{secret.title}</h2>
          <p>{t('institution.secret.hint')}</p>
          <dl className="secret">
            <dt>{t('institution.accounts.username')}</dt>
            <dd>{secret.username}</dd>
            <dt>{t('institution.secret.password')}</dt>
            <dd>
              <Typography.Text code copyable>
                {secret.password}
              </Typography.Text>
            </dd>
          </dl>
          <Button onClick={() => setSecret(null)}>{t('institution.secret.close')}</Button>
        </section>
      )}
    </div>
  );
}

interface DialogProps {
  onClose(): void;
  onDone(message: string): void;
}

function VerifyDialog({ service, onClose, onDone }: DialogProps & { service: Service }) {
  const { t, lang } = useI18n();
  const [verify, { loading, error }] = useMutation(VerifyServiceDocument);
  const name = service.volunteer.person.name;
  return (
    <FormDialog
      open
      title={t('institution.service.verifyTitle')}
      onCancel={onClose}
      busy={loading}
      error={errorText(error, t)}
      onConfirm={() =>
        void verify({ variables: { id: service.id } }).then(
          () => onDone(t('institution.service.verified', { name })),
          () => undefined,
        )
      }
    >
      <p>
        {t('institution.service.verifyBody', {
          name,
          date: formatDate(service.serviceDate, lang),
          minutes: formatMinutes(service.minutes, lang),
        })}
      </p>
    </FormDialog>
  );
}

function RejectDialog({ service, onClose, onDone }: DialogProps & { service: Service }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [reject, { loading, error }] = useMutation(RejectServiceDocument);
  const name = service.volunteer.person.name;
  return (
    <FormDialog
      open
      title={t('institution.service.rejectTitle', { name })}
      onCancel={onClose}
      busy={loading}
      confirmDisabled={!reason.trim()}
      error={errorText(error, t)}
      onConfirm={() =>
        void reject({ variables: { id: service.id, reason: reason.trim() } }).then(
          () => onDone(t('institution.service.rejected', { name })),
          () => undefined,
        )
      }
    >
      <label className="field">
        <span>{t('institution.service.rejectReason')}</span>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={200} />
      </label>
    </FormDialog>
  );
}

function ConfirmRedemptionDialog({ redemption, onClose, onDone }: DialogProps & { redemption: Redemption }) {
  const { t, lang } = useI18n();
  const [confirm, { loading, error }] = useMutation(ConfirmCareRedemptionDocument);
  return (
    <FormDialog
      open
      title={t('institution.redemption.confirmTitle')}
      onCancel={onClose}
      busy={loading}
      error={errorText(error, t)}
      onConfirm={() =>
        void confirm({ variables: { id: redemption.id } }).then(
          () => onDone(t('institution.redemption.confirmed', { name: redemption.beneficiaryName })),
          () => undefined,
        )
      }
    >
      <p>
        {t('institution.redemption.confirmBody', {
          name: redemption.beneficiaryName,
          minutes: formatMinutes(redemption.minutes, lang),
        })}
      </p>
    </FormDialog>
  );
}

function CancelRedemptionDialog({ redemption, onClose, onDone }: DialogProps & { redemption: Redemption }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [cancel, { loading, error }] = useMutation(CancelCareRedemptionDocument);
  return (
    <FormDialog
      open
      title={t('institution.redemption.cancelTitle')}
      onCancel={onClose}
      busy={loading}
      confirmDisabled={!reason.trim()}
      error={errorText(error, t)}
      onConfirm={() =>
        void cancel({ variables: { id: redemption.id, reason: reason.trim() } }).then(
          () => onDone(t('institution.redemption.cancelled', { name: redemption.beneficiaryName })),
          () => undefined,
        )
      }
    >
      <p>{t('institution.redemption.cancelBody')}</p>
      <label className="field">
        <span>{t('institution.redemption.cancelReason')}</span>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={200} />
      </label>
    </FormDialog>
  );
}

function SignUpDialog({
  onClose,
  onDone,
}: {
  onClose(): void;
  onDone(account: VolunteerAccount, password: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [register, { loading, error }] = useMutation(RegisterVolunteerOnBehalfDocument);
  return (
    <FormDialog
      open
      title={t('institution.signUp.title')}
      onCancel={onClose}
      busy={loading}
      error={errorText(error, t)}
      onConfirm={async () => {
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        const password = temporaryPassword();
        const idNumber = String(values.idNumber).trim().toUpperCase();
        await register({
          variables: {
            input: {
              name: values.name,
              idNumber,
              phone: values.phone || undefined,
              username: values.username,
              password,
            },
          },
        }).then(
          ({ data }) =>
            data &&
            onDone(
              {
                userId: data.registerVolunteer.userId,
                username: data.registerVolunteer.username,
                name: values.name,
                idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
              },
              password,
            ),
          () => undefined,
        );
      }}
    >
      <p>{t('institution.signUp.hint')}</p>
      <Form form={form} layout="vertical" name="signUp">
        <Form.Item
          name="name"
          label={t('institution.staff.name')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('institution.staff.idNumber')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label={t('institution.signUp.phone')}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('institution.accounts.username')}
          extra={t('institution.signUp.usernameHint')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ResetDialog({
  volunteer,
  onClose,
  onDone,
}: {
  volunteer: VolunteerAccount;
  onClose(): void;
  onDone(password: string): void;
}) {
  const { t } = useI18n();
  const [reset, { loading, error }] = useMutation(ResetVolunteerPasswordDocument);
  return (
    <FormDialog
      open
      title={t('institution.accounts.resetTitle', { name: volunteer.name })}
      onCancel={onClose}
      busy={loading}
      error={errorText(error, t)}
      onConfirm={() =>
        void reset({ variables: { userId: volunteer.userId } }).then(
          ({ data }) => data && onDone(data.resetPassword),
          () => undefined,
        )
      }
    >
      <p>{t('institution.accounts.resetBody', { name: volunteer.name })}</p>
    </FormDialog>
  );
}
