import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import type { ServiceCategory } from '../../api/schema.generated';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMinutes, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, categoryLabel, ConfirmPanel, DonePanel, DurationFields, durationOf } from './parts';
import { useSiteOptions } from './sites';
import { VolunteerLogServiceDocument, VolunteerServiceRecordsDocument } from './timebank.generated';

const CATEGORIES: ServiceCategory[] = [
  'COMPANIONSHIP',
  'ERRANDS_AND_ESCORT',
  'RECREATION',
  'HEALTH_EDUCATION',
  'LEGAL_AID',
  'DIGITAL_HELP',
  'SAFETY_VISIT',
  'OTHER',
];
const FIELDS = ['institutionId', 'serviceDate', 'minutes', 'category'] as const;

interface Values {
  institutionId: string;
  serviceDate: string;
  category: ServiceCategory;
  hours?: number;
  mins?: number;
}

/** Log a service (site, date, category, hours and minutes), then see the records and what became of them. */
export default function ServicePage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.service.title'));
  const [form] = Form.useForm<Values>();
  const sites = useSiteOptions();
  const records = useQuery(VolunteerServiceRecordsDocument, { fetchPolicy: 'network-only' });
  const [log, { loading }] = useMutation(VolunteerLogServiceDocument);
  const [step, setStep] = useState<'form' | 'confirm' | 'done'>('form');
  const [values, setValues] = useState<Values | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const sending = useRef(false);
  const today = todayInShanghai();
  const siteName = (id?: string) => sites.find((s) => s.value === id)?.label ?? '';

  const next = (v: Values) => {
    setProblem(null);
    if (durationOf(v) <= 0) {
      setProblem({ fields: { minutes: t('volunteer.durationRequired') }, top: [] });
      return;
    }
    setValues(v);
    setStep('confirm');
  };
  const confirm = async () => {
    if (!values || sending.current) return;
    sending.current = true;
    try {
      await log({
        variables: {
          input: {
            institutionId: values.institutionId,
            serviceDate: values.serviceDate,
            category: values.category,
            minutes: durationOf(values),
          },
        },
      });
      setStep('done');
      form.resetFields();
      void records.refetch();
    } catch (error) {
      setProblem(explainError(error, t, FIELDS));
      setStep('form');
    } finally {
      sending.current = false;
    }
  };

  const statusOf = (r: NonNullable<typeof records.data>['serviceRecords']['edges'][number]['node']) => {
    if (r.status === 'VERIFIED')
      return (
        <>
          <span className="vt-status vt-status-ok">{t('volunteer.service.verified')}</span>
          <p>
            {t('volunteer.service.credited', {
              time: formatMinutes(r.creditedMinutes ?? 0, lang),
              points: r.pointsAwarded ?? 0,
            })}
          </p>
          {(r.uncreditedMinutes ?? 0) > 0 && (
            <p>{t('volunteer.service.overCap', { time: formatMinutes(r.uncreditedMinutes ?? 0, lang) })}</p>
          )}
        </>
      );
    if (r.status === 'REJECTED')
      return (
        <>
          <span className="vt-status vt-status-no">{t('volunteer.service.rejected')}</span>
          <p>{t('volunteer.service.reason', { reason: r.rejectReason ?? '' })}</p>
        </>
      );
    return <span className="vt-status vt-status-wait">{t('volunteer.service.waiting')}</span>;
  };

  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.service.title')}</h1>
      {step === 'done' && (
        <DonePanel onAgain={() => setStep('form')} againLabel={t('volunteer.service.again')}>
          <p className="vt-confirm-effect">{t('volunteer.service.logged')}</p>
          <p>{t('volunteer.service.loggedNext')}</p>
        </DonePanel>
      )}
      {step === 'confirm' && values && (
        <ConfirmPanel
          title={t('volunteer.service.confirmTitle')}
          busy={loading}
          onConfirm={() => void confirm()}
          onBack={() => setStep('form')}
          effect={t('volunteer.service.confirmEffect')}
        >
          <p>
            {t('volunteer.service.confirmWhat', {
              site: siteName(values.institutionId),
              date: formatDate(values.serviceDate, lang),
              category: categoryLabel(t, values.category),
              time: formatMinutes(durationOf(values), lang),
            })}
          </p>
        </ConfirmPanel>
      )}
      <div hidden={step !== 'form'}>
        <p>{t('volunteer.service.intro')}</p>
        {problem && problem.top.length > 0 && (
          <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
        )}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={next}>
          <Form.Item
            label={t('volunteer.service.site')}
            name="institutionId"
            rules={[{ required: true, message: t('error.fieldRequired', { field: t('volunteer.service.site') }) }]}
            validateStatus={problem?.fields.institutionId ? 'error' : undefined}
            help={problem?.fields.institutionId}
            extra={t('volunteer.service.siteHint')}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={sites}
              placeholder={t('volunteer.service.sitePlaceholder')}
              size="large"
            />
          </Form.Item>
          <Form.Item
            label={t('volunteer.service.date')}
            name="serviceDate"
            initialValue={today}
            rules={[{ required: true, message: t('error.fieldRequired', { field: t('volunteer.service.date') }) }]}
            validateStatus={problem?.fields.serviceDate ? 'error' : undefined}
            help={problem?.fields.serviceDate}
          >
            <Input type="date" max={today} size="large" />
          </Form.Item>
          <Form.Item
            label={t('volunteer.service.category')}
            name="category"
            rules={[{ required: true, message: t('error.fieldRequired', { field: t('volunteer.service.category') }) }]}
            validateStatus={problem?.fields.category ? 'error' : undefined}
            help={problem?.fields.category}
          >
            <Radio.Group
              optionType="button"
              options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            />
          </Form.Item>
          <DurationFields />
          {problem?.fields.minutes && (
            <p className="ant-form-item-explain-error vt-field-error" role="alert">
              {problem.fields.minutes}
            </p>
          )}
          <Button type="primary" htmlType="submit" size="large" block className="vt-submit">
            {t('volunteer.next')}
          </Button>
        </Form>
      </div>

      <h2>{t('volunteer.service.records')}</h2>
      {records.data && records.data.serviceRecords.edges.length === 0 && <p>{t('volunteer.service.none')}</p>}
      <ul className="vt-list" aria-label={t('volunteer.service.records')}>
        {records.data?.serviceRecords.edges.map(({ node }) => (
          <li className="vt-line" key={node.id}>
            <div className="vt-line-main">
              <p>
                {t('volunteer.service.recordLine', {
                  date: formatDate(node.serviceDate, lang),
                  site: node.institution.name,
                  category: categoryLabel(t, node.category),
                })}
              </p>
              <p className="vt-muted">{formatMinutes(node.minutes, lang)}</p>
            </div>
            <div className="vt-line-side">{statusOf(node)}</div>
          </li>
        ))}
      </ul>
    </LargeType>
  );
}
