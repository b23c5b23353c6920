import './planning.css';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Descriptions, Drawer, Skeleton, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo, useState } from 'react';
import { explainError } from '../../api/errors';
import { RegionsDocument } from '../../api/regions.generated';
import { useRegionNames } from '../../api/use-regions';
import { AsOfField, useAsOf } from '../../components/as-of-field';
import { ExportButton } from '../../components/export-button';
import { FigureCard } from '../../components/figure-card';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatNumber, formatRatio } from '../../format';
import { enumLabel, type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import type { MapPiece, MapRegion } from './region-map';
import {
  InstitutionPanelDocument,
  InstitutionsBelowRequirementDocument,
  type InstitutionsBelowRequirementQuery,
  type RatioRowFragment,
  StaffingRatiosPageDocument,
} from './ratios.generated';
import { Verdict } from './verdict';

const RegionMap = lazy(() => import('./region-map'));

type Below =
  InstitutionsBelowRequirementQuery['staffingRatios']['institutionsBelowRequirement']['edges'][number]['node'];

const COLORS = { none: '#b2182b', low: '#ef8a62', near: '#fddbc7', met: '#4d9221' };

/** Social-worker ratios by district: the map, the table of both ratios, and the care homes below requirement. */
export default function RatiosPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const regionName = useRegionNames();
  const [asOf, setAsOf] = useAsOf();
  const ownRegion = session?.user.role === 'DISTRICT_PLANNER' ? session.user.regionCode : null;
  const title = ownRegion
    ? t('planning.ratiosPage.titleRegion', { region: regionName(ownRegion) })
    : t('planning.ratiosPage.title');
  usePageTitle(title);
  const { data, previousData, loading, error } = useQuery(StaffingRatiosPageDocument, { variables: { asOf } });
  const regionsQuery = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const ratios = data?.staffingRatios ?? previousData?.staffingRatios;
  const current = data?.staffingRatios.asOf === asOf;
  const [selected, setSelected] = useState<Below | null>(null);

  const n = (v: number) => formatNumber(v, lang);
  const ratio = (v: number | null) => (v === null ? t('planning.ratios.noRatio') : formatRatio(v, lang));
  // The city's target colours the map; a region held to its own target says so in its tooltip and row.
  const cityTarget =
    ratios?.city?.targetPerThousandOlderAdults ?? ratios?.regions[0]?.targetPerThousandOlderAdults ?? null;

  const pieces = useMemo<MapPiece[]>(() => {
    if (cityTarget === null) return [{ min: 0, label: t('planning.ratiosPage.legendAny'), color: COLORS.low }];
    const half = cityTarget / 2;
    return [
      { min: 0, max: 0, label: t('planning.ratiosPage.legendNone'), color: COLORS.none },
      {
        min: 0.00001,
        max: half - 0.00001,
        label: t('planning.ratiosPage.legendLow', { half: formatRatio(half, lang) }),
        color: COLORS.low,
      },
      {
        min: half,
        max: cityTarget - 0.00001,
        label: t('planning.ratiosPage.legendNear', {
          half: formatRatio(half, lang),
          target: formatRatio(cityTarget, lang),
        }),
        color: COLORS.near,
      },
      {
        min: cityTarget,
        label: t('planning.ratiosPage.legendMet', { target: formatRatio(cityTarget, lang) }),
        color: COLORS.met,
      },
    ];
  }, [cityTarget, t, lang]);

  const mapRegions = useMemo<MapRegion[]>(() => {
    const names = new Map((regionsQuery.data?.regions ?? []).map((r) => [r.code, r.nameZh]));
    return (ratios?.regions ?? []).map((r) => ({
      code: r.regionCode!,
      nameZh: names.get(r.regionCode!) ?? '',
      value: r.perThousandOlderAdults,
      tooltip: [
        regionName(r.regionCode),
        t('planning.ratiosPage.tipRatio', { ratio: ratio(r.perThousandOlderAdults) }),
        r.targetPerThousandOlderAdults === null
          ? t('planning.noTarget')
          : t('planning.ratiosPage.tipTarget', { target: formatRatio(r.targetPerThousandOlderAdults, lang) }),
        t('planning.ratiosPage.tipWorkers', { n: n(r.socialWorkers), qualified: n(r.qualifiedSocialWorkers) }),
        r.olderAdults === null
          ? t('planning.ratiosPage.tipNoPopulation')
          : t('planning.ratiosPage.tipOlderAdults', {
              n: n(r.olderAdults),
              basis: r.populationBasis ? enumLabel(t, 'PopulationBasis', r.populationBasis) : '',
            }),
        ...(r.shortfallForOlderAdults ? [t('planning.ratios.shortfall', { n: n(r.shortfallForOlderAdults) })] : []),
      ],
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ratios, regionsQuery.data, lang, t, regionName]);

  const mapSummary = t('planning.ratiosPage.mapSummary', {
    points: (ratios?.regions ?? [])
      .map((r) => `${regionName(r.regionCode)} ${ratio(r.perThousandOlderAdults)}`)
      .join(lang === 'zh-CN' ? '；' : '; '),
  });

  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
        <div className="toolbar">
          <AsOfField value={asOf} onChange={setAsOf} />
          <ExportButton path={`/exports/planning.xlsx?asOf=${asOf}`} fallbackName={`planning-${asOf}.xlsx`} />
        </div>
      </div>
      <p className="intro">{t('planning.ratiosPage.intro')}</p>
      {error && !loading && <Alert type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!ratios && loading && (
        <div className="loading" aria-busy="true">
          <Spin />
          <span>{t('planning.loading')}</span>
        </div>
      )}
      {ratios && (
        <div className={current ? 'planning-body' : 'planning-body stale'} aria-busy={!current}>
          <div className="ratios-top">
            <section className="panel map-card" aria-labelledby="map-title">
              <h2 id="map-title">{t('planning.ratiosPage.mapTitle', { date: formatDate(ratios.asOf, lang) })}</h2>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 520 }} />}>
                {regionsQuery.data && (
                  <RegionMap
                    regions={mapRegions}
                    pieces={pieces}
                    noValueLabel={t('planning.ratiosPage.legendNoFigure')}
                    summary={mapSummary}
                  />
                )}
              </Suspense>
              <p className="figure-note">{t('planning.ratiosPage.mapNote')}</p>
            </section>
            <div className="ratios-cards">
              {(ratios.city ? [ratios.city] : ratios.regions).slice(0, 1).map((r) => (
                <HeadlineCards key={r.regionCode ?? 'city'} r={r} ownRegion={ownRegion} />
              ))}
            </div>
          </div>
          <RatioTable rows={ratios.regions} asOf={ratios.asOf} />
          <BelowRequirement asOf={ratios.asOf} onOpen={setSelected} />
        </div>
      )}
      <InstitutionDrawer asOf={asOf} below={selected} onClose={() => setSelected(null)} />
    </div>
  );
}

