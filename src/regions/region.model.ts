import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import { PopulationBasis, RegionKind } from './region.enums.js';

@ObjectType('RegionPopulation', {
  description: 'Population of a region in one year, with where each figure comes from.',
})
export class RegionPopulation {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'People aged 60 and over.' })
  olderAdults: number;

  @Field(() => PopulationBasis)
  totalBasis: PopulationBasis;

  @Field(() => PopulationBasis)
  olderAdultsBasis: PopulationBasis;
}

@ObjectType('Region', { description: 'A district or county (GB/T 2260), or a functional zone (Z01-Z03).' })
export class Region {
  @Field()
  code: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => RegionKind)
  kind: RegionKind;
}

// The region, year range and counts are checked by RegionsService.setPopulation, not by class-validator here:
// the pipe would stop at its own failures and hide the input's other problems (every bad field is reported at
// once). The decorators left only mark the fields (the pipe whitelists).
@InputType()
export class SetRegionPopulationInput {
  @Field()
  @IsString()
  regionCode: string;

  @Field(() => Int)
  @IsInt()
  year: number;

  @Field(() => Int)
  @IsInt()
  total: number;

  @Field(() => Int)
  @IsInt()
  olderAdults: number;

  @Field(() => PopulationBasis, { nullable: true, description: 'Default OFFICIAL_ESTIMATE.' })
  @IsOptional()
  @IsEnum(PopulationBasis)
  totalBasis?: PopulationBasis;

  @Field(() => PopulationBasis, { nullable: true, description: 'Default OFFICIAL_ESTIMATE.' })
  @IsOptional()
  @IsEnum(PopulationBasis)
  olderAdultsBasis?: PopulationBasis;
}
