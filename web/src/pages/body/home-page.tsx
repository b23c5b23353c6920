// An evaluation body's (or college's) home: the certificates it issued, found by number or name and filtered by
// kind, status and issue dates; revoking one with a reason, and correcting one (the old number is revoked and a
// corrected certificate issued under a new number, in one step).
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CertificateKind, CertificateStatus } from '../../api/schema.generated';
import { EnumSelect } from '../../components/enum-select';
import { errorText, FormDialog, FormSendDialog } from '../../components/form-dialog';
import { Pager } from '../../components/pager';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatNumber } from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import {
  CertificatesIssuedDocument,
  CorrectCertificateDocument,
  type IssuedCertificateFragment,
  OwnBodyDocument,
  RevokeCertificateDocument,
} from './body.generated';
import '../workplace.css';

const PAGE_SIZE = 20;
const KINDS: CertificateKind[] = [
  'NURSING_ASSISTANT_SKILL',
  'SOCIAL_WORK',
  'CAPABILITY_ASSESSOR',
  'PROFESSIONAL_LICENSE',
];
const STATUSES: CertificateStatus[] = ['VALID', 'EXPIRED', 'REVOKED'];
const PROFESSIONS = ['NURSE', 'DOCTOR', 'THERAPIST', 'DIETITIAN', 'COUNSELOR'] as const;

type Dialog = { kind: 'revoke' | 'correct'; certificate: IssuedCertificateFragment };

export default function BodyHomePage() {
  const { t, lang } = useI18n();
  const own = useQuery(OwnBodyDocument, { fetchPolicy: 'cache-first' });
  const body = own.data?.evaluationBodies.edges[0]?.node;
  // The heading is the workspace's (pages.md: a role's home keeps its <h1>); the body is named below it.
  const title = t('home.body.title');
  usePageTitle(body ? t('body.title', { name: body.name }) : title);
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<{
    kind?: CertificateKind;
    status?: CertificateStatus;
    issuedFrom?: string;
    issuedTo?: string;
    numberOrName?: string;
  }>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(CertificatesIssuedDocument, {
    variables: {
      filter: {
        kind: filters.kind,
        status: filters.status,
        issuedFrom: filters.issuedFrom || undefined,
        issuedTo: filters.issuedTo || undefined,
        numberOrName: filters.numberOrName || undefined,
      },
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1],
    },
  });
  const connection = list.data?.certificatesIssued ?? list.previousData?.certificatesIssued;
  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([null]);
  };

  const level = (c: IssuedCertificateFragment) =>
    c.levelName ?? (c.profession ? enumLabel(t, 'Profession', c.profession) : '—');
  const columns: ColumnsType<IssuedCertificateFragment> = [
    { key: 'number', title: t('body.cert.number'), render: (_, c) => c.certificateNumber },
    { key: 'holder', title: t('body.cert.holder'), render: (_, c) => `${c.holder.name}（${c.holder.idNumberMasked}）` },
    { key: 'kind', title: t('body.cert.kind'), render: (_, c) => enumLabel(t, 'CertificateKind', c.kind) },
    { key: 'level', title: t('body.cert.level'), render: (_, c) => level(c) },
    { key: 'issued', title: t('body.cert.issuedOn'), render: (_, c) => formatDate(c.issuedOn, lang) },
    {
      key: 'expires',
      title: t('body.cert.expiresOn'),
      render: (_, c) => (c.expiresOn ? formatDate(c.expiresOn, lang) : t('body.cert.noExpiry')),
    },
    {
      key: 'status',
      title: t('body.cert.status'),
      render: (_, c) => (
        <>
          <span className={`status-badge status-${c.status.toLowerCase()}`}>
            {enumLabel(t, 'CertificateStatus', c.status)}
          </span>
          {c.supersededBy && <div>{t('body.cert.supersededBy', { number: c.supersededBy.certificateNumber })}</div>}
          {c.supersedes && <div>{t('body.cert.supersedes', { number: c.supersedes.certificateNumber })}</div>}
        </>
      ),
    },
    {
      key: 'actions',
      title: t('body.actions'),
      render: (_, c) =>
        c.status === 'REVOKED' ? null : (
          <Space size={4} wrap>
            <Button size="small" onClick={() => setDialog({ kind: 'correct', certificate: c })}>
              {t('body.correct.button')}
            </Button>
            <Button size="small" danger onClick={() => setDialog({ kind: 'revoke', certificate: c })}>
              {t('body.revoke.button')}
            </Button>
          </Space>
        ),
    },
  ];

  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    void list.refetch();
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {body && <p className="page-subtitle">{body.name}</p>}
        </div>
        <div className="toolbar">
          <Link to="/body/import">{t('body.importLink')}</Link>
        </div>
      </div>
      {notice && (
        <Alert className="form-alert" type="success" showIcon closable onClose={() => setNotice(null)} title={notice} />
      )}
      <section className="panel" aria-labelledby="certs-heading">
        <h2 id="certs-heading">{t('body.cert.heading')}</h2>
        <form
          className="filters"
          role="search"
          aria-label={t('body.cert.searchLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ numberOrName: search.trim() });
          }}
        >
          <label>
            <span>{t('body.cert.search')}</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <Button htmlType="submit">{t('body.cert.find')}</Button>
          <EnumSelect
            label={t('body.cert.kind')}
            enumName="CertificateKind"
            values={KINDS}
            value={filters.kind}
            allLabel={t('body.all')}
            onChange={(kind) => setFilter({ kind })}
          />
          <EnumSelect
            label={t('body.cert.status')}
            enumName="CertificateStatus"
            values={STATUSES}
            value={filters.status}
            allLabel={t('body.all')}
            onChange={(status) => setFilter({ status })}
          />
          <label>
            <span>{t('body.cert.issuedFrom')}</span>
            <input
              type="date"
              value={filters.issuedFrom ?? ''}
              onChange={(e) => setFilter({ issuedFrom: e.target.value })}
            />
          </label>
          <label>
            <span>{t('body.cert.issuedTo')}</span>
            <input
              type="date"
              value={filters.issuedTo ?? ''}
              onChange={(e) => setFilter({ issuedTo: e.target.value })}
            />
          </label>
        </form>
        <p className="list-count" role="status">
          {connection ? t('body.cert.count', { n: formatNumber(connection.totalCount, lang) }) : t('body.loading')}
        </p>
        {list.error && <Alert type="error" showIcon title={errorText(list.error, t)} />}
        <div className="table-scroll" tabIndex={0}>
          <Table<IssuedCertificateFragment>
            locale={{ emptyText: <span className="empty-text">{t('body.cert.none')}</span> }}
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={connection?.edges.map((e) => e.node) ?? []}
            loading={list.loading}
            pagination={false}
          />
        </div>
        <Pager
          cursors={cursors}
          setCursors={setCursors}
          pageInfo={connection?.pageInfo}
          previousLabel={t('body.previous')}
          pageLabel={t('body.page', { n: cursors.length })}
          nextLabel={t('body.next')}
        />
      </section>
      {dialog?.kind === 'revoke' && (
        <RevokeDialog certificate={dialog.certificate} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'correct' && (
        <CorrectDialog certificate={dialog.certificate} onClose={() => setDialog(null)} onDone={done} />
      )}
    </div>
  );
}

