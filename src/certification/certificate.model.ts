import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { CertificateKind, CertificateSource, CertificateStatus, Profession } from './certification.enums.js';

@ObjectType('Certificate', { description: 'A certificate a person holds; status is derived on a date.' })
export class Certificate {
  @Field(() => ID)
  id: string;

  @Field(() => CertificateKind)
  kind: CertificateKind;

  @Field(() => Int, { nullable: true, description: '1 is the highest; null for a professional licence.' })
  level: number | null;

  @Field(() => Profession, { nullable: true, description: 'PROFESSIONAL_LICENSE only.' })
  profession: Profession | null;

  @Field({ description: 'Unique per kind.' })
  certificateNumber: string;

  @Field(() => DateScalar)
  issuedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Valid through this day.' })
  expiresOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Revoked from this day.' })
  revokedOn: string | null;

  @Field({ description: 'Recorded by the employing institution, issued outside the portal.' })
  external: boolean;
}

// Formats, ranges and the rules between fields are checked by the service (batch rows report them as data).

@InputType({ description: 'One certificate of a batch; the holder is found (or created) by ID number.' })
export class CertificateInput {
  @Field()
  @IsString()
  idNumber: string;

  @Field()
  @IsString()
  name: string;

  @Field(() => CertificateKind)
  @IsEnum(CertificateKind)
  kind: CertificateKind;

  @Field(() => Int, { nullable: true, description: 'Required except for PROFESSIONAL_LICENSE, which has none.' })
  @IsOptional()
  @IsInt()
  level?: number | null;

  @Field(() => Profession, { nullable: true, description: 'PROFESSIONAL_LICENSE only, and required there.' })
  @IsOptional()
  @IsEnum(Profession)
  profession?: Profession | null;

  @Field()
  @IsString()
  certificateNumber: string;

  @Field(() => DateScalar)
  @IsString()
  issuedOn: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  expiresOn?: string | null;
}

@InputType({ description: 'A qualification a staff member holds from outside the portal.' })
export class RecordExternalCertificateInput {
  @Field(() => ID, { description: 'A person employed at your institution.' })
  @IsString()
  personId: string;

  @Field(() => CertificateKind)
  @IsEnum(CertificateKind)
  kind: CertificateKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  level?: number | null;

  @Field(() => Profession, { nullable: true })
  @IsOptional()
  @IsEnum(Profession)
  profession?: Profession | null;

  @Field()
  @IsString()
  certificateNumber: string;

  @Field({ description: 'The issuer as written on the certificate.' })
  @IsString()
  issuerName: string;

  @Field(() => DateScalar)
  @IsString()
  issuedOn: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  expiresOn?: string | null;
}

@ObjectType({
  description: 'matched is true only when both number and name match; otherwise every other field is null.',
})
export class CertificateVerification {
  @Field()
  matched: boolean;

  @Field(() => CertificateStatus, { nullable: true, description: 'As of today.' })
  status: CertificateStatus | null;

  @Field(() => CertificateKind, { nullable: true })
  kind: CertificateKind | null;

  @Field(() => Int, { nullable: true })
  level: number | null;

  @Field(() => String, { nullable: true })
  levelName: string | null;

  @Field(() => String, { nullable: true })
  issuingBodyName: string | null;

  @Field(() => DateScalar, { nullable: true })
  issuedOn: string | null;

  @Field(() => String, { nullable: true, description: 'First character only: 张*.' })
  holderNameMasked: string | null;

  @Field(() => CertificateSource, {
    nullable: true,
    description:
      'EVALUATION_BODY: issued and submitted by a filed body. EMPLOYER_RECORDED: typed in by the employer from a ' +
      'certificate issued outside the portal; the issuer has not confirmed it.',
  })
  source: CertificateSource | null;

  @Field(() => DateScalar, { nullable: true, description: 'Valid through this day; null when it does not expire.' })
  expiresOn: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'When this certificate was corrected: the number of the certificate that replaces it now (status REVOKED ' +
      'here). Null otherwise.',
  })
  supersededBy: string | null;
}

@ObjectType()
export class SkillLevelCount {
  @Field(() => Int)
  level: number;

  @Field()
  levelName: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    'On asOf, for people whose primary employment is CAREGIVER: how many hold each nursing-assistant skill level ' +
    '(their highest valid certificate) and how many none; for primary SOCIAL_WORKERs, how many hold a valid ' +
    'SOCIAL_WORK certificate.',
})
export class SkillProfile {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Int)
  caregivers: number;

  @Field(() => [SkillLevelCount], { description: 'Levels 5 (五级/初级工) to 1 (一级/高级技师), zeros included.' })
  caregiversBySkillLevel: SkillLevelCount[];

  @Field(() => Int)
  uncertifiedCaregivers: number;

  @Field(() => Int)
  socialWorkers: number;

  @Field(() => Int)
  certifiedSocialWorkers: number;
}
