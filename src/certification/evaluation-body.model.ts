import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsArray, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { CertificateKind, EvaluationBodyKind } from './certification.enums.js';

@ObjectType('EvaluationBody', { description: 'A filed (备案) skill-evaluation body, college or training provider.' })
export class EvaluationBody {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => EvaluationBodyKind)
  kind: EvaluationBodyKind;

  @Field({ description: 'Unified social credit code (GB 32100-2015).' })
  creditCode: string;

  @Field()
  regionCode: string;

  @Field()
  filingNumber: string;

  @Field(() => DateScalar)
  filedFrom: string;

  @Field(() => DateScalar, { description: 'The last day of the filing (inclusive).' })
  filedTo: string;

  @Field(() => [CertificateKind], { description: 'What it may certify while its filing runs.' })
  certificateKinds: CertificateKind[];

  @Field({ description: 'Whether it may run training sessions.' })
  mayTrain: boolean;
}

@ObjectType()
export class EvaluationBodyConnection extends ConnectionType(EvaluationBody, 'EvaluationBody') {}

// Formats and ranges are checked by the service so that every bad field is reported at once.
@InputType()
export class RegisterEvaluationBodyInput {
  @Field()
  @IsString()
  name: string;

  @Field(() => EvaluationBodyKind)
  @IsEnum(EvaluationBodyKind)
  kind: EvaluationBodyKind;

  @Field()
  @IsString()
  creditCode: string;

  @Field({ description: 'A district or county.' })
  @IsString()
  regionCode: string;

  @Field()
  @IsString()
  filingNumber: string;

  @Field(() => DateScalar)
  @IsString()
  filedFrom: string;

  @Field(() => DateScalar)
  @IsString()
  filedTo: string;

  @Field(() => [CertificateKind])
  @IsArray()
  @IsEnum(CertificateKind, { each: true })
  certificateKinds: CertificateKind[];

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  mayTrain?: boolean;
}

@InputType()
export class EvaluationBodyFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field(() => EvaluationBodyKind, { nullable: true })
  @IsOptional()
  @IsEnum(EvaluationBodyKind)
  kind?: EvaluationBodyKind;

  @Field(() => CertificateKind, { nullable: true, description: 'Filed to issue this kind.' })
  @IsOptional()
  @IsEnum(CertificateKind)
  certificateKind?: CertificateKind;
}
