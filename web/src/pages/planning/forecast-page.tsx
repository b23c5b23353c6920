import './planning.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Descriptions, Input, InputNumber, Modal, Select, Skeleton, Slider, Spin, Table } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { WorkforceForecastInput } from '../../api/schema.generated';
import { explainError } from '../../api/errors';
import { useRegionNames } from '../../api/use-regions';
import { FigureCard } from '../../components/figure-card';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMonth, formatNumber, formatPercent, todayInShanghai } from '../../format';
import { enumLabel, type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import {
  CompareForecastDocument,
  type ForecastFiguresFragment,
  SaveScenarioPageDocument,
  ScenarioListDocument,
  type ScenarioListQuery,
  WorkforceForecastPageDocument,
} from './forecast.generated';
import { Verdict } from './verdict';

const Chart = lazy(() => import('../../components/chart'));

/** The assumptions a planner may change; null: as measured (or the statutory retirement ages). */
interface Assumptions {
  annualAttritionRate: number | null;
  graduatesEnteringPerYear: number | null;
  traineeConversionRate: number | null;
  extraHiresPerMonth: number | null;
  retirementAgeFemale: number | null;
  retirementAgeMale: number | null;
}
type Key = keyof Assumptions;
const KEYS: Key[] = [
  'annualAttritionRate',
  'graduatesEnteringPerYear',
  'traineeConversionRate',
  'extraHiresPerMonth',
  'retirementAgeFemale',
  'retirementAgeMale',
];
const RATES = new Set<Key>(['annualAttritionRate', 'traineeConversionRate']);
const NONE: Assumptions = {
  annualAttritionRate: null,
  graduatesEnteringPerYear: null,
  traineeConversionRate: null,
  extraHiresPerMonth: null,
  retirementAgeFemale: null,
  retirementAgeMale: null,
};
const TEAMS = ['CARE', 'PROFESSIONAL_TECHNICAL', 'MANAGEMENT'] as const;
const DEFAULT_HORIZON = Math.max(2029, Number(todayInShanghai().slice(0, 4)));

type Scenario = ScenarioListQuery['scenarios'][number];

function toInput(horizonYear: number, a: Assumptions): WorkforceForecastInput {
  const input: WorkforceForecastInput = { horizonYear };
  for (const key of KEYS) if (a[key] !== null) (input as Record<string, unknown>)[key] = a[key];
  return input;
}

function fromScenario(s: Scenario): { horizonYear: number; assumptions: Assumptions } {
  const assumptions = { ...NONE };
  for (const key of KEYS) assumptions[key] = (s.input[key] as number | null | undefined) ?? null;
  return { horizonYear: s.input.horizonYear, assumptions };
}

/** The forecast against the headcount targets, with the planner's assumptions, saved and compared as scenarios. */
export default function ForecastPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const regionName = useRegionNames();
  const ownRegion = session?.user.role === 'DISTRICT_PLANNER' ? session.user.regionCode : null;
  const title = ownRegion
    ? t('planning.forecastPage.titleRegion', { region: regionName(ownRegion) })
    : t('planning.forecastPage.title');
  usePageTitle(title);

  // What the form shows, and what the forecast on screen was run with.
  const [horizonYear, setHorizonYear] = useState(DEFAULT_HORIZON);
  const [draft, setDraft] = useState<Assumptions>(NONE);
  const [applied, setApplied] = useState<WorkforceForecastInput>({ horizonYear: DEFAULT_HORIZON });
  const [opened, setOpened] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');

  const { data, previousData, loading, error } = useQuery(WorkforceForecastPageDocument, {
    variables: { input: applied },
  });
  const forecast = data?.workforceForecast ?? previousData?.workforceForecast;
  const scenarios = useQuery(ScenarioListDocument);
  const other = scenarios.data?.scenarios.find((s) => s.name === compareWith) ?? null;
  const compare = useQuery(CompareForecastDocument, {
    variables: { input: other ? toInput(fromScenario(other).horizonYear, fromScenario(other).assumptions) : applied },
    skip: !other,
  });
  const [save, saved] = useMutation(SaveScenarioPageDocument, { refetchQueries: [ScenarioListDocument] });

  const run = () => {
    setOpened(null);
    setApplied(toInput(horizonYear, draft));
  };
  const open = (scenarioName: string) => {
    const s = scenarios.data?.scenarios.find((x) => x.name === scenarioName);
    if (!s) return;
    const { horizonYear: h, assumptions } = fromScenario(s);
    setHorizonYear(h);
    setDraft(assumptions);
    setApplied(toInput(h, assumptions));
    setOpened(s.name);
    if (compareWith === s.name) setCompareWith(null);
  };
  const confirmSave = async () => {
    const input = toInput(horizonYear, draft);
    await save({ variables: { name: name.trim(), input } });
    setApplied(input);
    setOpened(name.trim());
    setSaving(false);
  };

  const measured = forecast?.assumptions;
  const field = (key: Key) => {
    const value = draft[key];
    const shown = value ?? (measured ? (measured[key] as number) : null);
    const set = (v: number | null) => setDraft((d) => ({ ...d, [key]: v }));
    const label = t(`planning.forecastPage.field.${key}` as MessageKey);
    const id = `assumption-${key}`;
    const hint =
      value === null
        ? key.startsWith('retirementAge')
          ? t('planning.forecastPage.statutory')
          : t('planning.forecastPage.measured')
        : t('planning.forecastPage.changed');
    return (
      <div className="assumption" key={key}>
        <label htmlFor={id}>{label}</label>
        <div className="assumption-controls">
          {RATES.has(key) && (
            <Slider
              className="assumption-slider"
              min={0}
              max={key === 'annualAttritionRate' ? 50 : 100}
              step={0.5}
              value={shown === null ? 0 : Math.round(shown * 1000) / 10}
              onChange={(v) => set(Math.round(v * 10) / 1000)}
              tooltip={{ formatter: (v) => `${v}%` }}
              ariaLabelForHandle={label}
            />
          )}
          <InputNumber
            id={id}
            aria-describedby={`${id}-hint`}
            min={RATES.has(key) ? 0 : key.startsWith('retirementAge') ? 40 : 0}
            max={RATES.has(key) ? 100 : key.startsWith('retirementAge') ? 80 : 100000}
            step={RATES.has(key) ? 0.5 : 1}
            precision={RATES.has(key) ? 1 : 0}
            suffix={RATES.has(key) ? '%' : undefined}
            value={shown === null ? null : RATES.has(key) ? Math.round(shown * 1000) / 10 : shown}
            onChange={(v) => set(v === null ? null : RATES.has(key) ? Math.round(Number(v) * 10) / 1000 : Number(v))}
          />
        </div>
        <span id={`${id}-hint`} className={value === null ? 'assumption-hint' : 'assumption-hint changed'}>
          {hint}
        </span>
      </div>
    );
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
        <div className="toolbar">
          <div className="inline-field">
            <label htmlFor="scenario-select">{t('planning.forecastPage.scenarios')}</label>
            <Select
              id="scenario-select"
              className="scenario-select"
              placeholder={t('planning.forecastPage.openScenario')}
              value={opened}
              onChange={open}
              options={(scenarios.data?.scenarios ?? []).map((s) => ({ value: s.name, label: s.name }))}
              notFoundContent={t('planning.forecastPage.noScenarios')}
            />
          </div>
          <Button onClick={() => (setName(opened ?? ''), setSaving(true))}>{t('planning.forecastPage.save')}</Button>
        </div>
      </div>
      <p className="intro">{t('planning.forecastPage.intro')}</p>
      <div className="forecast-layout">
        <section className="panel assumptions" aria-labelledby="assumptions-title">
          <h2 id="assumptions-title">{t('planning.forecastPage.assumptions')}</h2>
          <div className="assumption">
            <label htmlFor="horizon">{t('planning.forecastPage.field.horizonYear')}</label>
            <InputNumber
              id="horizon"
              min={Number(todayInShanghai().slice(0, 4))}
              max={Number(todayInShanghai().slice(0, 4)) + 30}
              precision={0}
              value={horizonYear}
              onChange={(v) => v !== null && setHorizonYear(Number(v))}
            />
          </div>
          {KEYS.map(field)}
          <div className="assumption-buttons">
            <Button type="primary" onClick={run}>
              {t('planning.forecastPage.run')}
            </Button>
            <Button onClick={() => setDraft(NONE)}>{t('planning.forecastPage.reset')}</Button>
          </div>
          {measured && <Measured a={measured} />}
        </section>
        <div className="forecast-results">
          {error && !loading && <Alert type="error" showIcon title={explainError(error, t).top.join(' ')} />}
          {!forecast && loading && (
            <div className="loading" aria-busy="true">
              <Spin />
              <span>{t('planning.loading')}</span>
            </div>
          )}
          {forecast && (
            <Results
              forecast={forecast}
              name={opened}
              stale={loading}
              compare={
                other && compare.data ? { name: other.name, totals: compare.data.workforceForecast.totals } : null
              }
              compareSelect={
                <div className="inline-field">
                  <label htmlFor="compare-select">{t('planning.forecastPage.compareWith')}</label>
                  <Select
                    id="compare-select"
                    className="scenario-select"
                    allowClear
                    placeholder={t('planning.forecastPage.comparePlaceholder')}
                    value={compareWith}
                    onChange={(v) => setCompareWith(v ?? null)}
                    options={(scenarios.data?.scenarios ?? [])
                      .filter((s) => s.name !== opened)
                      .map((s) => ({ value: s.name, label: s.name }))}
                    notFoundContent={t('planning.forecastPage.noScenarios')}
                  />
                </div>
              }
            />
          )}
        </div>
      </div>
      <Modal
        getContainer={false}
        open={saving}
        title={t('planning.forecastPage.saveTitle')}
        okText={t('planning.confirm')}
        cancelText={t('planning.cancel')}
        okButtonProps={{ disabled: name.trim() === '', loading: saved.loading }}
        onOk={() => void confirmSave().catch(() => undefined)}
        onCancel={() => setSaving(false)}
      >
        <p>{t('planning.forecastPage.saveHint')}</p>
        <label htmlFor="scenario-name">{t('planning.forecastPage.scenarioName')}</label>
        <Input id="scenario-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        {saved.error && <Alert type="error" showIcon title={explainError(saved.error, t).top.join(' ')} />}
      </Modal>
    </div>
  );
}