function HeadlineCards({ r, ownRegion }: { r: RatioRowFragment; ownRegion: string | null | undefined }) {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const n = (v: number) => formatNumber(v, lang);
  const where = ownRegion ? regionName(ownRegion) : t('planning.ratiosPage.city');
  return (
    <>
      <FigureCard
        title={t('planning.ratiosPage.perThousandCard', { where })}
        value={
          r.perThousandOlderAdults === null ? t('planning.ratios.noRatio') : formatRatio(r.perThousandOlderAdults, lang)
        }
      >
        <ul className="figure-list">
          <li>
            {r.targetPerThousandOlderAdults === null
              ? t('planning.noTarget')
              : t('planning.ratiosPage.targetPerThousand', {
                  target: formatRatio(r.targetPerThousandOlderAdults, lang),
                })}
          </li>
          <li>
            {t('planning.ratios.socialWorkers', { n: n(r.socialWorkers), qualified: n(r.qualifiedSocialWorkers) })}
          </li>
          {r.olderAdults !== null && (
            <li>
              {t('planning.ratiosPage.olderAdults', {
                n: n(r.olderAdults),
                basis: r.populationBasis ? enumLabel(t, 'PopulationBasis', r.populationBasis) : '',
              })}
            </li>
          )}
          {r.shortfallForOlderAdults !== null && (
            <li>{t('planning.ratiosPage.shortfallLine', { n: n(r.shortfallForOlderAdults) })}</li>
          )}
        </ul>
        <Meets value={r.meetsOlderAdultTarget} />
      </FigureCard>
      <FigureCard
        title={t('planning.ratiosPage.perHundredCard', { where })}
        value={r.perHundredBeds === null ? t('planning.ratios.noRatio') : formatRatio(r.perHundredBeds, lang)}
      >
        <ul className="figure-list">
          <li>
            {r.targetPerHundredBeds === null
              ? t('planning.noTarget')
              : t('planning.ratiosPage.targetPerHundred', { target: formatRatio(r.targetPerHundredBeds, lang) })}
          </li>
          <li>{t('planning.ratiosPage.bedsLine', { beds: n(r.beds), n: n(r.careHomeSocialWorkers) })}</li>
          {r.shortfallForBeds !== null && (
            <li>{t('planning.ratiosPage.shortfallLine', { n: n(r.shortfallForBeds) })}</li>
          )}
        </ul>
        <Meets value={r.meetsBedTarget} />
      </FigureCard>
    </>
  );
}

