import { useQuery } from '@apollo/client/react';
import { Alert, Col, Progress, Row, Skeleton, Spin, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { explainError } from '../../api/errors';
import { useRegionNames } from '../../api/use-regions';
import { AsOfField, useAsOf } from '../../components/as-of-field';
import { ExportButton } from '../../components/export-button';
import { FigureCard } from '../../components/figure-card';
import { usePageTitle } from '../../components/page-title';
import { SimpleTable } from '../../components/simple-table';
import {
  formatDate,
  formatMinutes,
  formatMonth,
  formatMonthNumber,
  formatNumber,
  formatPercent,
  formatRatio,
} from '../../format';
import { enumLabel, useI18n } from '../../i18n';
import { useSession } from '../../session';
import {
  type DashboardRatioFragment,
  PlanningDashboardDocument,
  type PlanningDashboardQuery,
} from './dashboard.generated';

const Chart = lazy(() => import('../../components/chart'));

type Dashboard = PlanningDashboardQuery['planningDashboard'];

function ChartCard({ title, summary, option }: { title: string; summary: string; option: Record<string, unknown> }) {
  return (
    <div className="panel chart-card">
      <figure>
        <figcaption className="figure-title">{title}</figcaption>
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
          <Chart option={option} summary={summary} />
        </Suspense>
      </figure>
    </div>
  );
}

function OnTrack({ value, yes, no }: { value: boolean | null | undefined; yes: string; no: string }) {
  if (value === null || value === undefined) return null;
  return <Tag color={value ? 'success' : 'error'}>{value ? yes : no}</Tag>;
}

/** Planners' home: the whole picture on one date (a district planner: its district), from `planningDashboard`. */
export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const regionName = useRegionNames();
  const [asOf, setAsOf] = useAsOf();
  const { data, previousData, loading, error } = useQuery(PlanningDashboardDocument, { variables: { asOf } });
  const ownRegion = session?.user.role === 'DISTRICT_PLANNER' ? session.user.regionCode : null;
  const title = ownRegion ? t('planning.title.region', { region: regionName(ownRegion) }) : t('planning.title.city');
  usePageTitle(title);

  // Shown while the figures of a new date are asked, dimmed, so the page does not jump.
  const dashboard = data?.planningDashboard ?? previousData?.planningDashboard;
  const current = data?.planningDashboard?.asOf === asOf;
  useEffect(() => {
    if (current && performance.getEntriesByName('dashboard-figures').length === 0)
      performance.mark('dashboard-figures');
  }, [current]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
        <div className="toolbar">
          <AsOfField value={asOf} onChange={setAsOf} />
          <ExportButton path={`/exports/planning.xlsx?asOf=${asOf}`} fallbackName={`planning-${asOf}.xlsx`} />
        </div>
      </div>
      {error && !loading && <Alert type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!dashboard && loading && (
        <div className="loading" aria-busy="true">
          <Spin />
          <span>{t('planning.loading')}</span>
        </div>
      )}
      {dashboard && (
        <div className={current ? 'dashboard' : 'dashboard stale'} aria-busy={!current}>
          <Figures dashboard={dashboard} ownRegion={ownRegion} regionName={regionName} lang={lang} t={t} />
        </div>
      )}
    </div>
  );
}

