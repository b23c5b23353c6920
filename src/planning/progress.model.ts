import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';
import { OccupationCount, TeamCount } from '../workforce/workforce.model.js';

@ObjectType('HeadcountTargetProgress')
export class HeadcountTargetProgress {
  @Field(() => Int)
  year: number;

  @Field(() => Float)
  target: number;

  @Field(() => Int, { description: 'max(0, target - headcount).' })
  gap: number;

  @Field(() => Int, {
    description: 'ceil(gap / months from the month after asOf to December of the year, inclusive); 0 without a gap.',
  })
  requiredMonthlyNetGrowth: number;

  @Field(() => Int, {
    description: 'Headcount at the end of the year if the last 12 months’ net growth continues.',
  })
  projected: number;

  @Field()
  onTrack: boolean;
}

@ObjectType('MonthHeadcount')
export class MonthHeadcount {
  @Field({ description: 'YYYY-MM.' })
  month: string;

  @Field(() => Int, { description: 'On the last day of the month (asOf for its own month).' })
  headcount: number;
}

@ObjectType('WorkforceProgress')
export class WorkforceProgress {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Int)
  headcount: number;

  @Field(() => [TeamCount])
  byTeam: TeamCount[];

  @Field(() => [OccupationCount])
  byOccupation: OccupationCount[];

  @Field(() => [HeadcountTargetProgress], {
    description:
      'Each TALENT_HEADCOUNT target year from asOf’s year on: the city’s for the city, a region’s own for a region ' +
      '(a city count target is not a district’s goal and never stands in for one). Empty without one, with a note.',
  })
  targets: HeadcountTargetProgress[];

  @Field(() => String, { nullable: true, description: 'Why there is no target, when targets is empty.' })
  note: string | null;

  @Field(() => [MonthHeadcount], { description: 'The 12 months ending with asOf’s month, from employment history.' })
  monthly: MonthHeadcount[];
}