interface DialogProps {
  certificate: IssuedCertificateFragment;
  onClose(): void;
  onDone(message: string): void;
}

function RevokeDialog({ certificate, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [revoke, { loading, error }] = useMutation(RevokeCertificateDocument);
  return (
    <FormDialog
      open
      title={t('body.revoke.title', { number: certificate.certificateNumber })}
      onCancel={onClose}
      busy={loading}
      confirmDisabled={!reason.trim()}
      error={errorText(error, t)}
      onConfirm={() =>
        void revoke({ variables: { id: certificate.id, reason: reason.trim() } }).then(
          () => onDone(t('body.revoke.done', { number: certificate.certificateNumber })),
          () => undefined,
        )
      }
    >
      <p>{t('body.revoke.body', { name: certificate.holder.name })}</p>
      <label className="field">
        <span>{t('body.revoke.reason')}</span>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={200} />
      </label>
    </FormDialog>
  );
}

function CorrectDialog({ certificate, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [correct, { loading, error }] = useMutation(CorrectCertificateDocument);
  const licence = certificate.kind === 'PROFESSIONAL_LICENSE';
  return (
    <FormSendDialog
      open
      title={t('body.correct.title', { number: certificate.certificateNumber })}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) =>
        correct({
          variables: {
            id: certificate.id,
            reason: values.reason,
            input: {
              certificateNumber: values.certificateNumber,
              level: licence ? undefined : values.level,
              profession: licence ? values.profession : undefined,
              issuedOn: values.issuedOn,
              expiresOn: values.expiresOn || undefined,
            },
          },
        })
      }
      done={(values, { data }) =>
        data &&
        onDone(
          t('body.correct.done', {
            old: certificate.certificateNumber,
            number: data.correctCertificate.certificateNumber,
          }),
        )
      }
    >
      <p>{t('body.correct.body')}</p>
      <Form
        form={form}
        layout="vertical"
        name="correctCertificate"
        initialValues={{
          level: certificate.level ?? undefined,
          profession: certificate.profession ?? undefined,
          issuedOn: certificate.issuedOn,
          expiresOn: certificate.expiresOn ?? '',
        }}
      >
        <Form.Item
          name="certificateNumber"
          label={t('body.correct.newNumber')}
          extra={t('body.correct.newNumberHint')}
          rules={[{ required: true, message: t('body.required') }]}
        >
          <Input />
        </Form.Item>
        {licence ? (
          <Form.Item name="profession" label={t('body.cert.profession')} rules={[{ required: true }]}>
            <Select options={PROFESSIONS.map((v) => ({ value: v, label: enumLabel(t, 'Profession', v) }))} />
          </Form.Item>
        ) : (
          <Form.Item name="level" label={t('body.correct.level')} rules={[{ required: true }]}>
            <InputNumber min={1} max={certificate.kind === 'SOCIAL_WORK' ? 3 : 5} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="issuedOn" label={t('body.cert.issuedOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('body.correct.expiresOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('body.correct.reason')}
          rules={[{ required: true, message: t('body.required') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}
