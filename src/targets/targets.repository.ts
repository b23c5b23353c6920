import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { countTargetOf, ratioTargetOf, ratioTargetOwnFirst, targetYearPreference } from '../common/counting-rules.js';
import { TargetEntity } from './target.entity.js';
import type { TargetMetric } from './target.enums.js';

/**
 * Which targets apply to a region (DESIGN.md, common/counting-rules.ts): COUNT, only the region's own (or with no
 * region, the city's); RATIO, the region's own and the city's, the region's own first at the same year.
 */
export type TargetReach = 'COUNT' | 'RATIO';

/** The target list's filter as the service narrowed it. */
export interface TargetQuery {
  metric?: TargetMetric;
  regionCode?: string;
  year?: number;
  /** Only city-wide targets and this region's (a district planner's view). */
  cityOr?: string | null;
}

/** A region's target value as stored (numeric(14,4) read as text). */
export interface RegionTargetValue {
  regionCode: string;
  value: string;
}

/** The only place the target table is read or written. */
@Injectable()
export class TargetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The target of a metric, year and region (null: city-wide), locked until the transaction ends. */
  findForUpdate(
    metric: TargetMetric,
    year: number,
    regionCode: string | null,
    tx: EntityManager,
  ): Promise<TargetEntity | null> {
    return tx
      .createQueryBuilder(TargetEntity, 't')
      .where('t.metric = :metric AND t.year = :year', { metric, year })
      .andWhere(regionCode === null ? 't.region_code IS NULL' : 't.region_code = :regionCode', { regionCode })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The city-wide target of a metric and year; with `lock`, locked until the transaction ends. */
  findCityTarget(
    metric: TargetMetric,
    year: number,
    lock: boolean,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<TargetEntity | null> {
    const query = tx
      .createQueryBuilder(TargetEntity, 't')
      .where('t.metric = :metric AND t.year = :year AND t.region_code IS NULL', { metric, year });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async updateValue(id: string, value: number, tx: EntityManager): Promise<void> {
    await tx.update(TargetEntity, { id }, { value });
  }

  /** Inserts a target; the loser of two first settings racing meets the unique index (CONFLICT). */
  async insert(
    values: Pick<TargetEntity, 'metric' | 'regionCode' | 'year' | 'value'>,
    tx: EntityManager,
  ): Promise<TargetEntity> {
    const target = tx.create(TargetEntity, values);
    await tx.insert(TargetEntity, target);
    return target;
  }

  /** Every district or county target of a metric and year, by region code. */
  regionTargets(metric: TargetMetric, year: number, tx: EntityManager): Promise<RegionTargetValue[]> {
    return tx.query(
      `SELECT region_code AS "regionCode", value::text AS value FROM target
          WHERE metric::text = $1 AND year = $2 AND region_code IS NOT NULL ORDER BY region_code`,
      [metric, year],
    );
  }

  /** Replaces every district or county target of a metric and year with `targets` (two statements). */
  async replaceRegionTargets(
    metric: TargetMetric,
    year: number,
    targets: readonly { regionCode: string; value: number }[],
    tx: EntityManager,
  ): Promise<void> {
    await tx.query('DELETE FROM target WHERE metric::text = $1 AND year = $2 AND region_code IS NOT NULL', [
      metric,
      year,
    ]);
    await tx.query(
      `INSERT INTO target (metric, region_code, year, value)
         SELECT $1::target_metric, r, $2, v FROM unnest($3::varchar[], $4::numeric[]) AS x(r, v)`,
      [metric, year, targets.map((t) => t.regionCode), targets.map((t) => t.value)],
    );
  }

  /** By metric, then city-wide before regions, then region code and year. */
  list(filter: TargetQuery): Promise<TargetEntity[]> {
    const qb = this.dataSource.getRepository(TargetEntity).createQueryBuilder('t');
    if (filter.cityOr !== undefined) {
      qb.andWhere('(t.region_code IS NULL OR t.region_code = :own)', { own: filter.cityOr });
    }
    if (filter.metric) qb.andWhere('t.metric = :metric', { metric: filter.metric });
    if (filter.regionCode) qb.andWhere('t.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.year != null) qb.andWhere('t.year = :year', { year: filter.year });
    return qb.orderBy('t.metric').addOrderBy('t.region_code', 'ASC', 'NULLS FIRST').addOrderBy('t.year').getMany();
  }

  /** Per year from `fromYear` to `toYear`, the value of the target that applies (one query). */
  async yearTargets(
    metric: TargetMetric,
    fromYear: number,
    toYear: number,
    regionCode: string | null,
    reach: TargetReach,
  ): Promise<{ year: number; value: string }[]> {
    const scope = reach === 'COUNT' ? countTargetOf('t', '$4::varchar') : ratioTargetOf('t', '$4::varchar');
    return this.dataSource.query(
      `SELECT DISTINCT ON (t.year) t.year, t.value::text AS value FROM target t
        WHERE t.metric::text = $1 AND t.year BETWEEN $2 AND $3 AND ${scope}
        ORDER BY t.year, ${ratioTargetOwnFirst('t')}`,
      [metric, fromYear, toYear, regionCode],
    );
  }

  /** The target that applies for `year` by the DESIGN.md year preference, the region's own first (one query). */
  targetFor(
    metric: TargetMetric,
    year: number,
    regionCode: string | null,
    reach: TargetReach,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<TargetEntity | null> {
    const scope = reach === 'COUNT' ? countTargetOf('t', ':region') : ratioTargetOf('t', ':region');
    return tx
      .getRepository(TargetEntity)
      .createQueryBuilder('t')
      .where('t.metric = :metric', { metric })
      .andWhere(scope, { region: regionCode })
      .orderBy(targetYearPreference('t', ':year'))
      .addOrderBy(ratioTargetOwnFirst('t'))
      .setParameters({ year })
      .limit(1)
      .getOne();
  }
}
