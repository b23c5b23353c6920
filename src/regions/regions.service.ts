import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadUserInputError, InputProblems } from '../common/errors.js';
import type { Actor } from '../common/roles.js';
import { COUNTY_LEVEL_KINDS, PopulationBasis, RegionKind } from './region.enums.js';
import type { RegionEntity, RegionPopulationEntity } from './region.entity.js';
import type { SetRegionPopulationInput } from './region.model.js';
import { RegionsRepository } from './regions.repository.js';
import { msg } from '../i18n/i18n.js';

/** A region's figure as `Region.population` gives it. */
export type RegionPopulationFigure = Omit<RegionPopulationEntity, 'regionCode' | 'updatedAt' | 'region'>;

/** A region as `regions` gives it, with `populations` when the query asks for figures (see `list`). */
export interface RegionRow extends RegionEntity {
  /** Per year asked (null: the latest), the latest figure at or before it, or null when there is none. */
  populations?: Map<number | null, RegionPopulationFigure | null>;
}

/** The message every operation gives for a region that must be a district or county. */
export const COUNTY_LEVEL_ONLY = msg('value.countyLevelOnly');

/**
 * BAD_USER_INPUT on `regionCode` unless `kind`, the kind a statement found for the region asked for (null for an
 * unknown code), is a district's or county's. For read models that look the kind up with their figures.
 */
export function assertCountyLevelKind(kind: string | null): void {
  if (!COUNTY_LEVEL_KINDS.includes(kind as RegionKind)) {
    throw BadUserInputError.field('regionCode', COUNTY_LEVEL_ONLY);
  }
}

@Injectable()
export class RegionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsRepository,
  ) {}

  /**
   * Every region, by code. With `populationYears` (null: the latest), each comes with its figure for each of those
   * years, read in the same statement: what `Region.population` then serves without a query of its own.
   */
  async list(populationYears: readonly (number | null)[] = []): Promise<RegionRow[]> {
    if (populationYears.length === 0) return this.regions.list();
    const years = [...new Set(populationYears)];
    const rows = await this.regions.listWithPopulations(years);
    // Plain loops and literals: with 41 regions per request, copying each row with rest and spread showed up in
    // a profile of `regions` (7 % of the portal's CPU).
    return rows.map((row) => {
      const figures = new Map<number | null, RegionPopulationFigure | null>();
      for (const year of years) figures.set(year, null);
      for (const f of row.populations ?? []) {
        const { year, total, olderAdults, totalBasis, olderAdultsBasis } = f;
        figures.set(f.asked, { year, total, olderAdults, totalBasis, olderAdultsBasis });
      }
      return { code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, kind: row.kind, populations: figures };
    });
  }

  /** For other modules' checks; pass the transaction's manager when inside one. */
  find(code: string, em?: EntityManager): Promise<RegionEntity | null> {
    return this.regions.findByCode(code, em);
  }

  isCountyLevel(region: RegionEntity): boolean {
    return COUNTY_LEVEL_KINDS.includes(region.kind);
  }

  /** Whether `code` names a district or county (not a functional zone, not unknown). At most one query. */
  async isCountyLevelCode(code: string, em?: EntityManager): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const region = await this.find(code, em);
    return region !== null && this.isCountyLevel(region);
  }

  /** BAD_USER_INPUT on `regionCode` unless `code` names a district or county. */
  async assertCountyLevel(code: string, em?: EntityManager): Promise<void> {
    if (!(await this.isCountyLevelCode(code, em))) {
      throw BadUserInputError.field('regionCode', COUNTY_LEVEL_ONLY);
    }
  }

  async setPopulation(actor: Actor, input: SetRegionPopulationInput): Promise<RegionPopulationEntity> {
    return this.unitOfWork.run(actor, 'setRegionPopulation', async (tx) => {
      const region = await this.find(input.regionCode, tx);
      new InputProblems()
        .check(region !== null, 'regionCode', msg('regions.unknownRegion', { regionCode: input.regionCode }))
        .check(
          region === null || region.kind !== RegionKind.FUNCTIONAL_ZONE,
          'regionCode',
          msg('regions.functionalZonesHaveNoPopulation'),
        )
        .check(
          Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100,
          'year',
          msg('regions.yearMustBe'),
        )
        .check(input.total >= 0, 'total', msg('regions.totalMustNotBeNegative'))
        .check(input.olderAdults >= 0, 'olderAdults', msg('regions.olderadultsMustNotBeNegative'))
        // Only compared when both are counts at all, so that a negative total is not also blamed on olderAdults.
        .check(
          input.total < 0 || input.olderAdults < 0 || input.olderAdults <= input.total,
          'olderAdults',
          msg('regions.olderadultsCannotExceedTheTotal'),
        )
        .throwIfAny();

      const before = await this.regions.findPopulation(input.regionCode, input.year, tx);
      const row = {
        regionCode: input.regionCode,
        year: input.year,
        total: input.total,
        olderAdults: input.olderAdults,
        totalBasis: input.totalBasis ?? PopulationBasis.OFFICIAL_ESTIMATE,
        olderAdultsBasis: input.olderAdultsBasis ?? PopulationBasis.OFFICIAL_ESTIMATE,
        updatedAt: new Date(),
      };
      await this.regions.upsertPopulation(row, tx);
      const pick = (p: Partial<RegionPopulationEntity> | null) =>
        p && {
          total: p.total,
          olderAdults: p.olderAdults,
          totalBasis: p.totalBasis,
          olderAdultsBasis: p.olderAdultsBasis,
        };
      return {
        result: row as RegionPopulationEntity,
        recordType: 'RegionPopulation',
        recordId: `${input.regionCode}:${input.year}`,
        summary: { before: pick(before), after: pick(row) },
      };
    });
  }
}
