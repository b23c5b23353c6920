// /body/training: the body's training sessions (create one), the attendance upload for a session (培训签到) with
// its completed count, and, for colleges, the program years by major (enter and edit).
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { RegionsDocument } from '../../api/regions.generated';
import type { AttendanceInput, CollegeMajor, TrainingAudience } from '../../api/schema.generated';
import { useRegionNames } from '../../api/use-regions';
import { errorText, FormSendDialog } from '../../components/form-dialog';
import { Pager } from '../../components/pager';
import { usePageTitle } from '../../components/page-title';
import { SpreadsheetUpload } from '../../components/spreadsheet-upload/spreadsheet-upload';
import { ATTENDANCE_TEMPLATE } from '../../components/spreadsheet-upload/templates';
import { formatDate, formatNumber, todayInShanghai } from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import {
  CreateTrainingSessionDocument,
  OwnBodyDocument,
  ProgramYearsDocument,
  type ProgramYearsQuery,
  RecordAttendanceDocument,
  RecordProgramYearDocument,
  TrainingSessionsDocument,
  type TrainingSessionsQuery,
} from './body.generated';
import '../workplace.css';

const AUDIENCES: TrainingAudience[] = ['CAREGIVER', 'DIRECTOR', 'SOCIAL_WORKER', 'CAPABILITY_ASSESSOR', 'OTHER'];
const MAJORS: CollegeMajor[] = [
  'ELDER_CARE_SERVICES',
  'ELDER_CARE_MANAGEMENT',
  'REHABILITATION_NURSING',
  'ELDER_NUTRITION',
  'ELDER_SOCIAL_WORK',
  'ELDER_PRODUCTS',
];
const MAX_ATTENDANCE_ROWS = 10000;
const PAGE_SIZE = 20;

type Session = TrainingSessionsQuery['trainingSessions']['edges'][number]['node'];
type ProgramYear = ProgramYearsQuery['collegeProgramYears']['edges'][number]['node'];

