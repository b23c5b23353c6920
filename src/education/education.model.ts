import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { CollegeMajor } from './education.enums.js';

@ObjectType('CollegeProgramYear', { description: "One college's figures for one major and (graduation) year." })
export class CollegeProgramYear {
  @Field(() => CollegeMajor)
  major: CollegeMajor;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  enrolled: number;

  @Field(() => Int)
  graduated: number;

  @Field(() => Int)
  graduatesEnteringElderCare: number;

  /** Not a field: the college is resolved from it. */
  collegeId: string;
}

@ObjectType()
export class CollegeProgramYearConnection extends ConnectionType(CollegeProgramYear, 'CollegeProgramYear') {}

@InputType()
export class CollegeProgramYearFilter {
  @Field(() => ID, { nullable: true, description: 'One college (a college account: only its own).' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  collegeId?: string;

  @Field(() => Int, { nullable: true, description: 'The (graduation) year.' })
  @IsOptional()
  @IsInt()
  year?: number;
}

// Ranges are checked by the service so that every bad field is reported at once.
@InputType()
export class RecordCollegeProgramYearInput {
  @Field(() => CollegeMajor)
  @IsEnum(CollegeMajor)
  major: CollegeMajor;

  @Field(() => Int, { description: '2000 to five years from now.' })
  @IsInt()
  year: number;

  @Field(() => Int, { description: '>= 0.' })
  @IsInt()
  enrolled: number;

  @Field(() => Int, { description: '>= 0.' })
  @IsInt()
  graduated: number;

  @Field(() => Int, { description: '>= 0 and at most graduated.' })
  @IsInt()
  graduatesEnteringElderCare: number;
}

@ObjectType()
export class MajorPipeline {
  @Field(() => CollegeMajor)
  major: CollegeMajor;

  @Field(() => Int)
  enrolled: number;

  @Field(() => Int)
  graduated: number;

  @Field(() => Int)
  graduatesEnteringElderCare: number;

  @Field(() => Float, {
    nullable: true,
    description: 'graduatesEnteringElderCare / graduated as a fraction (0.8 = 80 %); null when none graduated.',
  })
  entryRate: number | null;
}

@ObjectType({
  description:
    'The college pipeline for a year, summed over colleges (a region: colleges filed there). A college body sees ' +
    'its own figures only.',
})
export class EducationPipeline {
  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true, description: 'The region summed; null for the whole city.' })
  regionCode: string | null;

  @Field(() => [MajorPipeline], { description: 'Every major, zeros included.' })
  byMajor: MajorPipeline[];

  @Field(() => Int)
  enrolled: number;

  @Field(() => Int)
  graduated: number;

  @Field(() => Int)
  graduatesEnteringElderCare: number;

  @Field(() => Float, {
    nullable: true,
    description: 'graduatesEnteringElderCare / graduated as a fraction; null when none graduated.',
  })
  entryRate: number | null;
}
