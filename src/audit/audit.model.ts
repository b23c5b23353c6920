import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { JSONScalar } from '../common/json.scalar.js';
import { Role } from '../common/roles.js';

@ObjectType('AuditEvent', { description: 'One successful mutation: who did what to which record, and when.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true, description: 'The acting account’s username; null for an anonymous sign-up.' })
  actorUsername: string | null;

  @Field(() => Role, { nullable: true })
  actorRole: Role | null;

  @Field()
  operation: string;

  @Field()
  recordType: string;

  @Field(() => String, { nullable: true })
  recordId: string | null;

  @Field(() => JSONScalar, { description: 'Changed fields before/after; personal data masked or left out.' })
  summary: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}

@ObjectType()
export class AuditEventConnection extends ConnectionType(AuditEvent, 'AuditEvent') {}

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operation?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString() // a malformed id is NOT_FOUND, checked by the service
  @MaxLength(100)
  actorId?: string;

  @Field({ nullable: true, description: 'Events by the account with this username (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorUsername?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recordType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recordId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;
}
