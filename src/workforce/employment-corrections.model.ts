import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { EndReason } from './workforce.enums.js';

// Dates and the rules between the fields are checked by the service, so that every bad field is reported at once.
@InputType({
  description:
    'The corrected dates of an employment; a field left out is kept. endDate null reopens the employment (its end ' +
    'reason goes with it); a new endDate on an open one needs an endReason.',
})
export class CorrectEmploymentInput {
  @Field(() => DateScalar, { nullable: true, description: 'As at registration: not in the future, nor before 16.' })
  @IsOptional()
  @IsString()
  startDate?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Exclusive: the first day not worked. Null: still employed.',
  })
  @IsOptional()
  @IsString()
  endDate?: string | null;

  @Field(() => EndReason, { nullable: true })
  @IsOptional()
  @IsEnum(EndReason)
  endReason?: EndReason | null;
}
