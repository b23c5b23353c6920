// The institution admin's home: the staff list (occupation, team, active on a date, name), the active staff and
// social workers against the number the beds require, the beds and the social-work department; one person's
// registration, end of employment, correction and external certificates.
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { explainError } from '../../api/errors';
import type { Occupation, Team } from '../../api/schema.generated';
import { FigureCard } from '../../components/figure-card';
import { EnumSelect } from '../../components/enum-select';
import { FormDialog, FormSendDialog } from '../../components/form-dialog';
import { Pager } from '../../components/pager';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatNumber, todayInShanghai } from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { OCCUPATIONS } from '../../components/spreadsheet-upload/templates';
import {
  CorrectEmploymentDocument,
  EndEmploymentDocument,
  type InstitutionFiguresFragment,
  InstitutionHomeDocument,
  RecordExternalCertificateDocument,
  RegisterStaffDocument,
  StaffDocument,
  type StaffQuery,
  UpdateInstitutionDocument,
} from './institution.generated';
import '../workplace.css';

const PAGE_SIZE = 20;
const TEAMS: Team[] = ['CARE', 'PROFESSIONAL_TECHNICAL', 'MANAGEMENT'];
const OCCUPATION_CODES = OCCUPATIONS.map((o) => o.code as Occupation);
const END_REASONS = ['RESIGNED', 'TRANSFERRED', 'RETIRED', 'CONTRACT_ENDED', 'DISMISSED', 'DECEASED', 'OTHER'] as const;
const EDUCATIONS = [
  'PRIMARY_OR_BELOW',
  'JUNIOR_SECONDARY',
  'SENIOR_SECONDARY',
  'VOCATIONAL_SECONDARY',
  'JUNIOR_COLLEGE',
  'BACHELOR',
  'MASTER_OR_ABOVE',
] as const;
const CERT_KINDS = ['SOCIAL_WORK', 'PROFESSIONAL_LICENSE', 'NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR'] as const;
const PROFESSIONS = ['NURSE', 'DOCTOR', 'THERAPIST', 'DIETITIAN', 'COUNSELOR'] as const;

type PersonNode = StaffQuery['people']['edges'][number]['node'];
type Job = PersonNode['employments'][number];
interface StaffRow {
  key: string;
  person: PersonNode;
  job: Job;
}

type Dialog =
  | { kind: 'figures' }
  | { kind: 'register' }
  | { kind: 'end'; row: StaffRow }
  | { kind: 'correct'; row: StaffRow }
  | { kind: 'certificate'; row: StaffRow };

