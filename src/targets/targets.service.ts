import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { optionalCode } from '../common/codes.js';
import { BadUserInputError, forbidden, InputProblems } from '../common/errors.js';
import { todayInShanghai } from '../common/dates.js';
import { type Actor, Role } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { msg } from '../i18n/i18n.js';
import { ApportionBasisReadModel } from './apportion-basis.read-model.js';
import { apportion } from './largest-remainders.js';
import type { ApportionResult, ApportionTargetInput, SetTargetInput } from './target.model.js';
import { TargetEntity } from './target.entity.js';
import { ApportionBasis, TargetMetric } from './target.enums.js';
import { type TargetReach, TargetsRepository } from './targets.repository.js';

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

/** How far a metric's targets reach: a count metric's stay where set, a ratio metric's city target holds everywhere. */
const reachOf = (metric: TargetMetric): TargetReach => (isCountMetric(metric) ? 'COUNT' : 'RATIO');

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
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly targets: TargetsRepository,
    private readonly apportionBasis: ApportionBasisReadModel,
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

    return this.unitOfWork.run(actor, 'setTarget', async (tx) => {
      if (regionCode !== null) await this.regions.assertCountyLevel(regionCode, tx);
      const existing = await this.targets.findForUpdate(input.metric, input.year, regionCode, tx);
      const before = existing ? existing.value : null;
      let target: TargetEntity;
      if (existing) {
        existing.value = input.value;
        await this.targets.updateValue(existing.id, input.value, tx);
        target = existing;
      } else {
        // Two first settings racing: the loser's insert meets the unique index and is answered CONFLICT (retry).
        target = await this.targets.insert(
          { metric: input.metric, regionCode, year: input.year, value: input.value },
          tx,
        );
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

    const compute = async (tx: EntityManager | undefined, lock: boolean) => {
      // Locked until the end: concurrent apportionments (and changes to the city's target) take turns.
      const city = await this.targets.findCityTarget(input.metric, input.year, lock, tx);
      if (!city || !Number.isInteger(city.value)) {
        throw BadUserInputError.field(
          'year',
          msg('planning.thereIsNoCityWide', { metric: input.metric, year: input.year }),
        );
      }
      const weights = await this.apportionBasis.weights(input.basis, todayInShanghai(), tx);
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
      const { city, targets } = await compute(undefined, false);
      return { written: false, cityTarget: city.value, targets };
    }
    return this.unitOfWork.run(actor, 'apportionTarget', async (tx) => {
      const { city, targets } = await compute(tx, true);
      const before = await this.targets.regionTargets(input.metric, input.year, tx);
      await this.targets.replaceRegionTargets(input.metric, input.year, targets, tx);
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
    let cityOr: string | null | undefined;
    if (actor.role === Role.DISTRICT_PLANNER) {
      if (filter.regionCode && filter.regionCode !== actor.regionCode)
        throw forbidden(msg('planning.outsideYourRegion'));
      cityOr = actor.regionCode;
    }
    return this.targets.list({ ...filter, cityOr });
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
    const rows = await this.targets.yearTargets(metric, fromYear, toYear, regionCode, reachOf(metric));
    return new Map(rows.map((r) => [r.year, Number(r.value)]));
  }

  /**
   * The target used for a date in `year` (DESIGN.md): the one for that year if it exists, otherwise the nearest
   * later year, otherwise the latest earlier year. A count metric never falls back from the city to a region: a
   * region has only its own targets (none: null), the city only city-wide ones. A ratio metric with a region chooses
   * the year among the region's own and the city's targets, and at that year the region's own value wins. Null when
   * none applies. One query.
   */
  targetFor(
    metric: TargetMetric,
    year: number,
    regionCode: string | null | undefined,
    em?: EntityManager,
  ): Promise<TargetEntity | null> {
    return this.targets.targetFor(metric, year, regionCode ?? null, reachOf(metric), em);
  }
}
