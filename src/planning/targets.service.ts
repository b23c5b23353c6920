import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { optionalCode } from '../common/codes.js';
import {
  countTargetOf,
  primaryJobsOn,
  ratioTargetOf,
  ratioTargetOwnFirst,
  targetYearPreference,
} from '../common/counting-rules.js';
import { BadUserInputError, forbidden, InputProblems } from '../common/errors.js';
import { todayInShanghai } from '../common/dates.js';
import { COUNTY_LEVEL_KINDS } from '../regions/region.enums.js';
import { apportion } from './largest-remainders.js';
import type { ApportionResult } from './target.model.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ApportionTargetInput, SetTargetInput } from './planning.model.js';
import { type Actor, Role } from '../common/roles.js';
import { TargetEntity } from './target.entity.js';
import { ApportionBasis, TargetMetric } from './target.enums.js';
import { msg } from '../i18n/i18n.js';

export interface TargetFilter {
  metric?: TargetMetric;
  regionCode?: string;
  year?: number;
}

/** Ratio metrics are social workers per 1,000 older adults or per 100 beds: a target above 100 is a typo. */
const RATIO_METRICS = new Set<TargetMetric>([
  TargetMetric.SOCIAL_WORKERS_PER_1000_OLDER_ADULTS,
  TargetMetric.SOCIAL_WORKERS_PER_100_BEDS,
]);

/** Count metrics never fall back from the city to a region (DESIGN.md); ratio metrics do. */
export const isCountMetric = (metric: TargetMetric): boolean => !RATIO_METRICS.has(metric);

/** Per district or county (`code`, `n`), the figure a city target is shared out by. HEADCOUNT: $2 today. */
const APPORTION_BASIS_SQL: Record<ApportionBasis, string> = {
  // The latest population figure of each region.
  [ApportionBasis.OLDER_ADULTS]: `SELECT DISTINCT ON (p.region_code) p.region_code AS code, p.older_adults AS n
      FROM region_population p ORDER BY p.region_code, p.year DESC`,
  // Today's headcount, each person under their primary job's district.
  [ApportionBasis.HEADCOUNT]: `SELECT pj.region_code AS code, count(*) AS n
      FROM (${primaryJobsOn('$2::date')}) pj GROUP BY pj.region_code`,
  [ApportionBasis.CARE_HOME_BEDS]: `SELECT i.region_code AS code, sum(i.beds) AS n
      FROM institution i WHERE i.type = 'CARE_HOME' GROUP BY i.region_code`,
};

const BASIS_WORDS: Record<ApportionBasis, string> = {
  [ApportionBasis.OLDER_ADULTS]: 'older adults recorded',
  [ApportionBasis.HEADCOUNT]: 'staff today',
  [ApportionBasis.CARE_HOME_BEDS]: 'care-home beds',
};

