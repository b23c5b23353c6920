import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { Certificate } from './certificate.model.js';
import { CertificateKind, CertificateStatus, Profession } from './certification.enums.js';

@ObjectType({
  description:
    'The holder of a certificate, as its issuer may see them: the name and the masked ID number, nothing else ' +
    '(no jobs, no phone).',
})
export class CertificateHolder {
  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters: 500101********123X.' })
  idNumberMasked: string;
}

@ObjectType()
export class CertificateConnection extends ConnectionType(Certificate, 'Certificate') {}

// Formats and ranges are checked by the service, so that every bad field is reported at once.

@InputType({ description: 'Every condition given must hold.' })
export class CertificatesIssuedFilter {
  @Field(() => CertificateKind, { nullable: true })
  @IsOptional()
  @IsEnum(CertificateKind)
  kind?: CertificateKind;

  @Field(() => CertificateStatus, { nullable: true, description: 'The status today (Asia/Shanghai).' })
  @IsOptional()
  @IsEnum(CertificateStatus)
  status?: CertificateStatus;

  @Field({
    nullable: true,
    description: 'The certificate number starts with this (letter case ignored), or the holder’s name does.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  numberOrName?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or after this day.' })
  @IsOptional()
  @IsString()
  issuedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or before this day.' })
  @IsOptional()
  @IsString()
  issuedTo?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A municipal planner: one body’s certificates (default: every body’s). A body: only its own id.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  issuingBodyId?: string;
}

@InputType({
  description:
    'The corrected certificate: a new number (the old one stays on the holder’s paper certificate and answers ' +
    'REVOKED with the new number) and the fields to change; a field left out is kept, expiresOn null removes the ' +
    'expiry. The holder and the kind never change: a certificate issued to the wrong person or of the wrong kind ' +
    'is revoked and submitted again.',
})
export class CorrectCertificateInput {
  @Field({ description: 'Required, and new: unused for this kind.' })
  @IsString()
  certificateNumber: string;

  @Field(() => Int, { nullable: true, description: '1 is the highest; none for a PROFESSIONAL_LICENSE.' })
  @IsOptional()
  @IsInt()
  level?: number | null;

  @Field(() => Profession, { nullable: true, description: 'PROFESSIONAL_LICENSE only.' })
  @IsOptional()
  @IsEnum(Profession)
  profession?: Profession | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  issuedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null: the corrected certificate does not expire.' })
  @IsOptional()
  @IsString()
  expiresOn?: string | null;
}
