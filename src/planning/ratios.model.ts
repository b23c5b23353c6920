import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { Institution } from '../institutions/institution.model.js';
import { PopulationBasis } from '../regions/region.enums.js';

@ObjectType('RegionRatio', {
  description:
    'Social workers against older adults and care-home beds (DESIGN.md formulas) for one district or county, or ' +
    'the city (regionCode null). A ratio whose denominator is missing or zero is null, with a note.',
})
export class RegionRatio {
  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Int, { nullable: true, description: '60+ population, latest year on or before asOf.' })
  olderAdults: number | null;

  @Field(() => Int, { description: 'Licensed beds of the care homes.' })
  beds: number;

  @Field(() => Int, {
    description:
      'Persons whose primary active employment is SOCIAL_WORKER: the per-1,000-older-adults numerator (district ' +
      'figures add up to the city’s).',
  })
  socialWorkers: number;

  @Field(() => Int, { description: 'Of those, holding a valid SOCIAL_WORK certificate on asOf.' })
  qualifiedSocialWorkers: number;

  @Field(() => Int, {
    description:
      'Persons with an active SOCIAL_WORKER employment at a care home here, primary or not: the per-100-beds ' +
      'numerator (the same rule as each care home’s requirement of ceil(beds / 100)). The city counts each once.',
  })
  careHomeSocialWorkers: number;

  @Field(() => Float, {
    nullable: true,
    description: 'socialWorkers / (olderAdults / 1,000), rounded to four decimals.',
  })
  perThousandOlderAdults: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'careHomeSocialWorkers / (beds / 100), rounded to four decimals.',
  })
  perHundredBeds: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The per-1,000-older-adults target in force on asOf (DESIGN.md: its year, else the nearest later, else the ' +
      'latest earlier; a region’s own, else the city’s); null when none is set.',
  })
  targetPerThousandOlderAdults: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The per-100-beds target in force on asOf, chosen like targetPerThousandOlderAdults; null when none.',
  })
  targetPerHundredBeds: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Exact ratio >= target; null without a ratio or target.' })
  meetsOlderAdultTarget: boolean | null;

  @Field(() => Boolean, { nullable: true })
  meetsBedTarget: boolean | null;

  @Field(() => Int, { nullable: true, description: 'max(0, ceil(required - present)).' })
  shortfallForOlderAdults: number | null;

  @Field(() => Int, { nullable: true })
  shortfallForBeds: number | null;

  @Field(() => PopulationBasis, { nullable: true, description: 'The weakest basis among the figures used.' })
  populationBasis: PopulationBasis | null;

  @Field(() => String, { nullable: true, description: 'Why a ratio or a target is missing.' })
  note: string | null;

  /** Not a field: the exact ratio to older adults as a fraction (present per 1,000 of base), to rank regions. */
  olderAdultRatio?: { present: number; base: number } | null;
}

@ObjectType('InstitutionBelowRequirement')
export class InstitutionBelowRequirement {
  @Field(() => Institution)
  institution: Institution;

  @Field(() => Int)
  beds: number;

  @Field(() => Int, { description: 'Persons in an active SOCIAL_WORKER job there (primary or not).' })
  socialWorkers: number;

  @Field(() => Int, { description: 'ceil(beds / 100).' })
  requiredSocialWorkers: number;
}

@ObjectType()
export class InstitutionBelowRequirementConnection extends ConnectionType(
  InstitutionBelowRequirement,
  'InstitutionBelowRequirement',
) {}

@ObjectType('StaffingRatios')
export class StaffingRatios {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => RegionRatio, { nullable: true, description: 'Null for a district planner.' })
  city: RegionRatio | null;

  @Field(() => [RegionRatio], { description: 'The districts and counties in scope (never the zones).' })
  regions: RegionRatio[];

  /** Not a field: the region the list below is narrowed to (null: the city). */
  regionCode: string | null;
}
