import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  certificateValidOn,
  employmentActiveOn,
  primaryJobsOn,
  ratioTargetOf,
  ratioTargetOwnFirst,
  targetYearPreference,
} from '../common/counting-rules.js';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, InputProblems } from '../common/errors.js';
import { type Connection, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type PageArgs } from '../common/pagination.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { COUNTY_LEVEL_KINDS, PopulationBasis } from '../regions/region.enums.js';
import type { InstitutionBelowRequirement, RegionRatio, StaffingRatios } from './planning.model.js';
import { TargetMetric } from './target.enums.js';
import { msg } from '../i18n/i18n.js';
import { joinWorded, t } from '../i18n/i18n.js';

export const EARLIEST_RATIO_DATE = '2000-01-01';

/** Bases from the strongest to the weakest: a figure is only as good as the weakest one it is built from. */
const BASIS_STRENGTH = [PopulationBasis.CENSUS, PopulationBasis.OFFICIAL_ESTIMATE, PopulationBasis.DEMO_ESTIMATE];
const weakest = (bases: (PopulationBasis | null)[]): PopulationBasis | null =>
  bases.reduce<PopulationBasis | null>(
    (w, b) => (b === null ? w : w === null || BASIS_STRENGTH.indexOf(b) > BASIS_STRENGTH.indexOf(w) ? b : w),
    null,
  );

/** Target values are numeric(14,4): compared as integers of 1/10,000 so that "exactly at target" is exact. */
const TARGET_SCALE = 10_000;
const targetUnits = (value: string | null): number | null =>
  value === null ? null : Math.round(Number(value) * TARGET_SCALE);

/** One row of the ratios statement: a district or county (or, with `region_code` null, the city's targets). */
interface RatioRow {
  region_code: string | null;
  older_adults: number | null;
  older_adults_basis: PopulationBasis | null;
  beds: number | null;
  social_workers: number | null;
  care_home_social_workers: number | null;
  qualified_social_workers: number | null;
  target_per_thousand: string | null;
  target_per_hundred_beds: string | null;
}

/** What a ratio needs: how many social workers count, against what denominator, with which target. */
interface RatioInput {
  present: number;
  /** The denominator's people (older adults) or beds; null when missing. */
  base: number | null;
  /** Units of base per ratio unit: 1,000 older adults or 100 beds. */
  per: number;
  /** Target in 1/10,000 units, null when none applies. */
  target: number | null;
}

interface RatioResult {
  ratio: number | null;
  meets: boolean | null;
  shortfall: number | null;
}

/** Ratios are reported to four decimals (DESIGN.md); display rounding is the page's job. */
const RATIO_DECIMALS = 10_000;

/**
 * present / (base / per), rounded to four decimals; meets = exact ratio >= target; shortfall = max(0, ceil(target x
 * base / per - present)). All in integers: present x per x 10,000 against target units x base.
 */
function ratio({ present, base, per, target }: RatioInput): RatioResult {
  if (base === null || base === 0) return { ratio: null, meets: null, shortfall: null };
  const rounded = Math.round((present * per * RATIO_DECIMALS) / base) / RATIO_DECIMALS;
  if (target === null) return { ratio: rounded, meets: null, shortfall: null };
  const have = present * per * TARGET_SCALE;
  const need = target * base;
  const missing = need - have; // in units of 1 / (per x 10,000) social workers
  return {
    ratio: rounded,
    meets: have >= need,
    shortfall: missing <= 0 ? 0 : Math.ceil(missing / (per * TARGET_SCALE)),
  };
}

/** A cursor of institutionsBelowRequirement: [shortfall, name, id], the order of the list. */
type BelowCursor = [number, string, string];

