import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from './dates.js';

/**
 * The arguments of a planner's figure on a day: `asOf` (the service defaults it to today) and `regionCode` (the
 * service narrows it to the planner's scope, see plannerRegion). The validators only keep the fields through the
 * whitelisting ValidationPipe; GraphQL has already checked their types.
 */
@ArgsType()
export class AsOfRegionArgs {
  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  asOf?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  regionCode?: string | null;
}

/** The arguments of a planner's figure for a year: `year` and `regionCode` (as in AsOfRegionArgs). */
@ArgsType()
export class YearRegionArgs {
  @Field(() => Int)
  @IsInt()
  year: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  regionCode?: string | null;
}
