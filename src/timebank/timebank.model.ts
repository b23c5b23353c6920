import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { InstitutionType } from '../institutions/institution.enums.js';
import {
  Currency,
  EntryKind,
  JournalKind,
  RedemptionStatus,
  Relationship,
  RewardRedemptionStatus,
  ServiceCategory,
  ServiceStatus,
  SystemAccount,
} from './timebank.enums.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('Volunteer', { description: 'A VOLUNTEER account tied to one person.' })
export class Volunteer {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The volunteer’s account (the id `resetPassword` takes).' })
  userId: string;

  @Field()
  username: string;

  @Field({ description: 'The district or county where the volunteer lives.' })
  regionCode: string;

  @Field(() => GraphQLISODateTime)
  registeredAt: Date;

  /** Not a field: resolved from it. */
  personId: string;
}

@ObjectType('VolunteerIdentity', {
  description: 'Who a volunteer is, as planners see it: no birth date, phone or balances.',
})
export class VolunteerIdentity {
  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters of the ID number.' })
  idNumberMasked: string;

  @Field(() => Int, { description: 'Age today.' })
  age: number;
}

@ObjectType('VolunteerSummary', {
  description: 'A volunteer in a planner’s list (to grant from the pool or reset a password); never balances.',
})
export class VolunteerSummary {
  @Field(() => ID, { description: 'The volunteer (the id `grantFromPool` takes).' })
  id: string;

  @Field(() => ID, { description: 'The volunteer’s account (the id `resetPassword` takes).' })
  userId: string;

  @Field({ description: 'The district or county where the volunteer lives.' })
  regionCode: string;

  @Field(() => GraphQLISODateTime)
  registeredAt: Date;

  @Field(() => VolunteerIdentity)
  person: VolunteerIdentity;
}

@ObjectType()
export class VolunteerSummaryConnection extends ConnectionType(VolunteerSummary, 'VolunteerSummary') {}

@InputType()
export class VolunteerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Volunteers living in this district or county (a district planner: its own, the default).',
  })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Names starting with this (1-50 characters).' })
  @IsOptional()
  @IsString()
  namePrefix?: string | null;
}

@InputType()
export class RegisterVolunteerInput {
  @Field({ description: 'Resident ID number (18 characters).' })
  @IsString()
  idNumber: string;

  @Field({ description: 'The name on the ID card.' })
  @IsString()
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile number; required for a public sign-up, optional when an institution admin signs someone up.',
  })
  @IsOptional()
  @IsString()
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'District or county of residence; an institution admin may omit it (their institution’s region).',
  })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field({ description: '3-64 characters: letters, digits, dot, dash, underscore.' })
  @IsString()
  username: string;

  @Field({ description: '8-128 characters.' })
  @IsString()
  password: string;
}

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

@ObjectType('ServiceSite', { description: 'A registered institution where volunteers may serve and redeem care.' })
export class ServiceSite {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => InstitutionType)
  type: InstitutionType;

  @Field()
  regionCode: string;

  @Field(() => String, { nullable: true })
  zoneCode: string | null;
}

@ObjectType()
export class ServiceSiteConnection extends ConnectionType(ServiceSite, 'ServiceSite') {}

@ObjectType('ServiceRecord', { description: 'Service done by a volunteer at an institution.' })
export class ServiceRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ServiceStatus)
  status: ServiceStatus;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => DateScalar)
  serviceDate: string;

  @Field(() => Int, { description: 'Service minutes as logged.' })
  minutes: number;

  @Field(() => Int, { nullable: true, description: 'TIME credited when verified (null until then).' })
  creditedMinutes: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Service minutes above the daily cap for that date, not credited (null until verified).',
  })
  uncreditedMinutes: number | null;

  @Field(() => Int, { nullable: true })
  pointsAwarded: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true })
  rejectReason: string | null;

  @Field(() => ID, { nullable: true, description: 'The crediting journal, if anything was credited.' })
  journalId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The journal that reversed the credit (an ADMIN or MUNICIPAL_PLANNER correction), if any.',
  })
  reversalJournalId?: string | null;

  @Field(() => GraphQLISODateTime)
  loggedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  /** Not fields: resolved from them. */
  volunteerId: string;
  institutionId: string;
}

@ObjectType()
export class ServiceRecordConnection extends ConnectionType(ServiceRecord, 'ServiceRecord') {}

@InputType()
export class LogServiceInput {
  @Field(() => ID, { nullable: true, description: 'Required for an institution admin; a volunteer omits it.' })
  @IsOptional()
  @IsString()
  volunteerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Where the service happened; an institution admin may omit it.' })
  @IsOptional()
  @IsString()
  institutionId?: string | null;

  @Field(() => ServiceCategory)
  @IsEnum(ServiceCategory)
  category: ServiceCategory;

  @Field(() => DateScalar, { description: 'Not in the future, nor older than the log window (90 days by default).' })
  @IsString()
  serviceDate: string;

