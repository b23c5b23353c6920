import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { TargetMetric } from './target.enums.js';

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