function Figures({
  dashboard,
  ownRegion,
  regionName,
  lang,
  t,
}: {
  dashboard: Dashboard;
  ownRegion: string | null | undefined;
  regionName: (code: string | null | undefined) => string;
  lang: ReturnType<typeof useI18n>['lang'];
  t: ReturnType<typeof useI18n>['t'];
}) {
  const { headcount, training, ratios, timeBank } = dashboard;
  const n = (value: number) => formatNumber(value, lang);
  const persons = (value: number) => t('planning.persons', { n: n(value) });

  const trend = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: headcount.monthly.map((m) => formatMonth(m.month, lang)) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
      series: [{ type: 'line', data: headcount.monthly.map((m) => m.headcount), itemStyle: { color: '#a34a06' } }],
    }),
    [headcount.monthly, lang],
  );
  const trendSummary = t('planning.headcount.trendSummary', {
    points: headcount.monthly
      .map((m) => `${formatMonth(m.month, lang)} ${n(m.headcount)}`)
      .join(lang === 'zh-CN' ? '；' : '; '),
  });
  const months = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: training.byMonth.map((m) => formatMonthNumber(m.month, lang)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: training.byMonth.map((m) => m.count), itemStyle: { color: '#c26a1b' } }],
    }),
    [training.byMonth, lang],
  );
  const monthsSummary = t('planning.training.byMonthSummary', {
    points: training.byMonth
      .map((m) => `${formatMonthNumber(m.month, lang)} ${n(m.count)}`)
      .join(lang === 'zh-CN' ? '；' : '; '),
  });

  const ratio = (r: DashboardRatioFragment) =>
    r.perThousandOlderAdults === null ? t('planning.ratios.noRatio') : formatRatio(r.perThousandOlderAdults, lang);
  const headline = ratios.city ?? ratios.worstRegions.find((r) => r.regionCode === ownRegion) ?? null;

  return (
    <>
      <section aria-labelledby="headcount-section" className="dashboard-section">
        <h2 id="headcount-section">{t('planning.headcount.section')}</h2>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={8}>
            <FigureCard title={t('planning.headcount.total')} value={persons(headcount.headcount)}>
              <ul className="figure-list">
                {headcount.byTeam.map((team) => (
                  <li key={team.team}>
                    {t('planning.headcount.byTeam', { team: enumLabel(t, 'Team', team.team), n: n(team.count) })}
                  </li>
                ))}
              </ul>
            </FigureCard>
          </Col>
          {headcount.targets.map((target) => (
            <Col xs={24} md={12} xl={8} key={target.year}>
              <FigureCard
                title={t('planning.headcount.target', { year: target.year })}
                value={t('planning.headcount.targetLine', { target: n(target.target), gap: n(target.gap) })}
                className="figure-card-target"
              >
                <Progress
                  percent={Math.min(100, (headcount.headcount / target.target) * 100)}
                  showInfo={false}
                  aria-label={t('planning.headcount.target', { year: target.year })}
                />
                <ul className="figure-list">
                  <li>{t('planning.headcount.monthly', { n: n(target.requiredMonthlyNetGrowth) })}</li>
                  <li>{t('planning.headcount.projected', { year: target.year, n: n(target.projected) })}</li>
                </ul>
                <OnTrack value={target.onTrack} yes={t('planning.onTrack')} no={t('planning.behind')} />
              </FigureCard>
            </Col>
          ))}
          {headcount.targets.length === 0 && (
            <Col xs={24} md={12} xl={8}>
              <FigureCard title={t('planning.headcount.targets')} value={t('planning.noTarget')}>
                {ownRegion && <p className="figure-note">{t('planning.noOwnTarget')}</p>}
              </FigureCard>
            </Col>
          )}
          <Col xs={24}>
            <ChartCard title={t('planning.headcount.trend')} summary={trendSummary} option={trend} />
          </Col>
        </Row>
      </section>

      <section aria-labelledby="training-section" className="dashboard-section">
        <h2 id="training-section">{t('planning.training.section', { year: training.year })}</h2>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={8}>
            <FigureCard
              title={t('planning.training.completed', { year: training.year })}
              value={n(training.completedPersonSessions)}
            >
              <ul className="figure-list">
                <li>
                  {training.target === null
                    ? t('planning.noTarget')
                    : t('planning.training.target', { n: n(training.target) })}
                </li>
                {training.target === null && ownRegion && <li>{t('planning.noOwnTarget')}</li>}
                {training.expectedToDate !== null && (
                  <li>
                    {t('planning.training.expected', {
                      date: formatDate(dashboard.asOf, lang),
                      n: n(training.expectedToDate),
                    })}
                  </li>
                )}
              </ul>
              <OnTrack value={training.onTrack} yes={t('planning.onTrack')} no={t('planning.behind')} />
            </FigureCard>
          </Col>
          <Col xs={24} md={12} xl={16}>
            <ChartCard
              title={t('planning.training.byMonth', { year: training.year })}
              summary={monthsSummary}
              option={months}
            />
          </Col>
        </Row>
      </section>

      <section aria-labelledby="ratios-section" className="dashboard-section">
        <h2 id="ratios-section">{t('planning.ratios.section')}</h2>
        <Row gutter={[16, 16]}>
          {headline && (
            <Col xs={24} md={12} xl={8}>
              <FigureCard title={t('planning.ratios.city')} value={ratio(headline)}>
                <ul className="figure-list">
                  <li>
                    {t('planning.ratios.socialWorkers', {
                      n: n(headline.socialWorkers),
                      qualified: n(headline.qualifiedSocialWorkers),
                    })}
                  </li>
                  {headline.shortfallForOlderAdults !== null && headline.shortfallForOlderAdults > 0 && (
                    <li>{t('planning.ratios.shortfall', { n: n(headline.shortfallForOlderAdults) })}</li>
                  )}
                  {headline.populationBasis && (
                    <li>
                      {t('planning.ratios.basis', { basis: enumLabel(t, 'PopulationBasis', headline.populationBasis) })}
                    </li>
                  )}
                  {headline.perThousandOlderAdults === null && headline.note && <li>{headline.note}</li>}
                </ul>
                <OnTrack value={headline.meetsOlderAdultTarget} yes={t('planning.meets')} no={t('planning.below')} />
              </FigureCard>
            </Col>
          )}
          <Col xs={24} xl={headline ? 16 : 24}>
            <div className="panel table-card">
              <SimpleTable
                caption={ownRegion ? t('planning.ratios.own') : t('planning.ratios.worst')}
                rows={ratios.worstRegions}
                rowKey={(r) => r.regionCode ?? ''}
                columns={[
                  { key: 'region', title: t('planning.ratios.region'), render: (r) => regionName(r.regionCode) },
                  {
                    key: 'workers',
                    title: t('planning.ratios.workers'),
                    align: 'right',
                    render: (r) => n(r.socialWorkers),
                  },
                  { key: 'ratio', title: t('planning.ratios.ratio'), align: 'right', render: (r) => ratio(r) },
                  {
                    key: 'gap',
                    title: t('planning.ratios.gap'),
                    align: 'right',
                    render: (r) => (r.shortfallForOlderAdults === null ? '' : n(r.shortfallForOlderAdults)),
                  },
                  {
                    key: 'note',
                    title: t('planning.ratios.note'),
                    // The note says why a ratio is missing; this table shows the per-1,000 ratio only.
                    render: (r) => (r.perThousandOlderAdults === null ? (r.note ?? '') : ''),
                  },
                ]}
              />
            </div>
          </Col>
        </Row>
      </section>

      <section aria-labelledby="timebank-section" className="dashboard-section">
        <h2 id="timebank-section">{t('planning.timeBank.section')}</h2>
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12} xl={6}>
            <FigureCard title={t('planning.timeBank.volunteers')} value={persons(timeBank.volunteers)} />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <FigureCard title={t('planning.timeBank.active')} value={persons(timeBank.activeVolunteers)}>
              {timeBank.shareAged60To69 !== null && (
                <p className="figure-note">
                  {t('planning.timeBank.share6069', { share: formatPercent(timeBank.shareAged60To69, lang) })}
                </p>
              )}
            </FigureCard>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <FigureCard title={t('planning.timeBank.issued')} value={formatMinutes(timeBank.minutesIssued, lang)}>
              <p className="figure-note">
                {t('planning.timeBank.redeemed')} {formatMinutes(timeBank.minutesRedeemed, lang)}
              </p>
            </FigureCard>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <FigureCard title={t('planning.timeBank.pool')} value={formatMinutes(timeBank.publicPoolMinutes, lang)} />
          </Col>
        </Row>
      </section>
    </>
  );
}
