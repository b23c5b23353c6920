import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { Role } from '../common/roles.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../common/validation/password-length.js';

@ObjectType('User', { description: 'A portal account. One role per account, bound to the scope that role needs.' })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'DISTRICT_PLANNER: the district or county it plans for.' })
  regionCode: string | null;

  @Field(() => ID, { nullable: true, description: 'INSTITUTION_ADMIN: its institution.' })
  institutionId: string | null;

  @Field(() => ID, { nullable: true, description: 'EVALUATION_BODY: its filed evaluation body.' })
  evaluationBodyId: string | null;

  @Field()
  active: boolean;

  @Field({
    description:
      'True while the password is one someone else set (a new account, a volunteer signed up by an institution ' +
      'admin, a reset): only `me` and `changePassword` work until it is changed.',
  })
  mustChangePassword: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType()
export class UserConnection extends ConnectionType(User, 'User') {}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`.' })
  accessToken: string;

  @Field(() => User)
  user: User;
}

@InputType()
export class CreateUserInput {
  @Field({ description: '3-64 characters: lower-case letters, digits, dot, dash, underscore.' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3-64 letters, digits, dots, dashes or underscores' })
  username: string;

  @Field({ description: `${PASSWORD_MIN}-${PASSWORD_MAX} characters.` })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `password must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters` })
  password: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Required for DISTRICT_PLANNER, refused otherwise.' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field(() => ID, { nullable: true, description: 'Required for INSTITUTION_ADMIN, refused otherwise.' })
  @IsOptional()
  @IsString() // a malformed id is NOT_FOUND, checked by the service
  @MaxLength(100)
  institutionId?: string;

  @Field(() => ID, { nullable: true, description: 'Required for EVALUATION_BODY, refused otherwise.' })
  @IsOptional()
  @IsString() // a malformed id is NOT_FOUND, checked by the service
  @MaxLength(100)
  evaluationBodyId?: string;
}

@InputType()
export class UserFilter {
  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString() // a malformed id is NOT_FOUND, checked by the service
  @MaxLength(100)
  institutionId?: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => String, { nullable: true, description: 'Usernames starting with this.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  usernamePrefix?: string;
}

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString()
  @MaxLength(64)
  username: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  oldPassword: string;

  @Field()
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `newPassword must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters` })
  newPassword: string;
}
