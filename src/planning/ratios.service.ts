import { Injectable } from '@nestjs/common';
import { asOfOrToday } from '../common/dates.js';
import { BadUserInputError, InputProblems } from '../common/errors.js';
import { type Connection, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type PageArgs } from '../common/pagination.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { PopulationBasis } from '../regions/region.enums.js';
import { msg } from '../i18n/i18n.js';
import { joinWorded, t } from '../i18n/i18n.js';
import type { InstitutionBelowRequirement, RegionRatio, StaffingRatios } from './ratios.model.js';
import { type BelowRequirementKey, type RatioRow, RatiosReadModel } from './ratios.read-model.js';

export const EARLIEST_RATIO_DATE = '2000-01-01';

/** Bases from the strongest to the weakest: a figure is only as good as the weakest one it is built from. */
const BASIS_STRENGTH = [PopulationBasis.CENSUS, PopulationBasis.OFFICIAL_ESTIMATE, PopulationBasis.DEMO_ESTIMATE];
const weakest = (bases: (PopulationBasis | null)[]): PopulationBasis | null =>
  bases.reduce<PopulationBasis | null>(
    (w, b) => (b === null ? w : w === null || BASIS_STRENGTH.indexOf(b) > BASIS_STRENGTH.indexOf(w) ? b : w),
    null,
  );

/** Target values are numeric(14,4): compared as integers of 1/10,000 so that "exactly at target" is exact. */
const TARGET_SCALE = 10_000;
const targetUnits = (value: string | null): number | null =>
  value === null ? null : Math.round(Number(value) * TARGET_SCALE);

/** What a ratio needs: how many social workers count, against what denominator, with which target. */
interface RatioInput {
  present: number;
  /** The denominator's people (older adults) or beds; null when missing. */
  base: number | null;
  /** Units of base per ratio unit: 1,000 older adults or 100 beds. */
  per: number;
  /** Target in 1/10,000 units, null when none applies. */
  target: number | null;
}

interface RatioResult {
  ratio: number | null;
  meets: boolean | null;
  shortfall: number | null;
}

/** Ratios are reported to four decimals (DESIGN.md); display rounding is the page's job. */
const RATIO_DECIMALS = 10_000;

/**
 * present / (base / per), rounded to four decimals; meets = exact ratio >= target; shortfall = max(0, ceil(target x
 * base / per - present)). All in integers: present x per x 10,000 against target units x base.
 */
function ratio({ present, base, per, target }: RatioInput): RatioResult {
  if (base === null || base === 0) return { ratio: null, meets: null, shortfall: null };
  const rounded = Math.round((present * per * RATIO_DECIMALS) / base) / RATIO_DECIMALS;
  if (target === null) return { ratio: rounded, meets: null, shortfall: null };
  const have = present * per * TARGET_SCALE;
  const need = target * base;
  const missing = need - have; // in units of 1 / (per x 10,000) social workers
  return {
    ratio: rounded,
    meets: have >= need,
    shortfall: missing <= 0 ? 0 : Math.ceil(missing / (per * TARGET_SCALE)),
  };
}

/** Staffing ratios (DESIGN.md): social workers per 1,000 older adults and per 100 care-home beds. */
@Injectable()
export class RatiosService {
  constructor(private readonly readModel: RatiosReadModel) {}

  /**
   * Every district and county and the city in one statement. A municipal planner gets the city and every region,
   * or with `regionCode` that region (and still the city, to compare against); a district planner its own region
   * and no city.
   */
  async staffingRatios(
    actor: Actor,
    asOfArg: string | undefined,
    regionArg: string | undefined,
  ): Promise<StaffingRatios> {
    const problems = new InputProblems();
    const asOf = asOfOrToday(asOfArg, problems, EARLIEST_RATIO_DATE);
    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const year = Number(asOf.slice(0, 4));
    const rows = await this.readModel.regionRows(asOf, year);
    const regionRows = rows.filter((r) => r.region_code !== null);
    const cityTargets = rows.find((r) => r.region_code === null)!;
    const inScope = regionCode === null ? regionRows : regionRows.filter((r) => r.region_code === regionCode);
    if (regionCode !== null && inScope.length === 0) {
      throw BadUserInputError.field('regionCode', msg('planning.regioncodeIsNotADistrict'));
    }
    return {
      asOf,
      regionCode,
      city: actor.role === Role.DISTRICT_PLANNER ? null : cityRatio(regionRows, cityTargets, year),
      regions: inScope.map((r) => regionRatio(r, year)),
    };
  }