function Meets({ value }: { value: boolean | null | undefined }) {
  const { t } = useI18n();
  return <Verdict ok={value} yes={t('planning.meets')} no={t('planning.below')} />;
}

/** Both ratios of every district and county in scope, sortable, all on one page. */
function RatioTable({ rows, asOf }: { rows: RatioRowFragment[]; asOf: string }) {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
  const r4 = (v: number | null) => (v === null ? t('planning.ratios.noRatio') : formatRatio(v, lang));
  const num = (pick: (r: RatioRowFragment) => number | null) => (a: RatioRowFragment, b: RatioRowFragment) =>
    (pick(a) ?? -1) - (pick(b) ?? -1);
  const verdict = (value: number | null, meets: boolean | null) => (
    <span className={meets === false ? 'ratio-below' : undefined}>
      {r4(value)}
      {meets === false && <span className="visually-hidden">{t('planning.below')}</span>}
    </span>
  );
  const columns: ColumnsType<RatioRowFragment> = [
    {
      key: 'region',
      title: t('planning.ratios.region'),
      render: (_, r) => regionName(r.regionCode),
      sorter: (a, b) => (a.regionCode ?? '').localeCompare(b.regionCode ?? ''),
      fixed: 'left',
      width: 150,
    },
    {
      title: t('planning.ratiosPage.groupOlder'),
      children: [
        {
          key: 'olderAdults',
          title: t('planning.ratiosPage.colOlderAdults'),
          align: 'right',
          render: (_, r) => (
            <>
              {n(r.olderAdults)}
              {r.populationBasis && r.populationBasis !== 'CENSUS' && (
                <div className="cell-note">{enumLabel(t, 'PopulationBasis', r.populationBasis)}</div>
              )}
            </>
          ),
          sorter: num((r) => r.olderAdults),
        },
        {
          key: 'socialWorkers',
          title: t('planning.ratiosPage.colSocialWorkers'),
          align: 'right',
          render: (_, r) => n(r.socialWorkers),
          sorter: num((r) => r.socialWorkers),
        },
        {
          key: 'perThousand',
          title: t('planning.ratiosPage.colPerThousand'),
          align: 'right',
          render: (_, r) => verdict(r.perThousandOlderAdults, r.meetsOlderAdultTarget),
          sorter: num((r) => r.perThousandOlderAdults),
        },
        {
          key: 'targetPerThousand',
          title: t('planning.ratiosPage.colTarget'),
          align: 'right',
          render: (_, r) =>
            r.targetPerThousandOlderAdults === null ? '—' : formatRatio(r.targetPerThousandOlderAdults, lang),
        },
        {
          key: 'shortfallOlder',
          title: t('planning.ratiosPage.colShortfall'),
          align: 'right',
          render: (_, r) => n(r.shortfallForOlderAdults),
          sorter: num((r) => r.shortfallForOlderAdults),
        },
      ],
    },
    {
      title: t('planning.ratiosPage.groupBeds'),
      children: [
        {
          key: 'beds',
          title: t('planning.ratiosPage.colBeds'),
          align: 'right',
          render: (_, r) => n(r.beds),
          sorter: num((r) => r.beds),
        },
        {
          key: 'careHomeSocialWorkers',
          title: t('planning.ratiosPage.colCareHomeWorkers'),
          align: 'right',
          render: (_, r) => n(r.careHomeSocialWorkers),
          sorter: num((r) => r.careHomeSocialWorkers),
        },
        {
          key: 'perHundred',
          title: t('planning.ratiosPage.colPerHundred'),
          align: 'right',
          render: (_, r) => verdict(r.perHundredBeds, r.meetsBedTarget),
          sorter: num((r) => r.perHundredBeds),
        },
        {
          key: 'targetPerHundred',
          title: t('planning.ratiosPage.colTarget'),
          align: 'right',
          render: (_, r) => (r.targetPerHundredBeds === null ? '—' : formatRatio(r.targetPerHundredBeds, lang)),
        },
        {
          key: 'shortfallBeds',
          title: t('planning.ratiosPage.colShortfall'),
          align: 'right',
          render: (_, r) => n(r.shortfallForBeds),
          sorter: num((r) => r.shortfallForBeds),
        },
      ],
    },
    {
      key: 'note',
      title: t('planning.ratios.note'),
      render: (_, r) => r.note ?? '',
      width: 220,
    },
  ];
  return (
    <section className="panel table-card" aria-labelledby="ratio-table-title">
      <h2 id="ratio-table-title">{t('planning.ratiosPage.tableTitle', { date: formatDate(asOf, lang) })}</h2>
      <Table<RatioRowFragment>
        className="ratio-table"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        rowKey={(r) => r.regionCode ?? 'city'}
        pagination={false}
        scroll={{ x: 1100 }}
        showSorterTooltip={false}
      />
    </section>
  );
}

