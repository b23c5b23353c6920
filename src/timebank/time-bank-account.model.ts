import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { Currency, EntryKind, JournalKind, Relationship, ServiceCategory } from './timebank.enums.js';

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