export default function InstitutionHomePage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const institutionId = session?.user.institutionId ?? '';
  const n = (v: number) => formatNumber(v, lang);
  const [filters, setFilters] = useState<{
    occupation?: Occupation;
    team?: Team;
    activeOn: string;
    namePrefix?: string;
  }>({ activeOn: todayInShanghai() });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const home = useQuery(InstitutionHomeDocument, { variables: { id: institutionId }, skip: !institutionId });
  const institution = home.data?.institution;
  // The heading is the workspace's (pages.md: a role's home keeps its <h1>); the institution is named below it.
  const title = t('home.institution.title');
  usePageTitle(institution ? t('institution.title', { name: institution.name }) : title);

  const filter = {
    institutionId,
    activeOn: filters.activeOn || undefined,
    occupation: filters.occupation,
    team: filters.team,
    namePrefix: filters.namePrefix?.trim() || undefined,
  };
  const after = cursors[cursors.length - 1];
  const staff = useQuery(StaffDocument, {
    variables: { filter, first: PAGE_SIZE, after },
    skip: !institutionId,
  });
  const people = staff.data?.people ?? staff.previousData?.people;

  // One row per job here that matches the filters (a person may hold two jobs at the institution).
  const rows: StaffRow[] = (people?.edges ?? []).flatMap(({ node }) =>
    node.employments
      .filter((e) => e.institution.id === institutionId)
      .filter((e) => !filters.occupation || e.occupation === filters.occupation)
      .filter(
        (e) => !filters.activeOn || (e.startDate <= filters.activeOn && (!e.endDate || e.endDate > filters.activeOn)),
      )
      .map((job) => ({ key: job.id, person: node, job })),
  );

  const changed = (message: string) => {
    setDialog(null);
    setNotice(message);
    void home.refetch();
    void staff.refetch();
  };

  const columns: ColumnsType<StaffRow> = [
    { key: 'name', title: t('institution.staff.name'), render: (_, r) => r.person.name },
    { key: 'id', title: t('institution.staff.idNumber'), render: (_, r) => r.person.idNumberMasked },
    {
      key: 'occupation',
      title: t('institution.staff.occupation'),
      render: (_, r) => enumLabel(t, 'Occupation', r.job.occupation),
    },
    { key: 'post', title: t('institution.staff.postType'), render: (_, r) => enumLabel(t, 'PostType', r.job.postType) },
    { key: 'start', title: t('institution.staff.startDate'), render: (_, r) => formatDate(r.job.startDate, lang) },
    {
      key: 'end',
      title: t('institution.staff.endDate'),
      render: (_, r) =>
        r.job.endDate
          ? `${formatDate(r.job.endDate, lang)}（${enumLabel(t, 'EndReason', r.job.endReason ?? 'OTHER')}）`
          : t('institution.staff.active'),
    },
    {
      key: 'certs',
      title: t('institution.staff.certificates'),
      className: 'wrap-cell',
      render: (_, r) =>
        r.person.certificates.length === 0
          ? '—'
          : r.person.certificates.map((c) => (
              <div key={c.id}>
                {enumLabel(t, 'CertificateKind', c.kind)}
                {c.levelName ? ` ${c.levelName}` : ''}
                {c.profession ? ` ${enumLabel(t, 'Profession', c.profession)}` : ''}
                {c.status !== 'VALID' && ` （${enumLabel(t, 'CertificateStatus', c.status)}）`}
              </div>
            )),
    },
    {
      key: 'actions',
      title: t('institution.staff.actions'),
      render: (_, r) => (
        <Space wrap size={4}>
          {!r.job.endDate && (
            <Button size="small" onClick={() => setDialog({ kind: 'end', row: r })}>
              {t('institution.end.button')}
            </Button>
          )}
          <Button size="small" onClick={() => setDialog({ kind: 'correct', row: r })}>
            {t('institution.correct.button')}
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'certificate', row: r })}>
            {t('institution.certificate.button')}
          </Button>
        </Space>
      ),
    },
  ];

  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([null]);
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {institution && <p className="page-subtitle">{institution.name}</p>}
        </div>
        <div className="toolbar">
          <Button type="primary" onClick={() => setDialog({ kind: 'register' })}>
            {t('institution.register.button')}
          </Button>
          <Link to="/institution/import">{t('institution.importLink')}</Link>
        </div>
      </div>
      {notice && (
        <Alert className="form-alert" type="success" showIcon closable onClose={() => setNotice(null)} title={notice} />
      )}
      {home.error && <Alert type="error" showIcon title={explainError(home.error, t).top.join(' ')} />}
      {institution && <Figures institution={institution} onEdit={() => setDialog({ kind: 'figures' })} />}

      <section className="panel staff-panel" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t('institution.staff.heading')}</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('institution.filters')}>
          <EnumSelect
            label={t('institution.filter.occupation')}
            enumName="Occupation"
            values={OCCUPATION_CODES}
            value={filters.occupation}
            allLabel={t('institution.filter.all')}
            onChange={(occupation) => setFilter({ occupation })}
          />
          <EnumSelect
            label={t('institution.filter.team')}
            enumName="Team"
            values={TEAMS}
            value={filters.team}
            allLabel={t('institution.filter.all')}
            onChange={(team) => setFilter({ team })}
          />
          <label>
            <span>{t('institution.filter.activeOn')}</span>
            <input type="date" value={filters.activeOn} onChange={(e) => setFilter({ activeOn: e.target.value })} />
          </label>
          <label>
            <span>{t('institution.filter.name')}</span>
            <input
              type="search"
              value={filters.namePrefix ?? ''}
              onChange={(e) => setFilter({ namePrefix: e.target.value })}
            />
          </label>
        </form>
        <p className="list-count" role="status">
          {people
            ? filters.activeOn
              ? t('institution.staff.countOn', { n: n(people.totalCount), date: formatDate(filters.activeOn, lang) })
              : t('institution.staff.countAll', { n: n(people.totalCount) })
            : t('institution.loading')}
        </p>
        {staff.error && <Alert type="error" showIcon title={explainError(staff.error, t).top.join(' ')} />}
        <div className="table-scroll" tabIndex={0}>
          <Table<StaffRow>
            locale={{ emptyText: <span className="empty-text">{t('institution.staff.none')}</span> }}
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={rows}
            loading={staff.loading}
            pagination={false}
            aria-label={t('institution.staff.heading')}
          />
        </div>
        <Pager
          cursors={cursors}
          setCursors={setCursors}
          pageInfo={people?.pageInfo}
          previousLabel={t('institution.previous')}
          pageLabel={t('institution.page', { n: cursors.length })}
          nextLabel={t('institution.next')}
        />
      </section>

      {dialog?.kind === 'figures' && institution && (
        <FiguresDialog institution={institution} onClose={() => setDialog(null)} onDone={changed} />
      )}
      {dialog?.kind === 'register' && (
        <RegisterDialog institutionId={institutionId} onClose={() => setDialog(null)} onDone={changed} />
      )}
      {dialog?.kind === 'end' && <EndDialog row={dialog.row} onClose={() => setDialog(null)} onDone={changed} />}
      {dialog?.kind === 'correct' && (
        <CorrectDialog row={dialog.row} onClose={() => setDialog(null)} onDone={changed} />
      )}
      {dialog?.kind === 'certificate' && (
        <CertificateDialog row={dialog.row} onClose={() => setDialog(null)} onDone={changed} />
      )}
    </div>
  );
}

