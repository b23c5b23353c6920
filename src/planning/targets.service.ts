import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { optionalCode } from '../common/codes.js';
import { forbidden, InputProblems } from '../common/errors.js';
import { RegionsService } from '../regions/regions.service.js';
import type { SetTargetInput } from './planning.model.js';
import { type Actor, Role } from '../common/roles.js';
import { TargetEntity } from './target.entity.js';
import { TargetMetric } from './target.enums.js';

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

/** Ten million: more elder-care staff or training sessions than any region or city plans. */
const MAX_COUNT_TARGET = 10_000_000;

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
  ) {}

  /**
   * Sets the target of a metric for a year, city-wide or for one district or county (MUNICIPAL_PLANNER), replacing
   * the value already set for the same metric, region and year. A region's target overrides the city's where it
   * applies (see targetFor).
   */
  async set(actor: Actor, input: SetTargetInput): Promise<TargetEntity> {
    const problems = new InputProblems();
    problems.check(Object.values(TargetMetric).includes(input.metric), 'metric', 'metric is not a known metric');
    problems.check(
      Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100,
      'year',
      'year must be from 2000 to 2100',
    );
    if (!(Number.isFinite(input.value) && input.value > 0)) {
      problems.add('value', 'value must be greater than 0');
    } else if (RATIO_METRICS.has(input.metric)) {
      // Stored to four decimals: a finer value would be rounded silently (0.00001 would become 0).
      problems.check(
        input.value <= 100 && Number.isInteger(Math.round(input.value * 1e8) / 1e4),
        'value',
        'a ratio target must be at most 100, with at most four decimals',
      );
    } else {
      // Counts are answered as GraphQL Ints (gaps, expected to date): keep them far below 2^31.
      problems.check(
        Number.isInteger(input.value) && input.value <= MAX_COUNT_TARGET,
        'value',
        `a count target must be a whole number up to ${MAX_COUNT_TARGET.toLocaleString('en')}`,
      );
    }
    const regionCode = optionalCode(input.regionCode, 'regionCode', problems);
    problems.throwIfAny();

    return this.audit.mutation(actor, 'setTarget', async (em) => {
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
   * City-wide targets and regional ones. A district planner sees the city's and its own region's; asking for
   * another region is refused.
   */
  async list(actor: Actor, filter: TargetFilter): Promise<TargetEntity[]> {
    const qb = this.dataSource.getRepository(TargetEntity).createQueryBuilder('t');
    if (actor.role === Role.DISTRICT_PLANNER) {
      if (filter.regionCode && filter.regionCode !== actor.regionCode) throw forbidden('Outside your region');
      qb.andWhere('(t.region_code IS NULL OR t.region_code = :own)', { own: actor.regionCode });
    }
    if (filter.metric) qb.andWhere('t.metric = :metric', { metric: filter.metric });
    if (filter.regionCode) qb.andWhere('t.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.year != null) qb.andWhere('t.year = :year', { year: filter.year });
    return qb.orderBy('t.metric').addOrderBy('t.region_code', 'ASC', 'NULLS FIRST').addOrderBy('t.year').getMany();
  }

  /**
   * The targets set for each year from `fromYear` to `toYear`, by year: city-wide ones, and with a region its own,
   * which wins over the city's for the same year. Years without a target are absent. One query.
   */
  async yearTargets(
    metric: TargetMetric,
    fromYear: number,
    toYear: number,
    regionCode: string | null,
  ): Promise<Map<number, number>> {
    const rows: { year: number; value: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (year) year, value::text AS value FROM target
        WHERE metric = $1 AND year BETWEEN $2 AND $3 AND (region_code IS NULL OR region_code = $4)
        ORDER BY year, region_code IS NULL`,
      [metric, fromYear, toYear, regionCode],
    );
    return new Map(rows.map((r) => [r.year, Number(r.value)]));
  }

  /**
   * The target used for a date in `year` (DESIGN.md): the one for that year if it exists, otherwise the nearest
   * later year, otherwise the latest earlier year. With a region, the region's own targets override the city's for
   * the same year: the year is chosen among both, and at that year the region's own value wins. Without a region,
   * only city-wide targets count. Null when none applies. One query.
   */
  async targetFor(
    metric: TargetMetric,
    year: number,
    regionCode: string | null | undefined,
    em: EntityManager = this.dataSource.manager,
  ): Promise<TargetEntity | null> {
    const region = regionCode ?? null;
    const qb = em
      .getRepository(TargetEntity)
      .createQueryBuilder('t')
      .where('t.metric = :metric', { metric })
      .setParameters({ year });
    if (region === null) qb.andWhere('t.region_code IS NULL');
    else qb.andWhere('(t.region_code IS NULL OR t.region_code = :region)', { region });
    return qb
      .orderBy('CASE WHEN t.year >= :year THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('CASE WHEN t.year >= :year THEN t.year ELSE -t.year END', 'ASC')
      .addOrderBy('CASE WHEN t.region_code IS NULL THEN 1 ELSE 0 END', 'ASC')
      .limit(1)
      .getOne();
  }
}
