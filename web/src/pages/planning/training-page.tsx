import './planning.css';
import { useQuery } from '@apollo/client/react';
import { Alert, Col, Row, Select, Skeleton, Spin, Table } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { explainError } from '../../api/errors';
import { RegionsDocument } from '../../api/regions.generated';
import { useRegionNames } from '../../api/use-regions';
import { AsOfField, useAsOf } from '../../components/as-of-field';
import { ExportButton } from '../../components/export-button';
import { FigureCard } from '../../components/figure-card';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMonthNumber, formatNumber } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { TrainingProgressPageDocument } from './training.generated';
import { Verdict } from './verdict';

const Chart = lazy(() => import('../../components/chart'));

const COUNTY_KINDS = new Set(['DISTRICT', 'COUNTY', 'AUTONOMOUS_COUNTY']);

/** Training person-sessions of a year by month, audience and district, against the target, as of a date. */
export default function TrainingPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const regionName = useRegionNames();
  const [asOf, setAsOf] = useAsOf();
  const [params, setParams] = useSearchParams();
  const asOfYear = Number(asOf.slice(0, 4));
  const year = Number(params.get('year')) || asOfYear;
  const setYear = (y: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (y === asOfYear) next.delete('year');
        else next.set('year', String(y));
        return next;
      },
      { replace: true },
    );
  const ownRegion = session?.user.role === 'DISTRICT_PLANNER' ? session.user.regionCode : null;
  const title = ownRegion
    ? t('planning.trainingPage.titleRegion', { region: regionName(ownRegion) })
    : t('planning.trainingPage.title');
  usePageTitle(title);

  const { data, previousData, loading, error } = useQuery(TrainingProgressPageDocument, { variables: { year, asOf } });
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const shown = data ?? previousData;
  const progress = shown?.trainingProgress;
  const current = data?.trainingProgress.asOf === asOf && data.trainingProgress.year === year;
  const n = (v: number) => formatNumber(v, lang);
  const sep = lang === 'zh-CN' ? '；' : '; ';

  const monthOption = useMemo(() => {
    if (!progress) return {};
    const withTarget = progress.byMonth.some((m) => m.expectedByMonthEnd !== null);
    return {
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        data: [
          t('planning.trainingPage.seriesMonth'),
          t('planning.trainingPage.seriesCumulative'),
          ...(withTarget ? [t('planning.trainingPage.seriesExpected')] : []),
        ],
      },
      xAxis: { type: 'category', data: progress.byMonth.map((m) => formatMonthNumber(m.month, lang)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
      series: [
        {
          name: t('planning.trainingPage.seriesMonth'),
          type: 'bar',
          data: progress.byMonth.map((m) => m.count),
          itemStyle: { color: '#c26a1b' },
        },
        {
          name: t('planning.trainingPage.seriesCumulative'),
          type: 'line',
          data: progress.byMonth.map((m) => m.cumulativeCount),
          itemStyle: { color: '#5c2a03' },
        },
        ...(withTarget
          ? [
              {
                name: t('planning.trainingPage.seriesExpected'),
                type: 'line',
                data: progress.byMonth.map((m) => m.expectedByMonthEnd),
                itemStyle: { color: '#1d39c4' },
                lineStyle: { type: 'dashed' },
                symbol: 'none',
              },
            ]
          : []),
      ],
    };
  }, [progress, lang, t]);

  const targetsByRegion = new Map(
    (shown?.targets ?? []).filter((x) => x.regionCode).map((x) => [x.regionCode!, x.value]),
  );
  const countsByRegion = new Map((progress?.byRegion ?? []).map((r) => [r.regionCode, r.count]));
  // Every district and county in scope, zeros included (the API lists those with at least one person-session).
  const districtRows = ownRegion
    ? [ownRegion]
    : (regions.data?.regions ?? []).filter((r) => COUNTY_KINDS.has(r.kind)).map((r) => r.code);

  const years = Array.from({ length: 6 }, (_, i) => asOfYear - 4 + i).filter((y) => y >= 2000);

  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
        <div className="toolbar">
          <div className="inline-field">
            <label htmlFor="training-year">{t('planning.trainingPage.year')}</label>
            <Select
              id="training-year"
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: t('planning.trainingPage.yearOption', { year: y }) }))}
              style={{ width: 120 }}
            />
          </div>
          <AsOfField value={asOf} onChange={setAsOf} />
          <ExportButton path={`/exports/planning.xlsx?asOf=${asOf}`} fallbackName={`planning-${asOf}.xlsx`} />
        </div>
      </div>
      <p className="intro">{t('planning.trainingPage.intro')}</p>
      {error && !loading && <Alert type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!progress && loading && (
        <div className="loading" aria-busy="true">
          <Spin />
          <span>{t('planning.loading')}</span>
        </div>
      )}
      {progress && (
        <div className={current ? 'planning-body' : 'planning-body stale'} aria-busy={!current}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <FigureCard
                title={t('planning.training.completed', { year: progress.year })}
                value={n(progress.completedPersonSessions)}
              >
                <ul className="figure-list">
                  <li>
                    {progress.target === null
                      ? t('planning.noTarget')
                      : t('planning.training.target', { n: n(progress.target) })}
                  </li>
                  {progress.expectedToDate !== null && (
                    <li>
                      {t('planning.training.expected', {
                        date: formatDate(progress.asOf, lang),
                        n: n(progress.expectedToDate),
                      })}
                    </li>
                  )}
                  {progress.note && <li>{progress.note}</li>}
                </ul>
                <Verdict ok={progress.onTrack} yes={t('planning.onTrack')} no={t('planning.behind')} />
              </FigureCard>
            </Col>
            <Col xs={24} md={16}>
              <section className="panel table-card" aria-labelledby="audience-title">
                <h2 id="audience-title">{t('planning.trainingPage.byAudience')}</h2>
                <table className="simple-table audience-table">
                  <thead>
                    <tr>
                      {progress.byAudience.map((a) => (
                        <th key={a.audience} scope="col" className="num">
                          {t(`planning.enum.TrainingAudience.${a.audience}` as MessageKey)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      {progress.byAudience.map((a) => (
                        <td key={a.audience} className="num">
                          {n(a.count)}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </section>
            </Col>
            <Col xs={24}>
              <section className="panel chart-card" aria-labelledby="months-title">
                <h2 id="months-title">{t('planning.training.byMonth', { year: progress.year })}</h2>
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
                  <Chart
                    option={monthOption}
                    height={300}
                    summary={t('planning.training.byMonthSummary', {
                      points: progress.byMonth
                        .map((m) => `${formatMonthNumber(m.month, lang)} ${n(m.count)}`)
                        .join(sep),
                    })}
                  />
                </Suspense>
                <Table
                  className="month-table"
                  size="small"
                  pagination={false}
                  rowKey="month"
                  dataSource={progress.byMonth}
                  columns={[
                    {
                      key: 'month',
                      title: t('planning.trainingPage.month'),
                      render: (_, m) => formatMonthNumber(m.month, lang),
                    },
                    {
                      key: 'count',
                      title: t('planning.trainingPage.seriesMonth'),
                      align: 'right',
                      render: (_, m) => n(m.count),
                    },
                    {
                      key: 'cumulative',
                      title: t('planning.trainingPage.seriesCumulative'),
                      align: 'right',
                      render: (_, m) => n(m.cumulativeCount),
                    },
                    {
                      key: 'expected',
                      title: t('planning.trainingPage.seriesExpected'),
                      align: 'right',
                      render: (_, m) => (m.expectedByMonthEnd === null ? '—' : n(m.expectedByMonthEnd)),
                    },
                  ]}
                />
              </section>
            </Col>
            <Col xs={24}>
              <section className="panel table-card" aria-labelledby="districts-title">
                <h2 id="districts-title">{t('planning.trainingPage.byRegion', { year: progress.year })}</h2>
                <p className="figure-note">{t('planning.trainingPage.regionTargetNote')}</p>
                <Table
                  className="district-table"
                  size="small"
                  pagination={false}
                  rowKey={(code) => code}
                  dataSource={districtRows}
                  columns={[
                    { key: 'region', title: t('planning.ratios.region'), render: (_, code) => regionName(code) },
                    {
                      key: 'count',
                      title: t('planning.trainingPage.completedColumn'),
                      align: 'right',
                      render: (_, code) => n(countsByRegion.get(code) ?? 0),
                      sorter: (a, b) => (countsByRegion.get(a) ?? 0) - (countsByRegion.get(b) ?? 0),
                    },
                    {
                      key: 'target',
                      title: t('planning.trainingPage.regionTarget', { year: progress.year }),
                      align: 'right',
                      render: (_, code) =>
                        targetsByRegion.has(code) ? n(targetsByRegion.get(code)!) : t('planning.noTarget'),
                    },
                  ]}
                  showSorterTooltip={false}
                />
              </section>
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}