function Figures({ institution, onEdit }: { institution: InstitutionFiguresFragment; onEdit(): void }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const required = institution.requiredSocialWorkers;
  return (
    <Row gutter={[16, 16]} className="figures-row">
      <Col xs={24} md={8}>
        <FigureCard
          title={t('institution.figures.active')}
          value={t('institution.persons', { n: n(institution.activeStaffCount) })}
        />
      </Col>
      <Col xs={24} md={8}>
        <FigureCard
          title={t('institution.figures.socialWorkers')}
          value={t('institution.persons', { n: n(institution.socialWorkerCount) })}
        >
          {required === null || required === undefined ? (
            <p className="figure-note">{t('institution.figures.noRequirement')}</p>
          ) : (
            <p className="figure-note">
              {t('institution.figures.required', { n: n(required) })}{' '}
              <span
                className={`status-badge ${institution.socialWorkerCount >= required ? 'status-valid' : 'status-revoked'}`}
              >
                {institution.socialWorkerCount >= required
                  ? t('institution.figures.meets')
                  : t('institution.figures.short', { n: n(required - institution.socialWorkerCount) })}
              </span>
            </p>
          )}
        </FigureCard>
      </Col>
      <Col xs={24} md={8}>
        <FigureCard
          title={t('institution.figures.beds')}
          value={
            institution.beds === null || institution.beds === undefined
              ? '—'
              : t('institution.bedsValue', { n: n(institution.beds) })
          }
        >
          <p className="figure-note">
            {institution.hasSocialWorkDepartment
              ? t('institution.figures.hasDepartment')
              : t('institution.figures.noDepartment')}
          </p>
          <Button size="small" onClick={onEdit}>
            {t('institution.figures.edit')}
          </Button>
        </FigureCard>
      </Col>
    </Row>
  );
}

interface DialogProps {
  onClose(): void;
  onDone(message: string): void;
}

