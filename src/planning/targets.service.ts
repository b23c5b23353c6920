import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '../common/errors.js';
import { type Actor, Role } from '../common/roles.js';
import { TargetEntity } from './target.entity.js';
import type { TargetMetric } from './target.enums.js';

export interface TargetFilter {
  metric?: TargetMetric;
  regionCode?: string;
  year?: number;
}

@Injectable()
export class TargetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    if (filter.year !== undefined) qb.andWhere('t.year = :year', { year: filter.year });
    return qb.orderBy('t.metric').addOrderBy('t.region_code', 'ASC', 'NULLS FIRST').addOrderBy('t.year').getMany();
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