export default function TrainingPage() {
  const { t, lang } = useI18n();
  const client = useApolloClient();
  const regionName = useRegionNames();
  usePageTitle(t('body.training.title'));
  const own = useQuery(OwnBodyDocument, { fetchPolicy: 'cache-first' });
  const body = own.data?.evaluationBodies.edges[0]?.node;
  const college = body?.kind === 'VOCATIONAL_COLLEGE' || body?.kind === 'TECHNICAL_SCHOOL';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const sessions = useQuery(TrainingSessionsDocument, {
    variables: { first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const connection = sessions.data?.trainingSessions ?? sessions.previousData?.trainingSessions;
  const [chosen, setChosen] = useState<Session | null>(null);
  const [dialog, setDialog] = useState<'session' | { programYear: ProgramYear | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recordAttendance] = useMutation(RecordAttendanceDocument);
  const n = (v: number) => formatNumber(v, lang);
  // The chosen session as the list shows it now (its counts change after an upload).
  const current = connection?.edges.find((e) => e.node.id === chosen?.id)?.node ?? chosen;

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('body.training.title')}</h1>
        <div className="toolbar">
          {body?.mayTrain && (
            <Button type="primary" onClick={() => setDialog('session')}>
              {t('body.session.create')}
            </Button>
          )}
        </div>
      </div>
      {notice && (
        <Alert className="form-alert" type="success" showIcon closable onClose={() => setNotice(null)} title={notice} />
      )}
      {body && !body.mayTrain && <Alert type="info" showIcon title={t('body.training.mayNotTrain')} />}

      <section className="panel section-gap" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('body.session.heading')}</h2>
        {sessions.error && <Alert type="error" showIcon title={errorText(sessions.error, t)} />}
        <div className="table-scroll" tabIndex={0}>
          <Table<Session>
            size="small"
            rowKey="id"
            loading={sessions.loading}
            dataSource={connection?.edges.map((e) => e.node) ?? []}
            pagination={false}
            rowClassName={(s) => (s.id === chosen?.id ? 'chosen-row' : '')}
            locale={{ emptyText: <span className="empty-text">{t('body.session.none')}</span> }}
            columns={[
              { key: 'title', title: t('body.session.name'), render: (_, s) => s.title },
              {
                key: 'audience',
                title: t('body.session.audience'),
                render: (_, s) => enumLabel(t, 'TrainingAudience', s.audience),
              },
              { key: 'region', title: t('body.session.region'), render: (_, s) => regionName(s.regionCode) },
              {
                key: 'dates',
                title: t('body.session.dates'),
                render: (_, s) => `${formatDate(s.startDate, lang)} – ${formatDate(s.endDate, lang)}`,
              },
              { key: 'hours', title: t('body.session.hours'), render: (_, s) => n(s.hours) },
              {
                key: 'attendees',
                title: t('body.session.attendees'),
                render: (_, s) => t('body.session.attendeesValue', { n: n(s.attendeeCount), capacity: n(s.capacity) }),
              },
              { key: 'completed', title: t('body.session.completed'), render: (_, s) => n(s.completedCount) },
              {
                key: 'actions',
                title: t('body.actions'),
                render: (_, s) => (
                  <Button
                    size="small"
                    type={s.id === chosen?.id ? 'primary' : 'default'}
                    onClick={() => {
                      setChosen(s);
                      setTimeout(() => document.getElementById('attendance-heading')?.scrollIntoView(), 0);
                    }}
                  >
                    {t('body.session.choose')}
                  </Button>
                ),
              },
            ]}
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

      <section className="panel section-gap" aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">
          {current ? t('body.attendance.headingFor', { title: current.title }) : t('body.attendance.heading')}
        </h2>
        {current && (
          <p className="intro">
            {t('body.attendance.counts', {
              attendees: n(current.attendeeCount),
              completed: n(current.completedCount),
              capacity: n(current.capacity),
              year: current.endDate.slice(0, 4),
            })}
          </p>
        )}
        <SpreadsheetUpload
          key={current?.id ?? 'none'}
          template={ATTENDANCE_TEMPLATE}
          maxRows={MAX_ATTENDANCE_ROWS}
          blockedReason={current ? undefined : t('body.attendance.chooseFirst')}
          send={async (rows, dryRun) => {
            const { data } = await recordAttendance({
              variables: { sessionId: current!.id, dryRun, rows: rows as unknown as AttendanceInput[] },
            });
            return data!.recordAttendance;
          }}
          onWritten={() => void client.refetchQueries({ include: ['TrainingSessions'] })}
        />
      </section>

      {college && <ProgramYears onEdit={(programYear) => setDialog({ programYear })} />}

      {dialog === 'session' && body && (
        <SessionDialog
          regionCode={body.regionCode}
          onClose={() => setDialog(null)}
          onDone={(title) => {
            setDialog(null);
            setNotice(t('body.session.created', { title }));
            setCursors([null]);
            void sessions.refetch();
          }}
        />
      )}
      {dialog && dialog !== 'session' && (
        <ProgramYearDialog
          programYear={dialog.programYear}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
            void client.refetchQueries({ include: ['ProgramYears'] });
          }}
        />
      )}
    </div>
  );
}