/** Staffing ratios (DESIGN.md): social workers per 1,000 older adults and per 100 care-home beds. */
@Injectable()
export class RatiosService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every district and county and the city in one statement. A municipal planner gets the city and every region,
   * or with `regionCode` that region (and still the city, to compare against); a district planner its own region
   * and no city.
   */
  async staffingRatios(
    actor: Actor,
    asOfArg: string | undefined,
    regionArg: string | undefined,
  ): Promise<StaffingRatios> {
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    const problems = new InputProblems();
    problems.check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!);
    problems.check(asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }));
    problems.check(
      asOf >= EARLIEST_RATIO_DATE,
      'asOf',
      msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_RATIO_DATE }),
    );
    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const year = Number(asOf.slice(0, 4));
    const rows: RatioRow[] = await this.dataSource.query(RATIOS_SQL, [
      asOf,
      year,
      COUNTY_LEVEL_KINDS,
      TargetMetric.SOCIAL_WORKERS_PER_1000_OLDER_ADULTS,
      TargetMetric.SOCIAL_WORKERS_PER_100_BEDS,
    ]);
    const regionRows = rows.filter((r) => r.region_code !== null);
    const cityTargets = rows.find((r) => r.region_code === null)!;
    const inScope = regionCode === null ? regionRows : regionRows.filter((r) => r.region_code === regionCode);
    if (regionCode !== null && inScope.length === 0) {
      throw BadUserInputError.field('regionCode', msg('planning.regioncodeIsNotADistrict'));
    }
    return {
      asOf,
      regionCode,
      city: actor.role === Role.DISTRICT_PLANNER ? null : cityRatio(regionRows, cityTargets, year),
      regions: inScope.map((r) => regionRatio(r, year)),
    };
  }

  /**
   * Care homes in scope with beds whose social workers (anyone in an active SOCIAL_WORKER job there on asOf, primary
   * or not) are fewer than ceil(beds / 100): largest shortfall first, then name and id. Keyset pagination on
   * (shortfall desc, name, id); the page and the total in one statement.
   */
  async institutionsBelowRequirement(
    parent: Pick<StaffingRatios, 'asOf' | 'regionCode'>,
    args: PageArgs,
  ): Promise<Connection<InstitutionBelowRequirement>> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const required = '((i.beds + 99) / 100)';
    const socialWorkers = 'coalesce(sw.n, 0)';
    const shortfall = `(${required} - ${socialWorkers})`;
    const qb = this.dataSource
      .getRepository(InstitutionEntity)
      .createQueryBuilder('i')
      .leftJoin(
        `(SELECT e.institution_id, count(DISTINCT e.person_id)::int AS n
            FROM employment e
           WHERE e.occupation = 'SOCIAL_WORKER' AND ${employmentActiveOn('e', ':asOf')}
           GROUP BY e.institution_id)`,
        'sw',
        'sw.institution_id = i.id',
      )
      .where(`i.type = 'CARE_HOME' AND i.beds > 0 AND ${socialWorkers} < ${required}`)
      .setParameters({ asOf: parent.asOf });
    if (parent.regionCode !== null) qb.andWhere('i.region_code = :region', { region: parent.regionCode });

    const count = qb.clone().select('count(*)');
    const page = qb
      .clone()
      .addSelect(`${socialWorkers}`, 'social_workers')
      .addSelect(`${required}`, 'required_social_workers')
      .addSelect(`${shortfall}`, 'shortfall')
      .addSelect(`(${count.getQuery()})::int`, 'total_count');
    if (args.after) {
      const [s, name, id] = decodeCursor(args.after, ['int', 'text', 'uuid']) as BelowCursor;
      page.andWhere(`(${shortfall} < :cShort OR (${shortfall} = :cShort AND (i.name, i.id) > (:cName, :cId)))`, {
        cShort: s,
        cName: name,
        cId: id,
      });
    }
    page
      .orderBy(shortfall, 'DESC')
      .addOrderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(first + 1);

    const { entities, raw } = await page.getRawAndEntities<{
      social_workers: number;
      required_social_workers: number;
      shortfall: number;
      total_count: number;
    }>();
    let totalCount: number;
    if (raw.length > 0) {
      totalCount = raw[0].total_count;
    } else {
      const row = await count.getRawOne<{ count: string }>();
      totalCount = Number(row?.count ?? 0);
    }
    // One raw row per institution: the joined counts are one row per institution.
    const edges = entities.slice(0, first).map((institution, k) => {
      const r = raw[k];
      const node: InstitutionBelowRequirement = {
        institution,
        beds: institution.beds ?? 0,
        socialWorkers: Number(r.social_workers),
        requiredSocialWorkers: Number(r.required_social_workers),
      };
      return { node, cursor: encodeCursor([Number(r.shortfall), institution.name, institution.id]) };
    });
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: entities.length > first,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
    };
  }
}

/**
 * One statement for the whole city. Per district or county: the 60+ figure of the latest year <= asOf's year with its
 * basis, care-home beds (current licensed figure), and social workers by the primary-employment rule (DESIGN.md:
 * the active job that started first, ties to the lowest id; only people with an active SOCIAL_WORKER job are
 * ranked, as nobody else can have one as primary), and how many of them hold a SOCIAL_WORK certificate valid on
 * asOf; the persons with an active SOCIAL_WORKER job at a care home
 * there (primary or not: the per-100-beds numerator); plus the two ratio targets chosen by the DESIGN.md rule (the
 * one for asOf's year, else the nearest later, else the latest earlier; a region's own beats the city's at the
 * same year), which is TargetsService.targetFor for all regions at once. The row with region_code null carries
 * the city's targets (city-wide ones only) and the city's care-home social workers (each person once); the city's
 * other counts are summed from the regions by the caller.
 *
 * $1 asOf, $2 asOf's year, $3 county-level kinds, $4 and $5 the two ratio metrics.
 */