/** Ten million: more elder-care staff or training sessions than any region or city plans. */
const MAX_COUNT_TARGET = 10_000_000;

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
  ) {}

  /**
   * Sets the target of a metric for a year, city-wide or for one district or county (MUNICIPAL_PLANNER), replacing
   * the value already set for the same metric, region and year. A region's target overrides the city's where it
   * applies (see targetFor).
   */
  async set(actor: Actor, input: SetTargetInput): Promise<TargetEntity> {
    const problems = new InputProblems();
    problems.check(Object.values(TargetMetric).includes(input.metric), 'metric', msg('planning.metricIsNotAKnown'));
    problems.check(
      Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100,
      'year',
      msg('planning.yearMustBeFromTo'),
    );
    if (!(Number.isFinite(input.value) && input.value > 0)) {
      problems.add('value', msg('planning.valueMustBeGreaterThan'));
    } else if (RATIO_METRICS.has(input.metric)) {
      // Stored to four decimals: a finer value would be rounded silently (0.00001 would become 0).
      problems.check(
        input.value <= 100 && Number.isInteger(Math.round(input.value * 1e8) / 1e4),
        'value',
        msg('planning.aRatioTargetMustBe'),
      );
    } else {
      // Counts are answered as GraphQL Ints (gaps, expected to date): keep them far below 2^31.
      problems.check(
        Number.isInteger(input.value) && input.value <= MAX_COUNT_TARGET,
        'value',
        msg('planning.aCountTargetMustBe', { max: MAX_COUNT_TARGET.toLocaleString('en') }),
      );
    }
    const regionCode = optionalCode(input.regionCode, 'regionCode', problems);
    problems.throwIfAny();

    return this.unitOfWork.run(actor, 'setTarget', async (em) => {
      if (regionCode !== null) await this.regions.assertCountyLevel(regionCode, em);
      const existing = await em
        .createQueryBuilder(TargetEntity, 't')
        .where('t.metric = :metric AND t.year = :year', { metric: input.metric, year: input.year })
        .andWhere(regionCode === null ? 't.region_code IS NULL' : 't.region_code = :regionCode', { regionCode })
        .setLock('pessimistic_write')
        .getOne();
      const before = existing ? existing.value : null;
      let target: TargetEntity;
      if (existing) {
        existing.value = input.value;
        await em.update(TargetEntity, { id: existing.id }, { value: input.value });
        target = existing;
      } else {
        target = em.create(TargetEntity, { metric: input.metric, regionCode, year: input.year, value: input.value });
        // Two first settings racing: the loser's insert meets the unique index and is answered CONFLICT (retry).
        await em.insert(TargetEntity, target);
      }
      return {
        result: target,
        recordType: 'Target',
        recordId: target.id,
        summary: {
          metric: input.metric,
          regionCode,
          year: input.year,
          before: { value: before },
          after: { value: input.value },
        },
      };
    });
  }

  /**
   * Shares the city-wide target of a count metric for a year out among the districts and counties (DESIGN.md), in
   * proportion to the basis, by largest remainders (ties by region code) so that the shares add up exactly to the
   * city's target. Regions whose share is 0 get none. Writing replaces every district or county target of that
   * metric and year, in one transaction with one audit event holding the values before and after; a dry run returns
   * the same figures and writes nothing.
   */
  async apportion(actor: Actor, input: ApportionTargetInput): Promise<ApportionResult> {
    const problems = new InputProblems();
    problems.check(
      Object.values(TargetMetric).includes(input.metric) && isCountMetric(input.metric),
      'metric',
      msg('planning.onlyACountTargetTALENT'),
    );
    problems.check(
      Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100,
      'year',
      msg('planning.yearMustBeFromTo'),
    );
    problems.check(Object.values(ApportionBasis).includes(input.basis), 'basis', msg('planning.basisIsNotAKnown'));
    problems.throwIfAny();

    const compute = async (em: EntityManager, lock: boolean) => {
      const query = em
        .createQueryBuilder(TargetEntity, 't')
        .where('t.metric = :metric AND t.year = :year AND t.region_code IS NULL', {
          metric: input.metric,
          year: input.year,
        });
      // Locked until the end: concurrent apportionments (and changes to the city's target) take turns.
      if (lock) query.setLock('pessimistic_write');
      const city = await query.getOne();
      if (!city || !Number.isInteger(city.value)) {
        throw BadUserInputError.field(
          'year',
          msg('planning.thereIsNoCityWide', { metric: input.metric, year: input.year }),
        );
      }
      const weights: { code: string; n: string }[] = await em.query(
        `WITH basis AS (${APPORTION_BASIS_SQL[input.basis]})
         SELECT r.code, coalesce(b.n, 0)::bigint::text AS n
           FROM region r LEFT JOIN basis b ON b.code = r.code
          WHERE r.kind::text = ANY($1::text[])
          ORDER BY r.code`,
        input.basis === ApportionBasis.HEADCOUNT ? [COUNTY_LEVEL_KINDS, todayInShanghai()] : [COUNTY_LEVEL_KINDS],
      );
      const shares = apportion(
        city.value,
        weights.map((w) => ({ key: w.code, weight: Number(w.n) })),
      );
      if (shares === null) {
        throw BadUserInputError.field(
          'basis',
          msg('planning.noDistrictOrCountyHas', { basis: BASIS_WORDS[input.basis] }),
        );
      }
      const targets = shares.filter((s) => s.share > 0).map((s) => ({ regionCode: s.key, value: s.share }));
      return { city, targets };
    };

    if (input.dryRun) {
      const { city, targets } = await compute(this.dataSource.manager, false);
      return { written: false, cityTarget: city.value, targets };
    }
    return this.unitOfWork.run(actor, 'apportionTarget', async (em) => {
      const { city, targets } = await compute(em, true);
      const before: { regionCode: string; value: string }[] = await em.query(
        `SELECT region_code AS "regionCode", value::text AS value FROM target
          WHERE metric::text = $1 AND year = $2 AND region_code IS NOT NULL ORDER BY region_code`,
        [input.metric, input.year],
      );
      await em.query('DELETE FROM target WHERE metric::text = $1 AND year = $2 AND region_code IS NOT NULL', [
        input.metric,
        input.year,
      ]);
      await em.query(
        `INSERT INTO target (metric, region_code, year, value)
         SELECT $1::target_metric, r, $2, v FROM unnest($3::varchar[], $4::numeric[]) AS x(r, v)`,
        [input.metric, input.year, targets.map((t) => t.regionCode), targets.map((t) => t.value)],
      );
      return {
        result: { written: true, cityTarget: city.value, targets },
        recordType: 'Target',
        recordId: city.id,
        summary: {
          metric: input.metric,
          year: input.year,
          basis: input.basis,
          cityTarget: city.value,
          before: before.map((b) => ({ regionCode: b.regionCode, value: Number(b.value) })),
          after: targets,
        },
      };
    });
  }

  /**
   * City-wide targets and regional ones. A district planner sees the city's and its own region's; asking for
   * another region is refused.
   */
  async list(actor: Actor, filter: TargetFilter): Promise<TargetEntity[]> {
    const qb = this.dataSource.getRepository(TargetEntity).createQueryBuilder('t');
    if (actor.role === Role.DISTRICT_PLANNER) {
      if (filter.regionCode && filter.regionCode !== actor.regionCode)
        throw forbidden(msg('planning.outsideYourRegion'));
      qb.andWhere('(t.region_code IS NULL OR t.region_code = :own)', { own: actor.regionCode });
    }
    if (filter.metric) qb.andWhere('t.metric = :metric', { metric: filter.metric });
    if (filter.regionCode) qb.andWhere('t.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.year != null) qb.andWhere('t.year = :year', { year: filter.year });
    return qb.orderBy('t.metric').addOrderBy('t.region_code', 'ASC', 'NULLS FIRST').addOrderBy('t.year').getMany();
  }

  /**
   * The targets set for each year from `fromYear` to `toYear`, by year (DESIGN.md): for a count metric the city's, or
   * with a region only the region's own (a city count is not a district's goal); for a ratio metric the city's and,
   * with a region, its own, which wins over the city's for the same year. Years without a target are absent. One
   * query.
   */
  async yearTargets(
    metric: TargetMetric,
    fromYear: number,
    toYear: number,
    regionCode: string | null,
  ): Promise<Map<number, number>> {
    const scope = isCountMetric(metric) ? countTargetOf('t', '$4::varchar') : ratioTargetOf('t', '$4::varchar');
    const rows: { year: number; value: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (t.year) t.year, t.value::text AS value FROM target t
        WHERE t.metric::text = $1 AND t.year BETWEEN $2 AND $3 AND ${scope}
        ORDER BY t.year, ${ratioTargetOwnFirst('t')}`,
      [metric, fromYear, toYear, regionCode],
    );
    return new Map(rows.map((r) => [r.year, Number(r.value)]));
  }

  /**
   * The target used for a date in `year` (DESIGN.md): the one for that year if it exists, otherwise the nearest
   * later year, otherwise the latest earlier year. A count metric never falls back from the city to a region: a
   * region has only its own targets (none: null), the city only city-wide ones. A ratio metric with a region chooses
   * the year among the region's own and the city's targets, and at that year the region's own value wins. Null when
   * none applies. One query.
   */
  async targetFor(
    metric: TargetMetric,
    year: number,
    regionCode: string | null | undefined,
    em: EntityManager = this.dataSource.manager,
  ): Promise<TargetEntity | null> {
    const region = regionCode ?? null;
    const scope = isCountMetric(metric) ? countTargetOf('t', ':region') : ratioTargetOf('t', ':region');
    return em
      .getRepository(TargetEntity)
      .createQueryBuilder('t')
      .where('t.metric = :metric', { metric })
      .andWhere(scope, { region })
      .orderBy(targetYearPreference('t', ':year'))
      .addOrderBy(ratioTargetOwnFirst('t'))
      .setParameters({ year })
      .limit(1)
      .getOne();
  }
}
