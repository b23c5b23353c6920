import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RegionEntity, RegionPopulationEntity } from './region.entity.js';

/** A (region, year) key of the populations statement: the latest figure at or before `year` (null: the latest). */
export interface PopulationKey {
  regionCode: string;
  /** The latest figure for a year up to this one; null for the latest of all. */
  year: number | null;
}

/** The only place the region and region_population tables are read or written. */
@Injectable()
export class RegionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every region, by code. */
  list(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }

  findByCode(code: string, tx: EntityManager = this.dataSource.manager): Promise<RegionEntity | null> {
    return tx.findOneBy(RegionEntity, { code });
  }

  /** One query for many keys: per key (by its 1-based `keyIndex`), the latest figure at or before its year. */
  populations(keys: readonly PopulationKey[]): Promise<(RegionPopulationEntity & { keyIndex: number })[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (k.i) k.i AS "keyIndex", p.year, p.total, p.older_adults AS "olderAdults",
              p.total_basis AS "totalBasis", p.older_adults_basis AS "olderAdultsBasis"
         FROM unnest($1::varchar[], $2::int[]) WITH ORDINALITY AS k(code, year, i)
         JOIN region_population p ON p.region_code = k.code AND (k.year IS NULL OR p.year <= k.year)
        ORDER BY k.i, p.year DESC`,
      [keys.map((k) => k.regionCode), keys.map((k) => k.year)],
    );
  }

  /** The figure of exactly that region and year. */
  findPopulation(
    regionCode: string,
    year: number,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<RegionPopulationEntity | null> {
    return tx.findOneBy(RegionPopulationEntity, { regionCode, year });
  }

  /** Inserts or replaces the figure of a region and year. */
  async upsertPopulation(row: RegionPopulationEntity, tx: EntityManager): Promise<void> {
    await tx.upsert(RegionPopulationEntity, row, ['regionCode', 'year']);
  }
}