const RATIOS_SQL = `
WITH county AS (
  SELECT code FROM region WHERE kind::text = ANY($3::text[])
),
pop AS (
  SELECT DISTINCT ON (p.region_code) p.region_code, p.older_adults, p.older_adults_basis
    FROM region_population p
   WHERE p.year <= $2::int
   ORDER BY p.region_code, p.year DESC
),
bed AS (
  SELECT region_code, sum(beds)::int AS beds FROM institution WHERE type = 'CARE_HOME' GROUP BY region_code
),
primary_job AS (${primaryJobsOn('$1::date', { occupation: "'SOCIAL_WORKER'" })}),
sw AS (
  SELECT pj.region_code,
         count(*)::int AS social_workers,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM certificate c
            WHERE c.person_id = pj.person_id AND c.kind = 'SOCIAL_WORK' AND ${certificateValidOn('c', '$1::date')}))::int
           AS qualified_social_workers
    FROM primary_job pj
   WHERE pj.occupation = 'SOCIAL_WORKER'
   GROUP BY pj.region_code
),
-- Per 100 beds: distinct persons with an active SOCIAL_WORKER job at a care home, primary or not; per region, and
-- for the city (region_code null) once each however many districts they work in.
care_home_sw AS (
  SELECT i.region_code, count(DISTINCT e.person_id)::int AS n
    FROM employment e JOIN institution i ON i.id = e.institution_id
   WHERE e.occupation = 'SOCIAL_WORKER' AND i.type = 'CARE_HOME' AND ${employmentActiveOn('e', '$1::date')}
   GROUP BY GROUPING SETS ((i.region_code), ())
),
scope AS (
  SELECT code FROM county UNION ALL SELECT NULL
),
tgt AS (
  SELECT DISTINCT ON (s.code, t.metric) s.code, t.metric, t.value::text AS value
    FROM scope s
    JOIN target t ON t.metric::text IN ($4::text, $5::text) AND ${ratioTargetOf('t', 's.code')}
   ORDER BY s.code, t.metric, ${targetYearPreference('t', '$2::int')}, ${ratioTargetOwnFirst('t')}
)
SELECT s.code AS region_code,
       pop.older_adults, pop.older_adults_basis,
       CASE WHEN s.code IS NULL THEN NULL ELSE coalesce(bed.beds, 0) END AS beds,
       CASE WHEN s.code IS NULL THEN NULL ELSE coalesce(sw.social_workers, 0) END AS social_workers,
       coalesce(ch.n, 0) AS care_home_social_workers,
       CASE WHEN s.code IS NULL THEN NULL ELSE coalesce(sw.qualified_social_workers, 0) END AS qualified_social_workers,
       t1.value AS target_per_thousand, t2.value AS target_per_hundred_beds
  FROM scope s
  LEFT JOIN pop ON pop.region_code = s.code
  LEFT JOIN bed ON bed.region_code = s.code
  LEFT JOIN sw ON sw.region_code = s.code
  LEFT JOIN care_home_sw ch ON ch.region_code IS NOT DISTINCT FROM s.code
  LEFT JOIN tgt t1 ON t1.code IS NOT DISTINCT FROM s.code AND t1.metric::text = $4::text
  LEFT JOIN tgt t2 ON t2.code IS NOT DISTINCT FROM s.code AND t2.metric::text = $5::text
 ORDER BY s.code NULLS FIRST`;

function regionRatio(r: RatioRow, year: number): RegionRatio {
  const socialWorkers = r.social_workers ?? 0;
  const beds = r.beds ?? 0;
  const notes: string[] = [];
  if (r.older_adults === null) {
    notes.push(t('note.noOlderAdultsFigure', { year }));
  } else if (r.older_adults === 0) {
    notes.push(t('note.olderAdultsZero'));
  }
  if (beds === 0) notes.push(t('note.noBeds'));
  const perThousand = ratio({
    present: socialWorkers,
    base: r.older_adults,
    per: 1000,
    target: targetUnits(r.target_per_thousand),
  });
  const perHundred = ratio({
    present: r.care_home_social_workers ?? 0,
    base: beds,
    per: 100,
    target: targetUnits(r.target_per_hundred_beds),
  });
  addMissingTargetNotes(notes, r);
  return {
    regionCode: r.region_code,
    olderAdults: r.older_adults,
    beds,
    socialWorkers,
    qualifiedSocialWorkers: r.qualified_social_workers ?? 0,
    careHomeSocialWorkers: r.care_home_social_workers ?? 0,
    perThousandOlderAdults: perThousand.ratio,
    perHundredBeds: perHundred.ratio,
    meetsOlderAdultTarget: perThousand.meets,
    meetsBedTarget: perHundred.meets,
    shortfallForOlderAdults: perThousand.shortfall,
    shortfallForBeds: perHundred.shortfall,
    ...targetValues(r),
    populationBasis: r.older_adults === null ? null : r.older_adults_basis,
    note: notes.length ? joinWorded(notes) : null,
    olderAdultRatio: r.older_adults ? { present: socialWorkers, base: r.older_adults } : null,
  };
}

