import './planning.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, InputNumber, Modal, Select, Spin, Table } from 'antd';
import { useMemo, useState } from 'react';
import { explainError } from '../../api/errors';
import { RegionsDocument } from '../../api/regions.generated';
import type { ApportionBasis, TargetMetric } from '../../api/schema.generated';
import { useRegionNames } from '../../api/use-regions';
import { usePageTitle } from '../../components/page-title';
import { formatNumber, formatRatio, todayInShanghai } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import {
  type ApportionTargetPageMutation,
  ApportionTargetPageDocument,
  SetTargetPageDocument,
  TargetsPageDocument,
  type TargetsPageQuery,
} from './targets.generated';

type Target = TargetsPageQuery['targets'][number];
type Apportioned = ApportionTargetPageMutation['apportionTarget'];

const METRICS: TargetMetric[] = [
  'TALENT_HEADCOUNT',
  'TRAINING_PERSON_SESSIONS',
  'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS',
  'SOCIAL_WORKERS_PER_100_BEDS',
];
const COUNT_METRICS: TargetMetric[] = ['TALENT_HEADCOUNT', 'TRAINING_PERSON_SESSIONS'];
const BASES: ApportionBasis[] = ['OLDER_ADULTS', 'HEADCOUNT', 'CARE_HOME_BEDS'];
const COUNTY_KINDS = new Set(['DISTRICT', 'COUNTY', 'AUTONOMOUS_COUNTY']);

const metricLabel = (t: ReturnType<typeof useI18n>['t'], m: string) =>
  t(`planning.enum.TargetMetric.${m}` as MessageKey);

/** The targets in force; municipal planners set them and share a city count target out to the districts. */
export default function TargetsPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const regionName = useRegionNames();
  const municipal = session?.user.role === 'MUNICIPAL_PLANNER';
  const ownRegion = session?.user.role === 'DISTRICT_PLANNER' ? session.user.regionCode : null;
  const title = ownRegion
    ? t('planning.targetsPage.titleRegion', { region: regionName(ownRegion) })
    : t('planning.targetsPage.title');
  usePageTitle(title);
  const { data, loading, error } = useQuery(TargetsPageDocument);
  const targets = data?.targets ?? [];
  const [metric, setMetric] = useState<TargetMetric>('TALENT_HEADCOUNT');
  const value = (m: string, v: number) =>
    COUNT_METRICS.includes(m as TargetMetric) ? formatNumber(v, lang) : formatRatio(v, lang);

  const city = targets
    .filter((x) => x.regionCode === null)
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.year - b.year);
  const regional = targets.filter((x) => x.regionCode !== null && x.metric === metric);
  const years = [...new Set(regional.map((x) => x.year))].sort();

  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <p className="intro">{municipal ? t('planning.targetsPage.intro') : t('planning.targetsPage.introDistrict')}</p>
      {error && !loading && <Alert type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {loading && !data && <Spin />}
      {data && (
        <div className="planning-body">
          <section className="panel table-card" aria-labelledby="city-targets">
            <h2 id="city-targets">{t('planning.targetsPage.cityTitle')}</h2>
            <Table<Target>
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={city}
              columns={[
                { key: 'metric', title: t('planning.targetsPage.metric'), render: (_, x) => metricLabel(t, x.metric) },
                { key: 'year', title: t('planning.targetsPage.year'), render: (_, x) => x.year },
                {
                  key: 'value',
                  title: t('planning.targetsPage.value'),
                  align: 'right',
                  render: (_, x) => value(x.metric, x.value),
                },
              ]}
            />
          </section>
          <section className="panel table-card" aria-labelledby="region-targets">
            <div className="chart-head">
              <h2 id="region-targets">{t('planning.targetsPage.regionTitle')}</h2>
              <div className="inline-field">
                <label htmlFor="region-metric">{t('planning.targetsPage.metric')}</label>
                <Select
                  id="region-metric"
                  value={metric}
                  onChange={setMetric}
                  options={METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))}
                  style={{ width: 260 }}
                />
              </div>
            </div>
            {regional.length === 0 ? (
              <p className="figure-note">{t('planning.targetsPage.noRegional')}</p>
            ) : (
              <RegionalTable rows={regional} years={years} metric={metric} ownRegion={ownRegion} />
            )}
          </section>
          {municipal && <SetTargetForm />}
          {municipal && <ApportionForm />}
        </div>
      )}
    </div>
  );
}

