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