/** The two ratio targets in force, as the numbers planners set (numeric(14,4) read as text). */
function targetValues(r: RatioRow): Pick<RegionRatio, 'targetPerThousandOlderAdults' | 'targetPerHundredBeds'> {
  return {
    targetPerThousandOlderAdults: r.target_per_thousand === null ? null : Number(r.target_per_thousand),
    targetPerHundredBeds: r.target_per_hundred_beds === null ? null : Number(r.target_per_hundred_beds),
  };
}

/** Ratio targets fall back to the city's, so these appear only when the city has none either. */
function addMissingTargetNotes(notes: string[], r: RatioRow): void {
  if (r.target_per_thousand === null) notes.push(t('note.noTargetPerThousand'));
  if (r.target_per_hundred_beds === null) notes.push(t('note.noTargetPerHundredBeds'));
}

/**
 * The weakest first (DESIGN.md): lowest exact ratio to older adults (compared as fractions, not as the rounded
 * figures), then the largest shortfall, then region code; regions without a ratio after all the others.
 */
export function weakestFirst(a: RegionRatio, b: RegionRatio): number {
  const x = a.olderAdultRatio ?? null;
  const y = b.olderAdultRatio ?? null;
  if (x === null || y === null) {
    if (x !== y) return x === null ? 1 : -1;
  } else {
    const difference = x.present * y.base - y.present * x.base;
    if (difference !== 0) return difference;
    const shortfall = (b.shortfallForOlderAdults ?? -1) - (a.shortfallForOlderAdults ?? -1);
    if (shortfall !== 0) return shortfall;
  }
  return (a.regionCode ?? '').localeCompare(b.regionCode ?? '');
}

/**
 * The city: the sum of the 38 districts and counties (zones never enter), against the city-wide targets. The ratio
 * to older adults is like for like: when some regions have no 60+ figure, the city's olderAdults sums the others and
 * the ratio, meets flag and shortfall count only the social workers of those regions; the note says how many
 * regions (and which, up to five) are left out. socialWorkers and qualifiedSocialWorkers remain the whole city's.
 */
function cityRatio(regions: RatioRow[], targets: RatioRow, year: number): RegionRatio {
  const sum = (rows: RatioRow[], pick: (r: RatioRow) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const covered = regions.filter((r) => r.older_adults !== null);
  const missing = regions.filter((r) => r.older_adults === null);
  const olderAdults = covered.length ? sum(covered, (r) => r.older_adults) : null;
  const beds = sum(regions, (r) => r.beds);
  const notes: string[] = [];
  if (olderAdults === null) {
    notes.push(t('note.noRegionOlderAdultsFigure', { year }));
  } else {
    if (missing.length > 0) {
      const codes = missing.map((r) => r.region_code).slice(0, 5);
      const more = missing.length > codes.length ? ', ...' : '';
      notes.push(
        t('note.someRegionsWithoutOlderAdults', {
          missing: missing.length,
          regions: regions.length,
          year,
          codes: `${codes.join(', ')}${more}`,
          covered: covered.length,
          socialWorkers: sum(covered, (r) => r.social_workers),
        }),
      );
    }
    if (olderAdults === 0) notes.push(t('note.olderAdultsSumZero'));
  }
  if (beds === 0) notes.push(t('note.noBeds'));
  const perThousand = ratio({
    present: sum(covered, (r) => r.social_workers),
    base: olderAdults,
    per: 1000,
    target: targetUnits(targets.target_per_thousand),
  });
  const perHundred = ratio({
    present: targets.care_home_social_workers ?? 0,
    base: beds,
    per: 100,
    target: targetUnits(targets.target_per_hundred_beds),
  });
  addMissingTargetNotes(notes, targets);
  return {
    regionCode: null,
    olderAdults,
    beds,
    socialWorkers: sum(regions, (r) => r.social_workers),
    qualifiedSocialWorkers: sum(regions, (r) => r.qualified_social_workers),
    careHomeSocialWorkers: targets.care_home_social_workers ?? 0,
    perThousandOlderAdults: perThousand.ratio,
    perHundredBeds: perHundred.ratio,
    meetsOlderAdultTarget: perThousand.meets,
    meetsBedTarget: perHundred.meets,
    shortfallForOlderAdults: perThousand.shortfall,
    shortfallForBeds: perHundred.shortfall,
    ...targetValues(targets),
    populationBasis: weakest(covered.map((r) => r.older_adults_basis)),
    note: notes.length ? joinWorded(notes) : null,
    olderAdultRatio: olderAdults ? { present: sum(covered, (r) => r.social_workers), base: olderAdults } : null,
  };
}
