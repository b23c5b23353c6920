import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RegionEntity, RegionPopulationEntity } from './region.entity.js';

/** A region with its figure for each year asked (see `listWithPopulations`). */
export interface RegionWithPopulationsRow extends RegionEntity {
  populations: (Omit<RegionPopulationEntity, 'regionCode' | 'updatedAt'> & { asked: number | null })[] | null;
}

/** The only place the region and region_population tables are read or written. */
@Injectable()
export class RegionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every region, by code. */
  list(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }

  /**
   * Every region, by code, with its figures for each of `years` in one statement: per year asked (`asked`, null for
   * the latest), the latest figure at or before it. `populations` is null for a region with none of them.
   */
  listWithPopulations(years: readonly (number | null)[]): Promise<RegionWithPopulationsRow[]> {
    return this.dataSource.query(
      `SELECT r.code, r.name_zh AS "nameZh", r.name_en AS "nameEn", r.kind,
              (SELECT json_agg(json_build_object('asked', y.asked, 'year', p.year, 'total', p.total,
                        'olderAdults', p.older_adults, 'totalBasis', p.total_basis,
                        'olderAdultsBasis', p.older_adults_basis))
                 FROM unnest($1::int[]) AS y(asked)
                 JOIN LATERAL (SELECT year, total, older_adults, total_basis, older_adults_basis
                                 FROM region_population
                                WHERE region_code = r.code AND (y.asked IS NULL OR year <= y.asked)
                                ORDER BY year DESC
                                LIMIT 1) p ON true) AS populations
         FROM region r
        ORDER BY r.code`,
      [years],
    );
  }

  findByCode(code: string, tx: EntityManager = this.dataSource.manager): Promise<RegionEntity | null> {
    return tx.findOneBy(RegionEntity, { code });
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
