import { useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { explainError } from '../../api/errors';
import type { AuditEventFilter } from '../../api/schema.generated';
import { usePageTitle } from '../../components/page-title';
import { formatDate, todayInShanghai } from '../../format';
import { enumLabel, type MessageKey, type Translate, useI18n } from '../../i18n';
import { AdminAuditDocument, type AdminAuditQuery } from './admin.generated';
import { OPERATIONS } from './operations';
import './admin.css';

type Event = AdminAuditQuery['auditEvents']['edges'][number]['node'];
interface Filters {
  operation?: string;
  actorUsername?: string;
  from?: string;
  to?: string;
}

const label = (t: Translate, prefix: string, code: string) => {
  const key = `${prefix}.${code}` as MessageKey;
  const text = t(key);
  return text === undefined || text === key ? code : text;
};

/** One value of a summary, in words: yes/no, a list, or the value. */
function valueText(t: Translate, value: unknown): string {
  if (value === null || value === undefined) return t('admin.audit.none');
  if (typeof value === 'boolean') return value ? t('admin.audit.yes') : t('admin.audit.no');
  if (Array.isArray(value)) return value.map((v) => valueText(t, v)).join('、');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${label(t, 'admin.field', k)}：${valueText(t, v)}`)
      .join('；');
  return String(value);
}

function Fields({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === undefined) return <span className="hint-inline">{t('admin.audit.none')}</span>;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return <>{valueText(t, value)}</>;
  return (
    <dl className="audit-fields">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k}>
          <dt>{label(t, 'admin.field', k)}：</dt>
          <dd>{valueText(t, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Dates of the filter (Asia/Shanghai days) as the API's timestamps: from the start of `from` to the end of `to`. */
function range(filters: Filters): Pick<AuditEventFilter, 'from' | 'to'> {
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();
  return {
    from: filters.from ? new Date(`${filters.from}T00:00:00+08:00`).toISOString() : undefined,
    to: filters.to ? next(filters.to) : undefined,
  };
}

/** The audit trail, newest first, with filters (operation, actor, dates) and each event's before and after. */
export default function AuditPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('admin.audit.title'));
  const [filters, setFilters] = useState<Filters>({});
  const filter: AuditEventFilter = {
    operation: filters.operation,
    actorUsername: filters.actorUsername?.trim() || undefined,
    ...range(filters),
  };
  const { data, error, loading, fetchMore } = useQuery(AdminAuditDocument, {
    variables: { filter },
    fetchPolicy: 'cache-and-network',
  });
  const time = (iso: string) =>
    `${formatDate(todayInShanghai(new Date(iso)), lang)} ${new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }).format(new Date(iso))}`;

  const columns = [
    { key: 'at', title: t('admin.audit.at'), render: (e: Event) => time(e.occurredAt), width: 170 },
    {
      key: 'actor',
      title: t('admin.audit.actor'),
      render: (e: Event) =>
        e.actorUsername
          ? `${e.actorUsername}${e.actorRole ? `（${enumLabel(t, 'Role', e.actorRole)}）` : ''}`
          : t('admin.audit.anonymous'),
    },
    { key: 'operation', title: t('admin.audit.operation'), render: (e: Event) => label(t, 'admin.op', e.operation) },
    {
      key: 'record',
      title: t('admin.audit.record'),
      render: (e: Event) => label(t, 'admin.record', e.recordType),
    },
    {
      key: 'before',
      title: t('admin.audit.before'),
      render: (e: Event) => <Fields value={(e.summary as Record<string, unknown>)?.before} />,
    },
    {
      key: 'after',
      title: t('admin.audit.after'),
      render: (e: Event) => {
        const { before: _before, after, ...rest } = (e.summary ?? {}) as Record<string, unknown>;
        void _before;
        return (
          <>
            {after !== undefined && <Fields value={after} />}
            {Object.keys(rest).length > 0 && <Fields value={rest} />}
            {after === undefined && Object.keys(rest).length === 0 && (
              <span className="hint-inline">{t('admin.audit.none')}</span>
            )}
          </>
        );
      },
    },
  ];

  return (
    <div className="admin-page">
      <div className="page-header">
        <h1>{t('admin.audit.title')}</h1>
      </div>
      {error && <Alert className="form-alert" type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      <section className="panel">
        <Form
          name="auditFilters"
          layout="inline"
          className="filters"
          onValuesChange={(_, all: Filters) => setFilters(all)}
        >
          <Form.Item label={t('admin.audit.operation')} name="operation">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 200 }}
              placeholder={t('admin.filter.any')}
              options={OPERATIONS.map((op) => ({ value: op, label: label(t, 'admin.op', op) }))}
            />
          </Form.Item>
          <Form.Item label={t('admin.audit.actor')} name="actorUsername">
            <Input allowClear placeholder={t('admin.audit.actorHint')} />
          </Form.Item>
          <Form.Item label={t('admin.audit.from')} name="from">
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('admin.audit.to')} name="to">
            <Input type="date" />
          </Form.Item>
        </Form>
        <p>{t('admin.count', { n: data?.auditEvents.totalCount ?? 0 })}</p>
        <Table<Event>
          rowKey="id"
          size="middle"
          loading={loading && !data}
          dataSource={data?.auditEvents.edges.map((e) => e.node) ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 1000 }}
        />
        {data?.auditEvents.pageInfo.hasNextPage && (
          <Button
            style={{ marginTop: 12 }}
            onClick={() =>
              void fetchMore({
                variables: { after: data.auditEvents.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  auditEvents: {
                    ...fetchMoreResult.auditEvents,
                    edges: [...prev.auditEvents!.edges, ...fetchMoreResult.auditEvents.edges],
                  },
                }),
              })
            }
          >
            {t('admin.more')}
          </Button>
        )}
      </section>
    </div>
  );
}
