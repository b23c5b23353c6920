import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
}
