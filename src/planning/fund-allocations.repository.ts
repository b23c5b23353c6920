import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { FundAllocationEntity } from './fund-allocation.entity.js';
import type { FundPurpose, FundSource } from './funding.enums.js';

/** The fund allocations' filter as the service narrowed it (regionCode: the planner's scope). */
export interface FundAllocationQuery {
  regionCode: string | null;
  year?: number | null;
  source?: FundSource | null;
  purpose?: FundPurpose | null;
}

/** The only place the fund_allocation table is read or written. */
@Injectable()
export class FundAllocationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    values: Pick<
      FundAllocationEntity,
      'source' | 'regionCode' | 'year' | 'amountFen' | 'purpose' | 'note' | 'recordedBy'
    >,
    tx: EntityManager,
  ): Promise<FundAllocationEntity> {
    const allocation = tx.create(FundAllocationEntity, values);
    await tx.insert(FundAllocationEntity, allocation);
    return allocation;
  }

  /** Latest year first, then by id (descending). */
  list(filter: FundAllocationQuery, page: PageArgs): Promise<Connection<FundAllocationEntity>> {
    const qb = this.dataSource.getRepository(FundAllocationEntity).createQueryBuilder('f');
    if (filter.regionCode !== null) qb.andWhere('f.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.year != null) qb.andWhere('f.year = :year', { year: filter.year });
    if (filter.source) qb.andWhere('f.source = :source', { source: filter.source });
    if (filter.purpose) qb.andWhere('f.purpose = :purpose', { purpose: filter.purpose });
    return paginate(
      qb,
      page,
      [
        { sql: 'f.year', value: (f) => String(f.year), kind: 'bigint' },
        { sql: 'f.id', value: (f) => f.id, kind: 'uuid' },
      ],
      'DESC',
    );
  }
}