function Measured({ a }: { a: ForecastFiguresFragment['assumptions'] }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <>
      <h3 className="drawer-heading">
        {t('planning.forecastPage.measuredTitle', {
          from: formatDate(a.measuredFrom, lang),
          to: formatDate(a.measuredTo, lang),
        })}
      </h3>
      <Descriptions
        className="measured"
        column={1}
        size="small"
        items={[
          {
            key: 'attrition',
            label: t('planning.forecastPage.field.annualAttritionRate'),
            children: formatPercent(a.annualAttritionRate, lang),
          },
          {
            key: 'conversion',
            label: t('planning.forecastPage.field.traineeConversionRate'),
            children: formatPercent(a.traineeConversionRate, lang),
          },
          {
            key: 'graduates',
            label: t('planning.forecastPage.field.graduatesEnteringPerYear'),
            children:
              a.graduatesProgramYear === null
                ? n(a.graduatesEnteringPerYear)
                : t('planning.forecastPage.graduatesFrom', {
                    n: n(a.graduatesEnteringPerYear),
                    year: a.graduatesProgramYear,
                  }),
          },
          { key: 'trainees', label: t('planning.forecastPage.trainees'), children: n(a.traineesPerYear) },
          { key: 'other', label: t('planning.forecastPage.otherHires'), children: n(a.otherHiresPerYear) },
          { key: 'past', label: t('planning.forecastPage.pastRetirement'), children: n(a.staffPastRetirementAge) },
        ]}
      />
    </>
  );
}

