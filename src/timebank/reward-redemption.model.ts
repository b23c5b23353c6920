import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsString } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { RewardRedemptionStatus } from './timebank.enums.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('RewardRedemption', {
  description: 'A reward bought with POINTS: PENDING until an institution admin hands it over against its code.',
})
export class RewardRedemption {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The collection code the volunteer shows (6 characters, no look-alikes).' })
  code: string;

  @Field(() => RewardRedemptionStatus)
  status: RewardRedemptionStatus;

  @Field(() => Int)
  quantity: number;

  @Field(() => Int, { description: 'POINTS paid.' })
  points: number;

  @Field(() => ID, { description: 'The REWARD journal that paid for it.' })
  journalId: string;

  @Field({ description: 'Who bought it (for the admin handing it over).' })
  volunteerName: string;

  @Field(() => GraphQLISODateTime)
  redeemedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  collectedAt: Date | null;

  /** Not fields: resolved from them. */
  rewardId: string;
  institutionId: string | null;
}

@ObjectType()
export class RewardRedemptionConnection extends ConnectionType(RewardRedemption, 'RewardRedemption') {}

@InputType()
export class RedeemPointsInput {
  @Field(() => ID)
  @IsString()
  rewardId: string;

  @Field(() => Int, { description: '1-100.' })
  @IsInt()
  quantity: number;

  @Field()
  @IsString()
  idempotencyKey: string;
}
