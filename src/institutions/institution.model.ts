import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { InstitutionType, Ownership } from './institution.enums.js';

@ObjectType('Institution', { description: 'A registered elder-care institution.' })
export class Institution {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Unified social credit code (GB 32100-2015).' })
  creditCode: string;

  @Field({ description: 'Always a district or county.' })
  regionCode: string;

  @Field(() => String, { nullable: true, description: 'The functional zone (Z01-Z03) it also lies in, if any.' })
  zoneCode: string | null;

  @Field(() => InstitutionType)
  type: InstitutionType;

  @Field(() => Ownership)
  ownership: Ownership;

  @Field(() => Int, { nullable: true, description: 'Licensed beds; care homes only (null for other types).' })
  beds: number | null;

  @Field()
  hasSocialWorkDepartment: boolean;
}

@ObjectType()
export class InstitutionConnection extends ConnectionType(Institution, 'Institution') {}

export const MAX_BEDS = 100_000;
export const MAX_NAME_LENGTH = 200;

// Ranges, lengths and code formats of the two inputs below are checked by InstitutionsService.validate, not by
// class-validator here: the pipe would stop at its own failures and hide the record's other problems, and the API
// reports every bad field at once. The decorators left only mark the fields (the pipe whitelists).

@InputType()
export class RegisterInstitutionInput {
  @Field()
  @IsString()
  name: string;

  @Field()
  @IsString()
  creditCode: string;

  @Field()
  @IsString()
  regionCode: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  zoneCode?: string | null;

  @Field(() => InstitutionType)
  @IsEnum(InstitutionType)
  type: InstitutionType;

  @Field(() => Ownership)
  @IsEnum(Ownership)
  ownership: Ownership;

  @Field(() => Int, { nullable: true, description: 'Care homes only; default 0.' })
  @IsOptional()
  @IsInt()
  beds?: number | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  hasSocialWorkDepartment?: boolean;
}

@InputType({ description: 'Fields to change. An institution admin may change only beds and hasSocialWorkDepartment.' })
export class UpdateInstitutionInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  creditCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'null removes the zone.' })
  @IsOptional()
  @IsString()
  zoneCode?: string | null;

  @Field(() => InstitutionType, { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionType)
  type?: InstitutionType;

  @Field(() => Ownership, { nullable: true })
  @IsOptional()
  @IsEnum(Ownership)
  ownership?: Ownership;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  beds?: number | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  hasSocialWorkDepartment?: boolean;
}

@InputType()
export class InstitutionFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  zoneCode?: string;

  @Field(() => InstitutionType, { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionType)
  type?: InstitutionType;

  @Field({ nullable: true, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}