function RegionalTable({
  rows,
  years,
  metric,
  ownRegion,
}: {
  rows: Target[];
  years: number[];
  metric: TargetMetric;
  ownRegion: string | null | undefined;
}) {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const codes = [...new Set(rows.map((r) => r.regionCode!))].sort();
  const cell = new Map(rows.map((r) => [`${r.regionCode}:${r.year}`, r.value]));
  const show = (v: number) => (COUNT_METRICS.includes(metric) ? formatNumber(v, lang) : formatRatio(v, lang));
  return (
    <Table<string>
      className="region-target-table"
      size="small"
      pagination={false}
      rowKey={(c) => c}
      dataSource={ownRegion ? codes.filter((c) => c === ownRegion) : codes}
      scroll={{ x: true }}
      columns={[
        { key: 'region', title: t('planning.ratios.region'), render: (_, c) => regionName(c) },
        ...years.map((y) => ({
          key: String(y),
          title: t('planning.trainingPage.yearOption', { year: y }),
          align: 'right' as const,
          render: (_: unknown, c: string) => (cell.has(`${c}:${y}`) ? show(cell.get(`${c}:${y}`)!) : '—'),
        })),
      ]}
    />
  );
}

/** 设定目标: one metric, year and value, for the city or one district; asks 确认 before writing. */
function SetTargetForm() {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [metric, setMetric] = useState<TargetMetric>('TALENT_HEADCOUNT');
  const [region, setRegion] = useState<string>('');
  const [year, setYear] = useState<number>(thisYear + 1);
  const [value, setValue] = useState<number | null>(null);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [setTarget, result] = useMutation(SetTargetPageDocument, { refetchQueries: [TargetsPageDocument] });
  const count = COUNT_METRICS.includes(metric);
  const confirm = async () => {
    await setTarget({ variables: { input: { metric, regionCode: region || null, year, value: value! } } });
    setAsking(false);
    setDone(
      t('planning.targetsPage.setDone', {
        metric: metricLabel(t, metric),
        where: region ? regionName(region) : t('planning.ratiosPage.city'),
        year,
        value: count ? formatNumber(value!, lang) : formatRatio(value!, lang),
      }),
    );
  };
  return (
    <section className="panel form-card" aria-labelledby="set-target">
      <h2 id="set-target">{t('planning.targetsPage.setTitle')}</h2>
      <div className="form-row">
        <div className="inline-field">
          <label htmlFor="set-metric">{t('planning.targetsPage.metric')}</label>
          <Select
            id="set-metric"
            value={metric}
            onChange={setMetric}
            options={METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))}
            style={{ width: 260 }}
          />
        </div>
        <div className="inline-field">
          <label htmlFor="set-region">{t('planning.targetsPage.scope')}</label>
          <Select
            id="set-region"
            value={region}
            onChange={setRegion}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('planning.ratiosPage.city') },
              ...(regions.data?.regions ?? [])
                .filter((r) => COUNTY_KINDS.has(r.kind))
                .map((r) => ({ value: r.code, label: regionName(r.code) })),
            ]}
            style={{ width: 180 }}
          />
        </div>
        <div className="inline-field">
          <label htmlFor="set-year">{t('planning.targetsPage.year')}</label>
          <InputNumber
            id="set-year"
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => v && setYear(Number(v))}
          />
        </div>
        <div className="inline-field">
          <label htmlFor="set-value">{t('planning.targetsPage.value')}</label>
          <InputNumber
            id="set-value"
            min={0}
            precision={count ? 0 : 4}
            value={value}
            onChange={(v) => setValue(v === null ? null : Number(v))}
            style={{ width: 140 }}
          />
        </div>
        <Button type="primary" disabled={!value} onClick={() => (setDone(null), setAsking(true))}>
          {t('planning.targetsPage.setButton')}
        </Button>
      </div>
      {done && <Alert className="form-alert" type="success" showIcon title={done} />}
      <Modal
        getContainer={false}
        open={asking}
        title={t('planning.targetsPage.setTitle')}
        okText={t('planning.confirm')}
        cancelText={t('planning.cancel')}
        okButtonProps={{ loading: result.loading }}
        onOk={() => void confirm().catch(() => undefined)}
        onCancel={() => setAsking(false)}
      >
        <p>
          {t('planning.targetsPage.setAsk', {
            metric: metricLabel(t, metric),
            where: region ? regionName(region) : t('planning.ratiosPage.city'),
            year,
            value: value === null ? '' : count ? formatNumber(value, lang) : formatRatio(value, lang),
          })}
        </p>
        {result.error && <Alert type="error" showIcon title={explainError(result.error, t).top.join(' ')} />}
      </Modal>
    </section>
  );
}

