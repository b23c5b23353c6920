import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Currency, EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';

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
