import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { RedemptionStatus, Relationship } from './timebank.enums.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('CareRedemption', { description: 'Care received in exchange for TIME.' })
export class CareRedemption {
  @Field(() => ID)
  id: string;

  @Field(() => RedemptionStatus)
  status: RedemptionStatus;

  @Field(() => Int)
  minutes: number;

  @Field(() => Relationship, { nullable: true, description: 'Null when the care is for the volunteer.' })
  relationship: Relationship | null;

  @Field({ description: 'Who receives the care.' })
  beneficiaryName: string;

  @Field(() => ID)
  journalId: string;

  @Field(() => ID, { nullable: true })
  refundJournalId: string | null;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  /** Not fields: resolved from them. */
  volunteerId: string;
  institutionId: string;
}

@ObjectType()
export class CareRedemptionConnection extends ConnectionType(CareRedemption, 'CareRedemption') {}

@InputType()
export class RedeemTimeInput {
  @Field(() => Int, { description: 'Whole minutes > 0.' })
  @IsInt()
  minutes: number;

  @Field(() => ID, { nullable: true, description: 'A registered relative aged 60+; omit for care of yourself.' })
  @IsOptional()
  @IsString()
  beneficiaryRelativeId?: string | null;

  @Field(() => ID, { description: 'The institution that will give the care (a service site).' })
  @IsString()
  institutionId: string;

  @Field()
  @IsString()
  idempotencyKey: string;
}