function ProgramYears({ onEdit }: { onEdit(programYear: ProgramYear | null): void }) {
  const { t, lang } = useI18n();
  const years = useQuery(ProgramYearsDocument, { variables: { first: 100 } });
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section className="panel section-gap" aria-labelledby="programs-heading">
      <div className="section-header">
        <h2 id="programs-heading">{t('body.program.heading')}</h2>
        <Button onClick={() => onEdit(null)}>{t('body.program.add')}</Button>
      </div>
      <p className="intro">{t('body.program.hint')}</p>
      <div className="table-scroll" tabIndex={0}>
        <Table<ProgramYear>
          locale={{ emptyText: <span className="empty-text">{t('body.program.none')}</span> }}
          size="small"
          rowKey={(p) => `${p.year}-${p.major}`}
          loading={years.loading}
          dataSource={years.data?.collegeProgramYears.edges.map((e) => e.node) ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              key: 'year',
              title: t('body.program.year'),
              render: (_, p) => t('body.program.yearValue', { year: p.year }),
            },
            { key: 'major', title: t('body.program.major'), render: (_, p) => enumLabel(t, 'CollegeMajor', p.major) },
            { key: 'enrolled', title: t('body.program.enrolled'), align: 'right', render: (_, p) => n(p.enrolled) },
            { key: 'graduated', title: t('body.program.graduated'), align: 'right', render: (_, p) => n(p.graduated) },
            {
              key: 'entering',
              title: t('body.program.entering'),
              align: 'right',
              render: (_, p) => n(p.graduatesEnteringElderCare),
            },
            {
              key: 'actions',
              title: t('body.actions'),
              render: (_, p) => (
                <Button size="small" onClick={() => onEdit(p)}>
                  {t('body.program.edit')}
                </Button>
              ),
            },
          ]}
        />
      </div>
    </section>
  );
}

function SessionDialog({
  regionCode,
  onClose,
  onDone,
}: {
  regionCode: string;
  onClose(): void;
  onDone(title: string): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const [create, { loading, error }] = useMutation(CreateTrainingSessionDocument);
  const today = todayInShanghai();
  return (
    <FormSendDialog
      open
      title={t('body.session.create')}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) => create({ variables: { input: { ...values, title: String(values.title).trim() } } })}
      done={(values, { data }) => data && onDone(data.createTrainingSession.title)}
    >
      <Form
        form={form}
        layout="vertical"
        name="session"
        initialValues={{ regionCode, audience: 'CAREGIVER', startDate: today, endDate: today, hours: 8, capacity: 50 }}
      >
        <Form.Item
          name="title"
          label={t('body.session.name')}
          rules={[{ required: true, message: t('body.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="audience" label={t('body.session.audience')} rules={[{ required: true }]}>
          <Select options={AUDIENCES.map((a) => ({ value: a, label: enumLabel(t, 'TrainingAudience', a) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('body.session.region')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(regions.data?.regions ?? [])
              .filter((r) => r.kind !== 'FUNCTIONAL_ZONE')
              .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.nameZh : r.nameEn }))}
          />
        </Form.Item>
        <Form.Item name="startDate" label={t('body.session.startDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endDate" label={t('body.session.endDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="hours" label={t('body.session.hours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} step={0.5} />
        </Form.Item>
        <Form.Item name="capacity" label={t('body.session.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}

function ProgramYearDialog({
  programYear,
  onClose,
  onDone,
}: {
  programYear: ProgramYear | null;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [record, { loading, error }] = useMutation(RecordProgramYearDocument);
  return (
    <FormSendDialog
      open
      title={programYear ? t('body.program.edit') : t('body.program.add')}
      onCancel={onClose}
      busy={loading}
      error={error}
      form={form}
      send={(values) => record({ variables: { input: values } })}
      done={(values) =>
        onDone(t('body.program.saved', { year: values.year, major: enumLabel(t, 'CollegeMajor', values.major) }))
      }
    >
      <Form
        form={form}
        layout="vertical"
        name="programYear"
        initialValues={
          programYear ?? {
            year: Number(todayInShanghai().slice(0, 4)) - 1,
            major: 'ELDER_CARE_SERVICES',
            enrolled: 0,
            graduated: 0,
            graduatesEnteringElderCare: 0,
          }
        }
      >
        <Form.Item name="year" label={t('body.program.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} precision={0} disabled={!!programYear} />
        </Form.Item>
        <Form.Item name="major" label={t('body.program.major')} rules={[{ required: true }]}>
          <Select
            disabled={!!programYear}
            options={MAJORS.map((m) => ({ value: m, label: enumLabel(t, 'CollegeMajor', m) }))}
          />
        </Form.Item>
        <Form.Item name="enrolled" label={t('body.program.enrolled')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="graduated" label={t('body.program.graduated')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="graduatesEnteringElderCare" label={t('body.program.entering')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Form>
    </FormSendDialog>
  );
}