  @Field(() => Int, { description: '1-1440.' })
  @IsInt()
  minutes: number;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  @IsOptional()
  @IsString()
  note?: string | null;
}

@InputType()
export class ServiceRecordFilter {
  @Field(() => ServiceStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceStatus)
  status?: ServiceStatus;

  @Field(() => ID, { nullable: true, description: 'For an institution admin: one volunteer.' })
  @IsOptional()
  @IsString()
  volunteerId?: string;
}

@ObjectType('JournalLine', { description: 'One posting of a journal (balances are shown only to their holder).' })
export class JournalLine {
  @Field(() => ID, { nullable: true, description: 'The volunteer whose account it is; null for a system account.' })
  volunteerId: string | null;

  @Field(() => SystemAccount, { nullable: true })
  systemAccount: SystemAccount | null;

  @Field(() => Currency)
  currency: Currency;

  @Field(() => EntryKind)
  kind: EntryKind;

  @Field(() => Int)
  amount: number;
}

@ObjectType('Journal', { description: 'One balanced movement of credits; never changed, only reversed.' })
export class Journal {
  @Field(() => ID)
  id: string;

  @Field(() => JournalKind)
  kind: JournalKind;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The reason a person gave (a grant, a reversal, a cancelled care); null otherwise: statement lines word the ' +
      'rest from their facts.',
  })
  note: string | null;

  @Field(() => ID, { nullable: true })
  reversesJournalId: string | null;

  @Field(() => [JournalLine], { description: 'Sums to zero per currency.' })
  lines: JournalLine[];
}

@InputType()
export class TransferCreditsInput {
  @Field(() => ID, { nullable: true, description: 'A registered relative who has an account…' })
  @IsOptional()
  @IsString()
  toRelativeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '…or true to donate to the public pool (exactly one).' })
  @IsOptional()
  @IsBoolean()
  toPublicPool?: boolean | null;

  @Field(() => Int, { description: 'Whole minutes > 0.' })
  @IsInt()
  minutes: number;

  @Field({ description: 'Chosen by the client, 1-100 characters; a retry with the same key returns the first result.' })
  @IsString()
  idempotencyKey: string;
}

@ObjectType('CareRedemption', { description: 'Care received in exchange for TIME.' })
export class CareRedemption {
  @Field(() => ID)
  id: string;

  @Field(() => RedemptionStatus)
  status: RedemptionStatus;

  @Field(() => Int)
  minutes: number;

  @Field(() => Relationship, { nullable: true, description: 'Null when the care is for the volunteer.' })
  relationship: Relationship | null;

  @Field({ description: 'Who receives the care.' })
  beneficiaryName: string;

  @Field(() => ID)
  journalId: string;

  @Field(() => ID, { nullable: true })
  refundJournalId: string | null;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  /** Not fields: resolved from them. */
  volunteerId: string;
  institutionId: string;
}

@ObjectType()
export class CareRedemptionConnection extends ConnectionType(CareRedemption, 'CareRedemption') {}

@InputType()
export class RedeemTimeInput {
  @Field(() => Int, { description: 'Whole minutes > 0.' })
  @IsInt()
  minutes: number;

  @Field(() => ID, { nullable: true, description: 'A registered relative aged 60+; omit for care of yourself.' })
  @IsOptional()
  @IsString()
  beneficiaryRelativeId?: string | null;

  @Field(() => ID, { description: 'The institution that will give the care (a service site).' })
  @IsString()
  institutionId: string;

  @Field()
  @IsString()
  idempotencyKey: string;
}

@ObjectType('Reward', { description: 'A catalogue reward bought with POINTS.' })
export class Reward {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Int)
  pointsCost: number;

  @Field(() => Int)
  stock: number;

  @Field()
  active: boolean;
}

@ObjectType()
export class RewardConnection extends ConnectionType(Reward, 'Reward') {}

@InputType()
export class CreateRewardInput {
  @Field({ description: '1-100 characters, unique.' })
  @IsString()
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  description?: string | null;

  @Field(() => Int)
  @IsInt()
  pointsCost: number;

  @Field(() => Int)
  @IsInt()
  stock: number;
}

@InputType()
export class UpdateRewardInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  pointsCost?: number;

  @Field(() => Int, { nullable: true, description: 'The new stock (not an increment).' })
  @IsOptional()
  @IsInt()
  stock?: number;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType()
export class RedeemPointsInput {
  @Field(() => ID)
  @IsString()
  rewardId: string;

  @Field(() => Int, { description: '1-100.' })
  @IsInt()
  quantity: number;

  @Field()
  @IsString()
  idempotencyKey: string;
}

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

@ObjectType('TimeBankEntry', { description: 'One line of a volunteer’s statement.' })
export class TimeBankEntry {
  @Field(() => ID)
  journalId: string;

  @Field(() => EntryKind)
  kind: EntryKind;

  @Field(() => Currency)
  currency: Currency;

  @Field(() => Int, { description: 'Signed: credits are positive, debits negative.' })
  amount: number;