/** The care homes with fewer social workers than one per 100 beds; each row opens the institution's panel. */
function BelowRequirement({ asOf, onOpen }: { asOf: string; onOpen(b: Below): void }) {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const n = (v: number) => formatNumber(v, lang);
  // Not cached: its staffingRatios (no id) would replace the ratios query's in the cache, and the other way round.
  const { data, loading, fetchMore } = useQuery(InstitutionsBelowRequirementDocument, {
    variables: { asOf },
    fetchPolicy: 'no-cache',
  });
  const list = data?.staffingRatios.institutionsBelowRequirement;
  const more = () =>
    fetchMore({
      variables: { asOf, after: list?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        staffingRatios: {
          ...fetchMoreResult.staffingRatios,
          institutionsBelowRequirement: {
            ...fetchMoreResult.staffingRatios.institutionsBelowRequirement,
            edges: [
              ...previous.staffingRatios.institutionsBelowRequirement.edges,
              ...fetchMoreResult.staffingRatios.institutionsBelowRequirement.edges,
            ],
          },
        },
      }),
    });
  return (
    <section className="panel table-card" aria-labelledby="below-title">
      <h2 id="below-title">{t('planning.ratiosPage.belowTitle')}</h2>
      {list && (
        <p className="figure-note">
          {t('planning.ratiosPage.belowCount', { n: n(list.totalCount), shown: n(list.edges.length) })}
        </p>
      )}
      <Table<Below>
        size="small"
        loading={loading && !list}
        dataSource={list?.edges.map((e) => e.node) ?? []}
        rowKey={(b) => b.institution.id}
        pagination={false}
        columns={[
          {
            key: 'name',
            title: t('planning.ratiosPage.colInstitution'),
            render: (_, b) => (
              <Button type="link" className="link-button" onClick={() => onOpen(b)}>
                {b.institution.name}
              </Button>
            ),
          },
          { key: 'region', title: t('planning.ratios.region'), render: (_, b) => regionName(b.institution.regionCode) },
          { key: 'beds', title: t('planning.ratiosPage.colBeds'), align: 'right', render: (_, b) => n(b.beds) },
          {
            key: 'socialWorkers',
            title: t('planning.ratiosPage.colSocialWorkers'),
            align: 'right',
            render: (_, b) => n(b.socialWorkers),
          },
          {
            key: 'required',
            title: t('planning.ratiosPage.colRequired'),
            align: 'right',
            render: (_, b) => n(b.requiredSocialWorkers),
          },
        ]}
      />
      {list?.pageInfo.hasNextPage && (
        <Button className="more-button" onClick={() => void more()}>
          {t('planning.ratiosPage.more')}
        </Button>
      )}
    </section>
  );
}