  /**
   * Care homes in scope with beds whose social workers (anyone in an active SOCIAL_WORKER job there on asOf, primary
   * or not) are fewer than ceil(beds / 100): largest shortfall first, then name and id. Keyset pagination on
   * (shortfall desc, name, id); the page and the total in one statement.
   */
  async institutionsBelowRequirement(
    parent: Pick<StaffingRatios, 'asOf' | 'regionCode'>,
    args: PageArgs,
  ): Promise<Connection<InstitutionBelowRequirement>> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const after = args.after ? (decodeCursor(args.after, ['int', 'text', 'uuid']) as BelowRequirementKey) : null;
    const { rows, totalCount } = await this.readModel.belowRequirement(
      parent.asOf,
      parent.regionCode,
      after,
      first + 1,
    );
    const edges = rows.slice(0, first).map((r) => {
      const node: InstitutionBelowRequirement = {
        institution: r.institution,
        beds: r.institution.beds ?? 0,
        socialWorkers: r.socialWorkers,
        requiredSocialWorkers: r.requiredSocialWorkers,
      };
      return { node, cursor: encodeCursor([r.shortfall, r.institution.name, r.institution.id]) };
    });
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
    };
  }
}

function regionRatio(r: RatioRow, year: number): RegionRatio {
  const socialWorkers = r.social_workers ?? 0;
  const beds = r.beds ?? 0;
  const notes: string[] = [];
  if (r.older_adults === null) {
    notes.push(t('note.noOlderAdultsFigure', { year }));
  } else if (r.older_adults === 0) {
    notes.push(t('note.olderAdultsZero'));
  }
  if (beds === 0) notes.push(t('note.noBeds'));
  const perThousand = ratio({
    present: socialWorkers,
    base: r.older_adults,
    per: 1000,
    target: targetUnits(r.target_per_thousand),
  });
  const perHundred = ratio({
    present: r.care_home_social_workers ?? 0,
    base: beds,
    per: 100,
    target: targetUnits(r.target_per_hundred_beds),
  });
  addMissingTargetNotes(notes, r);
  return {
    regionCode: r.region_code,
    olderAdults: r.older_adults,
    beds,
    socialWorkers,
    qualifiedSocialWorkers: r.qualified_social_workers ?? 0,
    careHomeSocialWorkers: r.care_home_social_workers ?? 0,
    perThousandOlderAdults: perThousand.ratio,
    perHundredBeds: perHundred.ratio,
    meetsOlderAdultTarget: perThousand.meets,
    meetsBedTarget: perHundred.meets,
    shortfallForOlderAdults: perThousand.shortfall,
    shortfallForBeds: perHundred.shortfall,
    ...targetValues(r),
    populationBasis: r.older_adults === null ? null : r.older_adults_basis,
    note: notes.length ? joinWorded(notes) : null,
    olderAdultRatio: r.older_adults ? { present: socialWorkers, base: r.older_adults } : null,
  };
}

/** The two ratio targets in force, as the numbers planners set (numeric(14,4) read as text). */
function targetValues(r: RatioRow): Pick<RegionRatio, 'targetPerThousandOlderAdults' | 'targetPerHundredBeds'> {
  return {
    targetPerThousandOlderAdults: r.target_per_thousand === null ? null : Number(r.target_per_thousand),
    targetPerHundredBeds: r.target_per_hundred_beds === null ? null : Number(r.target_per_hundred_beds),
  };
}

