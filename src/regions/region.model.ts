import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
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

@InputType()
export class SetRegionPopulationInput {
  @Field()
  @IsString()
  @Length(1, 6)
  regionCode: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  total: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
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
