import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';

@ObjectType('TimeBankRegionFigures', { description: 'Time-bank figures of volunteers living in one region.' })
export class TimeBankRegionFigures {
  @Field(() => String, { nullable: true, description: 'Null for the whole city.' })
  regionCode: string | null;

  @Field(() => Int, { description: 'Volunteers registered by the end of asOf.' })
  volunteers: number;

  @Field(() => Int, { description: 'Volunteers with service (not rejected) dated in the 90 days up to asOf.' })
  activeVolunteers: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the active volunteers aged 60-69 on asOf; null if none.',
  })
  shareAged60To69: number | null;

  @Field(() => Float, { description: 'TIME credited for verified service (reversed journals excluded).' })
  minutesIssued: number;

  @Field(() => Float, {
    description: 'TIME redeemed for care the institution confirmed (net of refunds); pending care is not redeemed.',
  })
  minutesRedeemed: number;

  @Field(() => Float, {
    description: 'TIME already debited for care the institution has not yet confirmed or cancelled (PENDING).',
  })
  minutesPendingRedemption: number;

  @Field(() => Float, { description: 'TIME transferred to relatives.' })
  minutesTransferred: number;

  @Field(() => Float, { description: 'TIME granted from the public pool to volunteers of the region.' })
  minutesGranted: number;

  @Field(() => Float, { description: 'TIME the region’s volunteers put in the pool: donations and cap overflow.' })
  minutesToPool: number;
}

@ObjectType('TimeBankSummary', {
  description:
    'Aggregates only: no volunteer’s balance. Every figure as it stood at the end of asOf (Asia/Shanghai): journals ' +
    'posted by then (reversed by then: left out), volunteers registered by then.',
})
export class TimeBankSummary extends TimeBankRegionFigures {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Float, { description: 'TIME in the city’s public pool at the end of asOf.' })
  publicPoolMinutes: number;

  @Field(() => [TimeBankRegionFigures], { description: 'Per district or county with volunteers.' })
  regions: TimeBankRegionFigures[];
}