/** Ratio targets fall back to the city's, so these appear only when the city has none either. */
function addMissingTargetNotes(notes: string[], r: RatioRow): void {
  if (r.target_per_thousand === null) notes.push(t('note.noTargetPerThousand'));
  if (r.target_per_hundred_beds === null) notes.push(t('note.noTargetPerHundredBeds'));
}

/**
 * The weakest first (DESIGN.md): lowest exact ratio to older adults (compared as fractions, not as the rounded
 * figures), then the largest shortfall, then region code; regions without a ratio after all the others.
 */
export function weakestFirst(a: RegionRatio, b: RegionRatio): number {
  const x = a.olderAdultRatio ?? null;
  const y = b.olderAdultRatio ?? null;
  if (x === null || y === null) {
    if (x !== y) return x === null ? 1 : -1;
  } else {
    const difference = x.present * y.base - y.present * x.base;
    if (difference !== 0) return difference;
    const shortfall = (b.shortfallForOlderAdults ?? -1) - (a.shortfallForOlderAdults ?? -1);
    if (shortfall !== 0) return shortfall;
  }
  return (a.regionCode ?? '').localeCompare(b.regionCode ?? '');
}

/**
 * The city: the sum of the 38 districts and counties (zones never enter), against the city-wide targets. The ratio
 * to older adults is like for like: when some regions have no 60+ figure, the city's olderAdults sums the others and
 * the ratio, meets flag and shortfall count only the social workers of those regions; the note says how many
 * regions (and which, up to five) are left out. socialWorkers and qualifiedSocialWorkers remain the whole city's.
 */
function cityRatio(regions: RatioRow[], targets: RatioRow, year: number): RegionRatio {
  const sum = (rows: RatioRow[], pick: (r: RatioRow) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const covered = regions.filter((r) => r.older_adults !== null);
  const missing = regions.filter((r) => r.older_adults === null);
  const olderAdults = covered.length ? sum(covered, (r) => r.older_adults) : null;
  const beds = sum(regions, (r) => r.beds);
  const notes: string[] = [];
  if (olderAdults === null) {
    notes.push(t('note.noRegionOlderAdultsFigure', { year }));
  } else {
    if (missing.length > 0) {
      const codes = missing.map((r) => r.region_code).slice(0, 5);
      const more = missing.length > codes.length ? ', ...' : '';
      notes.push(
        t('note.someRegionsWithoutOlderAdults', {
          missing: missing.length,
          regions: regions.length,
          year,
          codes: `${codes.join(', ')}${more}`,
          covered: covered.length,
          socialWorkers: sum(covered, (r) => r.social_workers),
        }),
      );
    }
    if (olderAdults === 0) notes.push(t('note.olderAdultsSumZero'));
  }
  if (beds === 0) notes.push(t('note.noBeds'));
  const perThousand = ratio({
    present: sum(covered, (r) => r.social_workers),
    base: olderAdults,
    per: 1000,
    target: targetUnits(targets.target_per_thousand),
  });
  const perHundred = ratio({
    present: targets.care_home_social_workers ?? 0,
    base: beds,
    per: 100,
    target: targetUnits(targets.target_per_hundred_beds),
  });
  addMissingTargetNotes(notes, targets);
  return {
    regionCode: null,
    olderAdults,
    beds,
    socialWorkers: sum(regions, (r) => r.social_workers),
    qualifiedSocialWorkers: sum(regions, (r) => r.qualified_social_workers),
    careHomeSocialWorkers: targets.care_home_social_workers ?? 0,
    perThousandOlderAdults: perThousand.ratio,
    perHundredBeds: perHundred.ratio,
    meetsOlderAdultTarget: perThousand.meets,
    meetsBedTarget: perHundred.meets,
    shortfallForOlderAdults: perThousand.shortfall,
    shortfallForBeds: perHundred.shortfall,
    ...targetValues(targets),
    populationBasis: weakest(covered.map((r) => r.older_adults_basis)),
    note: notes.length ? joinWorded(notes) : null,
    olderAdultRatio: olderAdults ? { present: sum(covered, (r) => r.social_workers), base: olderAdults } : null,
  };
}
