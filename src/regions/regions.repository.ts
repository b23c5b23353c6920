import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RegionEntity, RegionPopulationEntity } from './region.entity.js';

/** A region with its figure for each year asked (see `listWithPopulations`). */
export interface RegionWithPopulationsRow extends RegionEntity {
  populations: (Omit<RegionPopulationEntity, 'regionCode' | 'updatedAt'> & { asked: number | null })[] | null;
}

type Figure = NonNullable<RegionWithPopulationsRow['populations']>[number];

/** A row of `listWithPopulations`: a region and one year asked, with the figure found (all null: none). */
type RegionFigureRow = Pick<RegionEntity, 'code' | 'nameZh' | 'nameEn' | 'kind'> &
  (Figure | ({ asked: number | null } & { [K in Exclude<keyof Figure, 'asked'>]: null }));

/** The only place the region and region_population tables are read or written. */
@Injectable()
export class RegionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** Every region, by code. */
  list(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }

  /**
   * Every region, by code, with its figures for each of `years` in one statement: per year asked (`asked`, null for
   * the latest), the latest figure at or before it. `populations` is null for a region with none of them. A hot
   * read: prepared.
   */
  async listWithPopulations(years: readonly (number | null)[]): Promise<RegionWithPopulationsRow[]> {
    // One row per region and year asked, in plain columns: building JSON per figure cost the database more than
    // the rest of the statement. Regrouped here by region (the rows come by code).
    const rows = await this.prepared.query<RegionFigureRow>(
      `SELECT r.code, r.name_zh AS "nameZh", r.name_en AS "nameEn", r.kind, y.asked, p.year, p.total,
              p.older_adults AS "olderAdults", p.total_basis AS "totalBasis",
              p.older_adults_basis AS "olderAdultsBasis"
         FROM region r
        CROSS JOIN unnest($1::int[]) AS y(asked)
         LEFT JOIN LATERAL (SELECT year, total, older_adults, total_basis, older_adults_basis
                              FROM region_population
                             WHERE region_code = r.code AND (y.asked IS NULL OR year <= y.asked)
                             ORDER BY year DESC
                             LIMIT 1) p ON true
        ORDER BY r.code`,
      [years],
    );
    const regions: RegionWithPopulationsRow[] = [];
    for (const row of rows) {
      let region = regions[regions.length - 1];
      if (region?.code !== row.code) {
        const { code, nameZh, nameEn, kind } = row;
        region = Object.assign(new RegionEntity(), { code, nameZh, nameEn, kind, populations: null });
        regions.push(region);
      }
      if (row.year === null) continue;
      const { asked, year, total, olderAdults, totalBasis, olderAdultsBasis } = row;
      (region.populations ??= []).push({ asked, year, total, olderAdults, totalBasis, olderAdultsBasis });
    }
    return regions;
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
