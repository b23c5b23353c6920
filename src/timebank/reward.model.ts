import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('Reward', { description: 'A catalogue reward bought with POINTS.' })
export class Reward {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Int)
  pointsCost: number;

  @Field(() => Int)
  stock: number;

  @Field()
  active: boolean;
}

@ObjectType()
export class RewardConnection extends ConnectionType(Reward, 'Reward') {}

@InputType()
export class CreateRewardInput {
  @Field({ description: '1-100 characters, unique.' })
  @IsString()
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  description?: string | null;

  @Field(() => Int)
  @IsInt()
  pointsCost: number;

  @Field(() => Int)
  @IsInt()
  stock: number;
}

@InputType()
export class UpdateRewardInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  pointsCost?: number;

  @Field(() => Int, { nullable: true, description: 'The new stock (not an increment).' })
  @IsOptional()
  @IsInt()
  stock?: number;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
