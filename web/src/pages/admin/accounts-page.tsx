import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Select, Table, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import type { Role, UserFilter } from '../../api/schema.generated';
import { useRegionNames } from '../../api/use-regions';
import { RegionsDocument } from '../../api/regions.generated';
import { ConfirmButtons, SuccessNotice, TemporaryPasswordAlert } from '../../components/account-notices';
import { usePageTitle } from '../../components/page-title';
import { formatDate, todayInShanghai } from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import {
  AdminCreateUserDocument,
  AdminDeactivateUserDocument,
  AdminResetPasswordDocument,
  AdminScopesDocument,
  AdminUsersDocument,
  type AdminUsersQuery,
} from './admin.generated';
import './admin.css';

const ROLES: Role[] = [
  'ADMIN',
  'MUNICIPAL_PLANNER',
  'DISTRICT_PLANNER',
  'INSTITUTION_ADMIN',
  'EVALUATION_BODY',
  'VOLUNTEER',
];
// Volunteers sign up themselves (or through an institution): the admin creates the other roles.
const CREATABLE: Role[] = ['ADMIN', 'MUNICIPAL_PLANNER', 'DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'EVALUATION_BODY'];
const FIELDS = ['username', 'role', 'regionCode', 'institutionId', 'evaluationBodyId', 'password'] as const;
type User = AdminUsersQuery['users']['edges'][number]['node'];

/** A temporary password without look-alike characters, from the browser's random source. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.getRandomValues(new Uint32Array(12)), (n) => alphabet[n % alphabet.length]).join('');
}

interface Filters {
  role?: Role;
  regionCode?: string;
  institutionId?: string;
  active?: 'true' | 'false';
  usernamePrefix?: string;
}
interface NewAccount {
  username: string;
  role: Role;
  regionCode?: string;
  institutionId?: string;
  evaluationBodyId?: string;
}
type Pending = { kind: 'create'; input: NewAccount } | { kind: 'deactivate' | 'reset'; user: User };

/** The admin's accounts: a filtered list, a new account with its scope, deactivation, a password reset. */
export default function AccountsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('home.admin.title'));
  const regionName = useRegionNames();
  const [filters, setFilters] = useState<Filters>({});
  const filter: UserFilter = {
    role: filters.role,
    regionCode: filters.regionCode,
    institutionId: filters.institutionId,
    active: filters.active === undefined ? undefined : filters.active === 'true',
    usernamePrefix: filters.usernamePrefix?.trim() || undefined,
  };
  const users = useQuery(AdminUsersDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const scopes = useQuery(AdminScopesDocument, { fetchPolicy: 'cache-first' });
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const [create, creating] = useMutation(AdminCreateUserDocument);
  const [deactivate, deactivating] = useMutation(AdminDeactivateUserDocument);
  const [reset, resetting] = useMutation(AdminResetPasswordDocument);
  const [form] = Form.useForm<NewAccount>();
  const role = Form.useWatch('role', form);
  const [showForm, setShowForm] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string; created: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const busy = useRef(false);

  const regionOptions = useMemo(
    () =>
      (regions.data?.regions ?? [])
        .filter((r) => r.kind !== 'FUNCTIONAL_ZONE')
        .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.nameZh : r.nameEn })),
    [regions.data, lang],
  );
  const institutionOptions = (scopes.data?.institutions.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.name,
  }));
  const bodyOptions = (scopes.data?.evaluationBodies.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.name,
  }));
  const bodyName = (id?: string | null) => bodyOptions.find((b) => b.value === id)?.label ?? '';
  const institutionName = (id?: string | null) => institutionOptions.find((b) => b.value === id)?.label ?? '';
  const scopeOf = (u: User) =>
    u.role === 'DISTRICT_PLANNER'
      ? regionName(u.regionCode)
      : u.role === 'INSTITUTION_ADMIN'
        ? (u.institution?.name ?? institutionName(u.institutionId))
        : u.role === 'EVALUATION_BODY'
          ? bodyName(u.evaluationBodyId)
          : u.role === 'MUNICIPAL_PLANNER'
            ? t('admin.scope.city')
            : u.role === 'VOLUNTEER'
              ? t('admin.scope.self')
              : t('admin.scope.all');

  const confirm = async () => {
    if (!pending || busy.current) return;
    busy.current = true;
    setProblem(null);
    try {
      if (pending.kind === 'create') {
        const password = temporaryPassword();
        await create({ variables: { input: { ...pending.input, password } } });
        setSecret({ username: pending.input.username, password, created: true });
        form.resetFields();
        setShowForm(false);
      } else if (pending.kind === 'reset') {
        const { data } = await reset({ variables: { id: pending.user.id } });
        if (data) setSecret({ username: pending.user.username, password: data.resetPassword, created: false });
      } else {
        await deactivate({ variables: { id: pending.user.id } });
        setNotice(t('admin.deactivated', { username: pending.user.username }));
      }
      void users.refetch();
    } catch (error) {
      setProblem(explainError(error, t, FIELDS));
    } finally {
      busy.current = false;
      setPending(null);
    }
  };

  const columns = [
    { key: 'username', title: t('admin.username'), render: (u: User) => u.username },
    { key: 'role', title: t('admin.role'), render: (u: User) => enumLabel(t, 'Role', u.role) },
    { key: 'scope', title: t('admin.scope'), render: scopeOf },
    {
      key: 'active',
      title: t('admin.status'),
      render: (u: User) => (
        <>
          {u.active ? <Tag className="tag-ok">{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>}
          {u.active && u.mustChangePassword && <Tag className="tag-wait">{t('admin.mustChange')}</Tag>}
        </>
      ),
    },
    {
      key: 'created',
      title: t('admin.created'),
      render: (u: User) => formatDate(todayInShanghai(new Date(u.createdAt)), lang),
    },
    {
      key: 'actions',
      title: t('admin.actions'),
      render: (u: User) => (
        <div className="toolbar">
          <Button disabled={!u.active} onClick={() => setPending({ kind: 'reset', user: u })}>
            {t('admin.reset')}
          </Button>
          <Button danger disabled={!u.active} onClick={() => setPending({ kind: 'deactivate', user: u })}>
            {t('admin.deactivate')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="admin-page">
      <div className="page-header">
        <h1>{t('home.admin.title')}</h1>
        <Button
          type="primary"
          size="large"
          onClick={() => {
            setShowForm(true);
            setSecret(null);
            setNotice(null);
          }}
        >
          {t('admin.new')}
        </Button>
      </div>
      {problem && problem.top.length > 0 && (
        <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
      )}
      {pending && (
        <section className="panel confirm-panel" aria-labelledby="confirm-title">
          <h2 id="confirm-title">
            {pending?.kind === 'create'
              ? t('admin.confirmCreate')
              : pending?.kind === 'reset'
                ? t('admin.confirmReset')
                : t('admin.confirmDeactivate')}
          </h2>
          {pending?.kind === 'create' && (
            <p>
              {t('admin.confirmCreateWhat', {
                username: pending.input.username,
                role: enumLabel(t, 'Role', pending.input.role),
              })}
            </p>
          )}
          {pending?.kind === 'reset' && <p>{t('admin.confirmResetWhat', { username: pending.user.username })}</p>}
          {pending?.kind === 'deactivate' && (
            <p>{t('admin.confirmDeactivateWhat', { username: pending.user.username })}</p>
          )}
          <ConfirmButtons
            danger={pending.kind === 'deactivate'}
            busy={creating.loading || deactivating.loading || resetting.loading}
            onConfirm={() => void confirm()}
            onCancel={() => setPending(null)}
          />
        </section>
      )}
      <SuccessNotice notice={notice} />
      {secret && (
        <TemporaryPasswordAlert
          title={t(secret.created ? 'admin.createdSecret' : 'admin.resetSecret', { username: secret.username })}
          password={secret.password}
          note={t('admin.shownOnce')}
          onNoted={() => setSecret(null)}
        />
      )}
      {showForm && (
        <section className="panel form-panel" aria-labelledby="new-account-title">
          <h2 id="new-account-title">{t('admin.new')}</h2>
          <Form<NewAccount>
            name="newAccount"
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(input) => {
              setProblem(null);
              setPending({ kind: 'create', input: { ...input, username: input.username.trim() } });
            }}
          >
            <Form.Item
              label={t('admin.username')}
              name="username"
              extra={t('admin.usernameHint')}
              rules={[
                { required: true, whitespace: true, message: t('error.fieldRequired', { field: t('admin.username') }) },
              ]}
              validateStatus={problem?.fields.username ? 'error' : undefined}
              help={problem?.fields.username}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('admin.role')}
              name="role"
              rules={[{ required: true, message: t('error.fieldRequired', { field: t('admin.role') }) }]}
            >
              <Select options={CREATABLE.map((r) => ({ value: r, label: enumLabel(t, 'Role', r) }))} />
            </Form.Item>
            {role === 'DISTRICT_PLANNER' && (
              <Form.Item
                label={t('admin.region')}
                name="regionCode"
                rules={[{ required: true, message: t('error.fieldRequired', { field: t('admin.region') }) }]}
                validateStatus={problem?.fields.regionCode ? 'error' : undefined}
                help={problem?.fields.regionCode}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
              </Form.Item>
            )}
            {role === 'INSTITUTION_ADMIN' && (
              <Form.Item
                label={t('admin.institution')}
                name="institutionId"
                rules={[{ required: true, message: t('error.fieldRequired', { field: t('admin.institution') }) }]}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={institutionOptions} />
              </Form.Item>
            )}
            {role === 'EVALUATION_BODY' && (
              <Form.Item
                label={t('admin.body')}
                name="evaluationBodyId"
                rules={[{ required: true, message: t('error.fieldRequired', { field: t('admin.body') }) }]}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={bodyOptions} />
              </Form.Item>
            )}
            <p className="hint">{t('admin.passwordNote')}</p>
            <div className="toolbar">
              <Button type="primary" htmlType="submit">
                {t('admin.create')}
              </Button>
              <Button onClick={() => setShowForm(false)}>{t('admin.cancel')}</Button>
            </div>
          </Form>
        </section>
      )}

      <section className="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('admin.list')}</h2>
        <Form name="filters" layout="inline" className="filters" onValuesChange={(_, all: Filters) => setFilters(all)}>
          <Form.Item label={t('admin.filter.username')} name="usernamePrefix">
            <Input allowClear />
          </Form.Item>
          <Form.Item label={t('admin.role')} name="role">
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('admin.filter.any')}
              options={ROLES.map((r) => ({ value: r, label: enumLabel(t, 'Role', r) }))}
            />
          </Form.Item>
          <Form.Item label={t('admin.region')} name="regionCode">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 140 }}
              placeholder={t('admin.filter.any')}
              options={regionOptions}
            />
          </Form.Item>
          <Form.Item label={t('admin.institution')} name="institutionId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 200 }}
              placeholder={t('admin.filter.any')}
              options={institutionOptions}
            />
          </Form.Item>
          <Form.Item label={t('admin.status')} name="active">
            <Select
              allowClear
              style={{ minWidth: 120 }}
              placeholder={t('admin.filter.any')}
              options={[
                { value: 'true', label: t('admin.active') },
                { value: 'false', label: t('admin.inactive') },
              ]}
            />
          </Form.Item>
        </Form>
        <p>{t('admin.count', { n: users.data?.users.totalCount ?? 0 })}</p>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.loading && !users.data}
          dataSource={users.data?.users.edges.map((e) => e.node) ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
        />
        {users.data?.users.pageInfo.hasNextPage && (
          <Button
            style={{ marginTop: 12 }}
            onClick={() =>
              void users.fetchMore({
                variables: { after: users.data!.users.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  users: { ...fetchMoreResult.users, edges: [...prev.users!.edges, ...fetchMoreResult.users.edges] },
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
