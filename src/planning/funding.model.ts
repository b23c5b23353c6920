import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import { MoneyScalar } from '../common/money.js';
import { ConnectionType } from '../common/pagination.js';
import { FundPurpose, FundSource } from './funding.enums.js';

@ObjectType('FundAllocation', { description: 'Money allocated to the workforce plan.' })
export class FundAllocation {
  @Field(() => ID)
  id: string;

  @Field(() => FundSource)
  source: FundSource;

  @Field(() => String, { nullable: true, description: 'Null for money spent city-wide.' })
  regionCode: string | null;

  @Field(() => Int)
  year: number;

  @Field(() => MoneyScalar)
  amount: string;

  @Field(() => FundPurpose)
  purpose: FundPurpose;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

@ObjectType()
export class FundAllocationConnection extends ConnectionType(FundAllocation, 'FundAllocation') {}

// Formats and ranges are checked by the service so that every bad field is reported at once.
@InputType()
export class RecordFundAllocationInput {
  @Field(() => FundSource)
  @IsEnum(FundSource)
  source: FundSource;

  @Field(() => String, { nullable: true, description: 'A district or county; omit for money spent city-wide.' })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field(() => Int, { description: '2000-2100.' })
  @IsInt()
  year: number;

  @Field(() => MoneyScalar, { description: 'Yuan, more than 0, at most two decimals: "1234.50".' })
  @IsString()
  amount: string;

  @Field(() => FundPurpose)
  @IsEnum(FundPurpose)
  purpose: FundPurpose;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  @IsOptional()
  @IsString()
  note?: string | null;
}

@InputType()
export class FundAllocationFilter {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  year?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  regionCode?: string;

  @Field(() => FundSource, { nullable: true })
  @IsOptional()
  @IsEnum(FundSource)
  source?: FundSource;

  @Field(() => FundPurpose, { nullable: true })
  @IsOptional()
  @IsEnum(FundPurpose)
  purpose?: FundPurpose;
}

@ObjectType('TrainingCost', { description: 'TRAINING allocations of a year over its completed person-sessions.' })
export class TrainingCost {
  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => MoneyScalar, {
    description: 'TRAINING allocations of the year (a region: its own; the city: all, city-wide ones included).',
  })
  trainingFunds: string;

  @Field(() => Int, { description: 'Completed attendances of sessions ending in the year (in the region).' })
  personSessions: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'Funds / person-sessions, rounded to the fen; null if 0.' })
  costPerPersonSession: string | null;
}
