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
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { COUNTY_LEVEL_KINDS, type PopulationBasis } from '../regions/region.enums.js';
import { TargetMetric } from '../targets/target.enums.js';

/** One row of the ratios statement: a district or county (or, with `region_code` null, the city's targets). */
export interface RatioRow {
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

/** A care home below its social-worker requirement, with its figures. */
export interface BelowRequirementRow {
  institution: InstitutionEntity;
  socialWorkers: number;
  requiredSocialWorkers: number;
  shortfall: number;
}

/** Where a page of institutionsBelowRequirement starts: after [shortfall, name, id], the order of the list. */
export type BelowRequirementKey = [number, string, string];

/**
 * The staffing ratios' statements (DESIGN.md): regions' population figures, institutions' beds, the workforce's
 * employment, certification's certificates and the targets, read together. The service computes the ratios.
 */
@Injectable()
export class RatiosReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every district and county, and the city's row (region_code null), on asOf; see RATIOS_SQL. */
  regionRows(asOf: string, year: number): Promise<RatioRow[]> {
    return this.dataSource.query(RATIOS_SQL, [
      asOf,
      year,
      COUNTY_LEVEL_KINDS,
      TargetMetric.SOCIAL_WORKERS_PER_1000_OLDER_ADULTS,
      TargetMetric.SOCIAL_WORKERS_PER_100_BEDS,
    ]);
  }

  /**
   * Care homes (in `regionCode`, or all with null) with fewer social workers on asOf (anyone in an active
   * SOCIAL_WORKER job there, primary or not) than ceil(beds / 100): largest shortfall first, then name and id, up to
   * `limit` after `after`. Keyset pagination on (shortfall desc, name, id); the page and the total in one statement
   * (a second one for the total only when the page is empty).
   */
  async belowRequirement(
    asOf: string,
    regionCode: string | null,
    after: BelowRequirementKey | null,
    limit: number,
  ): Promise<{ rows: BelowRequirementRow[]; totalCount: number }> {
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
      .setParameters({ asOf });
    if (regionCode !== null) qb.andWhere('i.region_code = :region', { region: regionCode });

    const count = qb.clone().select('count(*)');
    const page = qb
      .clone()
      .addSelect(`${socialWorkers}`, 'social_workers')
      .addSelect(`${required}`, 'required_social_workers')
      .addSelect(`${shortfall}`, 'shortfall')
      .addSelect(`(${count.getQuery()})::int`, 'total_count');
    if (after) {
      const [s, name, id] = after;
      page.andWhere(`(${shortfall} < :cShort OR (${shortfall} = :cShort AND (i.name, i.id) > (:cName, :cId)))`, {
        cShort: s,
        cName: name,
        cId: id,
      });
    }
    page.orderBy(shortfall, 'DESC').addOrderBy('i.name', 'ASC').addOrderBy('i.id', 'ASC').limit(limit);

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
    const rows = entities.map((institution, k) => ({
      institution,
      socialWorkers: Number(raw[k].social_workers),
      requiredSocialWorkers: Number(raw[k].required_social_workers),
      shortfall: Number(raw[k].shortfall),
    }));
    return { rows, totalCount };
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