  @Field(() => Int, { description: 'The account’s balance after this line.' })
  balanceAfter: number;

  @Field(() => GraphQLISODateTime)
  at: Date;

  /** Not fields: the facts the note (a resolved field) is worded from, in the reader's language. */
  personNote: string | null;
  journalKind: JournalKind | null;
  reversal: boolean;
  relationship: Relationship | null;
  serviceMinutes: number | null;
  rewardName: string | null;
  rewardQuantity: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The other person: for a transfer the other party (the sender on the recipient’s line, the recipient on the ' +
      'sender’s); for care redeemed for a relative, the relative.',
  })
  counterpartyName: string | null;

  @Field(() => ServiceCategory, { nullable: true, description: 'For credited service: its category.' })
  category: ServiceCategory | null;

  @Field(() => DateScalar, { nullable: true, description: 'For credited service: the day it was done.' })
  serviceDate: string | null;

  /** Not fields: the keyset, and the site whose name `siteName` shows. */
  postingId: string;
  siteId: string | null;
}

@ObjectType()
export class TimeBankEntryConnection extends ConnectionType(TimeBankEntry, 'TimeBankEntry') {}

@ObjectType('RewardRedemption', {
  description: 'A reward bought with POINTS: PENDING until an institution admin hands it over against its code.',
})
export class RewardRedemption {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The collection code the volunteer shows (6 characters, no look-alikes).' })
  code: string;

  @Field(() => RewardRedemptionStatus)
  status: RewardRedemptionStatus;

  @Field(() => Int)
  quantity: number;

  @Field(() => Int, { description: 'POINTS paid.' })
  points: number;

  @Field(() => ID, { description: 'The REWARD journal that paid for it.' })
  journalId: string;

  @Field({ description: 'Who bought it (for the admin handing it over).' })
  volunteerName: string;

  @Field(() => GraphQLISODateTime)
  redeemedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  collectedAt: Date | null;

  /** Not fields: resolved from them. */
  rewardId: string;
  institutionId: string | null;
}

@ObjectType()
export class RewardRedemptionConnection extends ConnectionType(RewardRedemption, 'RewardRedemption') {}

@ObjectType('TimeBankMonth')
export class TimeBankMonth {
  @Field(() => Int, { description: '1-12.' })
  month: number;

  @Field(() => Int, { description: 'TIME earned by verified service that month (EARN lines).' })
  earnedMinutes: number;

  @Field(() => Int, {
    description: 'TIME spent that month: care redeemed (net of refunds), transfers out and donations.',
  })
  spentMinutes: number;
}

@ObjectType('TimeBank', { description: 'The signed-in volunteer’s own time bank.' })
export class TimeBank {
  @Field(() => Int)
  timeBalanceMinutes: number;

  @Field(() => Int)
  pointsBalance: number;

  @Field(() => Int, { description: 'The most TIME the account holds; credits above it go to the public pool.' })
  storageCapMinutes: number;

  /** Not a field: the owner. */
  volunteerId: string;
}

@ObjectType('TimeBankRegionFigures', { description: 'Time-bank figures of volunteers living in one region.' })
export class TimeBankRegionFigures {
  @Field(() => String, { nullable: true, description: 'Null for the whole city.' })
  regionCode: string | null;

  @Field(() => Int, { description: 'Volunteers registered by the end of asOf.' })
  volunteers: number;

  @Field(() => Int, { description: 'Volunteers with service (not rejected) dated in the 90 days up to asOf.' })
  activeVolunteers: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the active volunteers aged 60-69 on asOf; null if none.',
  })
  shareAged60To69: number | null;

  @Field(() => Float, { description: 'TIME credited for verified service (reversed journals excluded).' })
  minutesIssued: number;

  @Field(() => Float, {
    description: 'TIME redeemed for care the institution confirmed (net of refunds); pending care is not redeemed.',
  })
  minutesRedeemed: number;

  @Field(() => Float, {
    description: 'TIME already debited for care the institution has not yet confirmed or cancelled (PENDING).',
  })
  minutesPendingRedemption: number;

  @Field(() => Float, { description: 'TIME transferred to relatives.' })
  minutesTransferred: number;

  @Field(() => Float, { description: 'TIME granted from the public pool to volunteers of the region.' })
  minutesGranted: number;

  @Field(() => Float, { description: 'TIME the region’s volunteers put in the pool: donations and cap overflow.' })
  minutesToPool: number;
}

@ObjectType('TimeBankSummary', {
  description:
    'Aggregates only: no volunteer’s balance. Every figure as it stood at the end of asOf (Asia/Shanghai): journals ' +
    'posted by then (reversed by then: left out), volunteers registered by then.',
})
export class TimeBankSummary extends TimeBankRegionFigures {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Float, { description: 'TIME in the city’s public pool at the end of asOf.' })
  publicPoolMinutes: number;

  @Field(() => [TimeBankRegionFigures], { description: 'Per district or county with volunteers.' })
  regions: TimeBankRegionFigures[];
}