/** Apportioning a city count target: 预览 shows the district figures (a dry run); 保存 then 确认 writes them. */
function ApportionForm() {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const [metric, setMetric] = useState<TargetMetric>('TALENT_HEADCOUNT');
  const [year, setYear] = useState<number>(2027);
  const [basis, setBasis] = useState<ApportionBasis>('OLDER_ADULTS');
  const [preview, setPreview] = useState<Apportioned | null>(null);
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState<Apportioned | null>(null);
  const [apportion, result] = useMutation(ApportionTargetPageDocument, { refetchQueries: [TargetsPageDocument] });
  const input = { metric, year, basis };
  const reset = () => (setPreview(null), setSaved(null));
  const runPreview = async () => {
    setSaved(null);
    const r = await apportion({ variables: { input: { ...input, dryRun: true } } });
    setPreview(r.data?.apportionTarget ?? null);
  };
  const confirm = async () => {
    const r = await apportion({ variables: { input: { ...input, dryRun: false } } });
    setAsking(false);
    setSaved(r.data?.apportionTarget ?? null);
    setPreview(r.data?.apportionTarget ?? null);
  };
  const shown = saved ?? preview;
  const rows = useMemo(() => shown?.targets ?? [], [shown]);
  return (
    <section className="panel form-card" aria-labelledby="apportion">
      <h2 id="apportion">{t('planning.targetsPage.apportionTitle')}</h2>
      <p className="figure-note">{t('planning.targetsPage.apportionIntro')}</p>
      <div className="form-row">
        <div className="inline-field">
          <label htmlFor="apportion-metric">{t('planning.targetsPage.metric')}</label>
          <Select
            id="apportion-metric"
            value={metric}
            onChange={(m) => (setMetric(m), reset())}
            options={COUNT_METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))}
            style={{ width: 200 }}
          />
        </div>
        <div className="inline-field">
          <label htmlFor="apportion-year">{t('planning.targetsPage.year')}</label>
          <InputNumber
            id="apportion-year"
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => v && (setYear(Number(v)), reset())}
          />
        </div>
        <div className="inline-field">
          <label htmlFor="apportion-basis">{t('planning.targetsPage.basis')}</label>
          <Select
            id="apportion-basis"
            value={basis}
            onChange={(b) => (setBasis(b), reset())}
            options={BASES.map((b) => ({ value: b, label: t(`planning.enum.ApportionBasis.${b}` as MessageKey) }))}
            style={{ width: 200 }}
          />
        </div>
        <Button onClick={() => void runPreview().catch(() => undefined)} loading={result.loading && !asking}>
          {t('planning.targetsPage.preview')}
        </Button>
        <Button type="primary" disabled={!preview || !!saved} onClick={() => setAsking(true)}>
          {t('planning.targetsPage.save')}
        </Button>
      </div>
      {result.error && !asking && (
        <Alert className="form-alert" type="error" showIcon title={explainError(result.error, t).top.join(' ')} />
      )}
      {saved && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          role="status"
          title={t('planning.targetsPage.apportionSaved', { n: formatNumber(saved.targets.length, lang), year })}
        />
      )}
      {shown && (
        <Table
          className="apportion-table"
          size="small"
          pagination={false}
          rowKey="regionCode"
          dataSource={rows}
          caption={t(saved ? 'planning.targetsPage.savedCaption' : 'planning.targetsPage.previewCaption', {
            city: formatNumber(shown.cityTarget, lang),
            metric: metricLabel(t, metric),
            year,
          })}
          columns={[
            { key: 'region', title: t('planning.ratios.region'), render: (_, r) => regionName(r.regionCode) },
            {
              key: 'value',
              title: t('planning.targetsPage.districtTarget'),
              align: 'right',
              render: (_, r) => formatNumber(r.value, lang),
            },
          ]}
        />
      )}
      <Modal
        getContainer={false}
        open={asking}
        title={t('planning.targetsPage.apportionTitle')}
        okText={t('planning.confirm')}
        cancelText={t('planning.cancel')}
        okButtonProps={{ loading: result.loading }}
        onOk={() => void confirm().catch(() => undefined)}
        onCancel={() => setAsking(false)}
      >
        <p>
          {t('planning.targetsPage.apportionAsk', {
            metric: metricLabel(t, metric),
            year,
            n: formatNumber(rows.length, lang),
          })}
        </p>
        {result.error && <Alert type="error" showIcon title={explainError(result.error, t).top.join(' ')} />}
      </Modal>
    </section>
  );
}
