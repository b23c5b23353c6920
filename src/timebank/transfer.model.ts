import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@InputType()
export class TransferCreditsInput {
  @Field(() => ID, { nullable: true, description: 'A registered relative who has an account…' })
  @IsOptional()
  @IsString()
  toRelativeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '…or true to donate to the public pool (exactly one).' })
  @IsOptional()
  @IsBoolean()
  toPublicPool?: boolean | null;

  @Field(() => Int, { description: 'Whole minutes > 0.' })
  @IsInt()
  minutes: number;

  @Field({ description: 'Chosen by the client, 1-100 characters; a retry with the same key returns the first result.' })
  @IsString()
  idempotencyKey: string;
}
