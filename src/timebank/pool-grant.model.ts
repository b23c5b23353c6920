import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString } from 'class-validator';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@InputType()
export class GrantFromPoolInput {
  @Field(() => ID)
  @IsString()
  volunteerId: string;

  @Field(() => Int, { description: 'Whole minutes > 0.' })
  @IsInt()
  minutes: number;

  @Field({ description: 'Why (e.g. a key empty-nest elder); 1-500 characters, kept on the journal.' })
  @IsString()
  reason: string;

  @Field()
  @IsString()
  idempotencyKey: string;
}
