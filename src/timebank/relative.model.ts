import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsString } from 'class-validator';
import { Relationship } from './timebank.enums.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('Relative', { description: 'A direct relative registered by a volunteer.' })
export class Relative {
  @Field(() => ID)
  id: string;

  @Field(() => Relationship)
  relationship: Relationship;

  @Field({ description: 'The relative’s name.' })
  name: string;

  @Field({ description: 'First 6 and last 4 characters of the ID number.' })
  idNumberMasked: string;

  @Field(() => Int, { description: 'Age today, from the ID number.' })
  age: number;

  @Field({ description: 'Whether the relative has a time-bank account (and can receive transfers).' })
  hasAccount: boolean;
}

@InputType()
export class RegisterRelativeInput {
  @Field()
  @IsString()
  idNumber: string;

  @Field()
  @IsString()
  name: string;

  @Field(() => Relationship)
  @IsEnum(Relationship)
  relationship: Relationship;
}