function Results({
  forecast,
  name,
  stale,
  compare,
  compareSelect,
}: {
  forecast: ForecastFiguresFragment;
  name: string | null;
  stale: boolean;
  compare: { name: string; totals: { month: string; headcount: number }[] } | null;
  compareSelect: React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const totals = new Map(forecast.totals.map((p) => [p.month, p.headcount]));
  const current = name ?? t('planning.forecastPage.currentLine');
  const sep = lang === 'zh-CN' ? '；' : '; ';
  const option = useMemo(() => {
    const months = forecast.totals.map((p) => p.month);
    const compareByMonth = new Map((compare?.totals ?? []).map((p) => [p.month, p.headcount]));
    return {
      grid: { left: 64, right: 32, top: 40, bottom: 40 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [current, ...(compare ? [compare.name] : [])] },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m, lang)) },
      // From 0 to the highest target, so that the targets' lines show how far the forecast is from them.
      yAxis: {
        type: 'value',
        min: 0,
        max: (extent: { max: number }) => Math.max(extent.max, ...forecast.targets.map((tg) => tg.target)),
        axisLabel: { formatter: (v: number) => formatNumber(v, lang) },
      },
      series: [
        {
          name: current,
          type: 'line',
          showSymbol: false,
          data: forecast.totals.map((p) => p.headcount),
          itemStyle: { color: '#a34a06' },
          lineStyle: { width: 3 },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#1d39c4' },
            label: { formatter: '{b}', position: 'insideEndTop', color: '#1d39c4' },
            data: forecast.targets.map((tg) => ({
              name: t('planning.forecastPage.targetLine', { year: tg.year, n: formatNumber(tg.target, lang) }),
              yAxis: tg.target,
            })),
          },
        },
        ...(compare
          ? [
              {
                name: compare.name,
                type: 'line',
                showSymbol: false,
                data: months.map((m) => compareByMonth.get(m) ?? null),
                itemStyle: { color: '#237804' },
                lineStyle: { width: 2, type: 'dotted' },
              },
            ]
          : []),
      ],
    };
  }, [forecast, compare, current, lang, t]);
  const decembers = forecast.totals.filter((p, i) => i === 0 || p.month.endsWith('-12'));
  const line = (label: string, points: { month: string; headcount: number }[]) =>
    `${label}：${points
      .filter((p) => p.month.endsWith('-12'))
      .map((p) => `${formatMonth(p.month, lang)} ${n(p.headcount)}`)
      .join('，')}`;
  const summary = [
    line(current, forecast.totals),
    ...(compare ? [line(compare.name, compare.totals)] : []),
    ...forecast.targets.map((tg) => t('planning.forecastPage.targetLine', { year: tg.year, n: n(tg.target) })),
  ].join(sep);
  const teamOf = (month: string, team: string) =>
    forecast.series.find((p) => p.month === month && p.team === team)?.headcount ?? 0;

  return (
    <div className={stale ? 'stale' : undefined} aria-busy={stale}>
      <div className="forecast-cards">
        {forecast.targets.map((tg) => (
          <FigureCard
            key={tg.year}
            title={t('planning.forecastPage.targetCard', { year: tg.year })}
            value={t('planning.forecastPage.gapValue', { n: n(tg.gapAtTargetDate) })}
            className="figure-card-target"
          >
            <ul className="figure-list">
              <li>{t('planning.forecastPage.targetIs', { n: n(tg.target) })}</li>
              <li>
                {t('planning.forecastPage.december', {
                  year: tg.year,
                  n: totals.has(`${tg.year}-12`) ? n(totals.get(`${tg.year}-12`)!) : '—',
                })}
              </li>
              <li>
                {tg.reachedInMonth
                  ? t('planning.forecastPage.reached', { month: formatMonth(tg.reachedInMonth, lang) })
                  : t('planning.forecastPage.notReached')}
              </li>
            </ul>
            <Verdict
              ok={tg.gapAtTargetDate === 0}
              yes={t('planning.forecastPage.willMeet')}
              no={t('planning.forecastPage.willMiss')}
            />
          </FigureCard>
        ))}
        {forecast.targets.length === 0 && (
          <FigureCard title={t('planning.headcount.targets')} value={t('planning.noTarget')}>
            {forecast.note && <p className="figure-note">{forecast.note}</p>}
          </FigureCard>
        )}
      </div>
      <section className="panel chart-card" aria-labelledby="forecast-chart-title">
        <div className="chart-head">
          <h2 id="forecast-chart-title">{t('planning.forecastPage.chartTitle')}</h2>
          {compareSelect}
        </div>
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 340 }} />}>
          <Chart option={option} summary={summary} height={340} />
        </Suspense>
      </section>
      <section className="panel table-card" aria-labelledby="forecast-table-title">
        <h2 id="forecast-table-title">{t('planning.forecastPage.tableTitle')}</h2>
        <Table
          className="forecast-table"
          size="small"
          pagination={false}
          rowKey="month"
          dataSource={decembers}
          columns={[
            { key: 'month', title: t('planning.forecastPage.month'), render: (_, p) => formatMonth(p.month, lang) },
            ...TEAMS.map((team) => ({
              key: team,
              title: enumLabel(t, 'Team', team),
              align: 'right' as const,
              render: (_: unknown, p: { month: string }) => n(teamOf(p.month, team)),
            })),
            {
              key: 'total',
              title: t('planning.forecastPage.total'),
              align: 'right' as const,
              render: (_, p) => <strong>{n(p.headcount)}</strong>,
            },
          ]}
        />
        <p className="figure-note">{t('planning.forecastPage.formula')}</p>
      </section>
    </div>
  );
}