/** One institution's figures: the as-of figures of the list, and its record as it is today. */
function InstitutionDrawer({ asOf, below, onClose }: { asOf: string; below: Below | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const regionName = useRegionNames();
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, lang));
  const { data, loading } = useQuery(InstitutionPanelDocument, {
    variables: { id: below?.institution.id ?? '' },
    skip: !below,
  });
  const inst = data?.institution;
  const label = (key: string) => t(`planning.ratiosPage.panel.${key}` as MessageKey);
  return (
    <Drawer
      getContainer={false}
      open={!!below}
      onClose={onClose}
      size={480}
      title={below?.institution.name}
      aria-label={below?.institution.name}
    >
      {below && (
        <>
          <h3 className="drawer-heading">{t('planning.ratiosPage.panel.asOf', { date: formatDate(asOf, lang) })}</h3>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'beds', label: label('beds'), children: n(below.beds) },
              { key: 'required', label: label('required'), children: n(below.requiredSocialWorkers) },
              { key: 'socialWorkers', label: label('socialWorkers'), children: n(below.socialWorkers) },
            ]}
          />
          <h3 className="drawer-heading">{t('planning.ratiosPage.panel.today')}</h3>
          {loading && !inst && <Spin />}
          {inst && (
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'region', label: label('region'), children: regionName(inst.regionCode) },
                ...(inst.zoneCode ? [{ key: 'zone', label: label('zone'), children: regionName(inst.zoneCode) }] : []),
                {
                  key: 'type',
                  label: label('type'),
                  children: t(`planning.enum.InstitutionType.${inst.type}` as MessageKey),
                },
                {
                  key: 'ownership',
                  label: label('ownership'),
                  children: t(`planning.enum.Ownership.${inst.ownership}` as MessageKey),
                },
                { key: 'creditCode', label: label('creditCode'), children: inst.creditCode },
                { key: 'staff', label: label('staff'), children: n(inst.activeStaffCount) },
                { key: 'swToday', label: label('socialWorkersToday'), children: n(inst.socialWorkerCount) },
                { key: 'reqToday', label: label('requiredToday'), children: n(inst.requiredSocialWorkers) },
                {
                  key: 'department',
                  label: label('department'),
                  children: inst.hasSocialWorkDepartment
                    ? t('planning.ratiosPage.panel.yes')
                    : t('planning.ratiosPage.panel.no'),
                },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
