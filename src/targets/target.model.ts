import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString } from 'class-validator';
import { ApportionBasis, TargetMetric } from './target.enums.js';

@ObjectType('Target', {
  description: 'A planned value for a metric in a year, city-wide (no region) or for one region.',
})
export class Target {
  @Field(() => ID)
  id: string;

  @Field(() => TargetMetric)
  metric: TargetMetric;

  @Field(() => String, { nullable: true, description: 'Null for a city-wide target.' })
  regionCode: string | null;

  @Field(() => Int)
  year: number;

  @Field(() => Float)
  value: number;
}

@ObjectType('ApportionedTarget')
export class ApportionedTarget {
  @Field()
  regionCode: string;

  @Field(() => Float)
  value: number;
}

@ObjectType('ApportionResult', {
  description:
    'A city count target shared out among the districts and counties by largest remainders: the values add up ' +
    'exactly to cityTarget. Regions whose share is 0 get no target and are not listed.',
})
export class ApportionResult {
  @Field({ description: 'False for a dry run (nothing written), true once the targets are stored.' })
  written: boolean;

  @Field(() => Float, { description: 'The city-wide target of that metric and year that was shared out.' })
  cityTarget: number;

  @Field(() => [ApportionedTarget], { description: 'By region code.' })
  targets: ApportionedTarget[];
}

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@InputType()
export class SetTargetInput {
  @Field(() => TargetMetric)
  @IsEnum(TargetMetric)
  metric: TargetMetric;

  @Field(() => String, { nullable: true, description: 'A district or county; omit for a city-wide target.' })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field(() => Int, { description: '2000-2100.' })
  @IsInt()
  year: number;

  @Field(() => Float, { description: 'Greater than 0; ratio metrics at most 100.' })
  @IsNumber()
  value: number;
}

@InputType()
export class ApportionTargetInput {
  @Field(() => TargetMetric, { description: 'A count metric: TALENT_HEADCOUNT or TRAINING_PERSON_SESSIONS.' })
  @IsEnum(TargetMetric)
  metric: TargetMetric;

  @Field(() => Int, { description: 'The year of the city-wide target to share out (2000-2100).' })
  @IsInt()
  year: number;

  @Field(() => ApportionBasis)
  @IsEnum(ApportionBasis)
  basis: ApportionBasis;

  @Field(() => Boolean, { nullable: true, description: 'True: return the figures, write nothing (a preview).' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean | null;
}