function FiguresDialog({ institution, onClose, onDone }: DialogProps & { institution: InstitutionFiguresFragment }) {
  const { t } = useI18n();
  const [beds, setBeds] = useState<number | null>(institution.beds ?? null);
  const [department, setDepartment] = useState(institution.hasSocialWorkDepartment);
  const [update, { loading, error }] = useMutation(UpdateInstitutionDocument);
  return (
    <FormDialog
      open
      title={t('institution.figures.edit')}
      onCancel={onClose}
      busy={loading}
      error={
        error ? explainError(error, t).top.join(' ') || Object.values(explainError(error, t).fields).join(' ') : null
      }
      onConfirm={async () => {
        await update({
          variables: { id: institution.id, input: { beds: beds ?? undefined, hasSocialWorkDepartment: department } },
        }).then(
          () => onDone(t('institution.figures.saved')),
          () => undefined,
        );
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t('institution.figures.bedsLabel')} htmlFor="beds">
          <InputNumber id="beds" min={0} precision={0} value={beds} onChange={(v) => setBeds(v)} />
        </Form.Item>
        <Checkbox checked={department} onChange={(e) => setDepartment(e.target.checked)}>
          {t('institution.figures.departmentLabel')}
        </Checkbox>
      </Form>
    </FormDialog>
  );
}

function RegisterDialog({ institutionId, onClose, onDone }: DialogProps & { institutionId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [register, { loading, error }] = useMutation(RegisterStaffDocument);
  return (
    <FormSendDialog
      open
      title={t('institution.register.title')}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) =>
        register({
          variables: {
            input: {
              institutionId,
              name: values.name,
              idNumber: String(values.idNumber).trim().toUpperCase(),
              phone: values.phone || undefined,
              occupation: values.occupation,
              postType: values.postType,
              startDate: values.startDate,
              education: values.education || undefined,
            },
          },
        })
      }
      done={(values) => onDone(t('institution.register.done', { name: values.name }))}
    >
      <Form form={form} layout="vertical" name="register" initialValues={{ postType: 'FULL_TIME' }}>
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
        <Form.Item name="phone" label={t('institution.staff.phone')}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item
          name="occupation"
          label={t('institution.staff.occupation')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Select options={OCCUPATIONS.map((o) => ({ value: o.code, label: enumLabel(t, 'Occupation', o.code) }))} />
        </Form.Item>
        <Form.Item name="postType" label={t('institution.staff.postType')} rules={[{ required: true }]}>
          <Select options={['FULL_TIME', 'PART_TIME'].map((v) => ({ value: v, label: enumLabel(t, 'PostType', v) }))} />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('institution.staff.startDate')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="education" label={t('institution.staff.education')}>
          <Select allowClear options={EDUCATIONS.map((v) => ({ value: v, label: enumLabel(t, 'Education', v) }))} />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}

function EndDialog({ row, onClose, onDone }: DialogProps & { row: StaffRow }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [end, { loading, error }] = useMutation(EndEmploymentDocument);
  return (
    <FormSendDialog
      open
      title={t('institution.end.title', { name: row.person.name })}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) => end({ variables: { id: row.job.id, endDate: values.endDate, reason: values.reason } })}
      done={() => onDone(t('institution.end.done', { name: row.person.name }))}
    >
      <p>{t('institution.end.hint')}</p>
      <Form form={form} layout="vertical" name="end" initialValues={{ endDate: todayInShanghai(), reason: 'RESIGNED' }}>
        <Form.Item name="endDate" label={t('institution.end.date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('institution.end.reason')} rules={[{ required: true }]}>
          <Select options={END_REASONS.map((v) => ({ value: v, label: enumLabel(t, 'EndReason', v) }))} />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}

function CorrectDialog({ row, onClose, onDone }: DialogProps & { row: StaffRow }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [correct, { loading, error }] = useMutation(CorrectEmploymentDocument);
  return (
    <FormSendDialog
      open
      title={t('institution.correct.title', { name: row.person.name })}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) =>
        correct({
          variables: {
            id: row.job.id,
            reason: values.reason,
            input: {
              startDate: values.startDate,
              endDate: values.endDate || null,
              endReason: values.endDate ? (values.endReason ?? 'OTHER') : null,
            },
          },
        })
      }
      done={() => onDone(t('institution.correct.done', { name: row.person.name }))}
    >
      <Form
        form={form}
        layout="vertical"
        name="correct"
        initialValues={{
          startDate: row.job.startDate,
          endDate: row.job.endDate ?? '',
          endReason: row.job.endReason ?? undefined,
        }}
      >
        <Form.Item name="startDate" label={t('institution.staff.startDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endDate" label={t('institution.correct.endDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endReason" label={t('institution.end.reason')}>
          <Select allowClear options={END_REASONS.map((v) => ({ value: v, label: enumLabel(t, 'EndReason', v) }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('institution.correct.reason')}
          rules={[{ required: true, message: t('institution.required') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}

function CertificateDialog({ row, onClose, onDone }: DialogProps & { row: StaffRow }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as (typeof CERT_KINDS)[number] | undefined;
  const [record, { loading, error }] = useMutation(RecordExternalCertificateDocument);
  return (
    <FormSendDialog
      open
      title={t('institution.certificate.title', { name: row.person.name })}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) =>
        record({
          variables: {
            input: {
              personId: row.person.id,
              kind: values.kind,
              level: values.kind === 'PROFESSIONAL_LICENSE' ? undefined : values.level,
              profession: values.kind === 'PROFESSIONAL_LICENSE' ? values.profession : undefined,
              certificateNumber: values.certificateNumber,
              issuerName: values.issuerName,
              issuedOn: values.issuedOn,
              expiresOn: values.expiresOn || undefined,
            },
          },
        })
      }
      done={() => onDone(t('institution.certificate.done', { name: row.person.name }))}
    >
      <p>{t('institution.certificate.hint')}</p>
      <Form form={form} layout="vertical" name="certificate" initialValues={{ kind: 'SOCIAL_WORK' }}>
        <Form.Item name="kind" label={t('institution.certificate.kind')} rules={[{ required: true }]}>
          <Select options={CERT_KINDS.map((v) => ({ value: v, label: enumLabel(t, 'CertificateKind', v) }))} />
        </Form.Item>
        {kind === 'PROFESSIONAL_LICENSE' ? (
          <Form.Item name="profession" label={t('institution.certificate.profession')} rules={[{ required: true }]}>
            <Select options={PROFESSIONS.map((v) => ({ value: v, label: enumLabel(t, 'Profession', v) }))} />
          </Form.Item>
        ) : (
          <Form.Item name="level" label={t('institution.certificate.level')} rules={[{ required: true }]}>
            <InputNumber min={1} max={kind === 'SOCIAL_WORK' ? 3 : 5} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="certificateNumber" label={t('institution.certificate.number')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuerName" label={t('institution.certificate.issuer')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('institution.certificate.issuedOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('institution.certificate.expiresOn')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}
