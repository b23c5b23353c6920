import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '../database/unit-of-work.js';
import { BadUserInputError, conflict, DomainError, notFound } from '../common/errors.js';
import type { Journal } from './journal.model.js';
import {
  type FlowIncrements,
  type JournalLineRow,
  type JournalRow,
  type LedgerAccount,
  LedgerRepository,
} from './ledger.repository.js';
import { Currency, EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';
import { type Msg, msg } from '../i18n/i18n.js';

export type { LedgerAccount } from './ledger.repository.js';
/** For the bench seeding, which restores the flow totals after inserting postings directly. */

export type AccountRef = { volunteerId: string; currency: Currency } | { system: SystemAccount; currency: Currency };

export interface PostingSpec {
  account: AccountRef;
  amount: number;
  kind: EntryKind;
  /** For the flow totals: the kind this line counts as (a reversal line: the kind it mirrors). Default `kind`. */
  flowKind?: EntryKind;
}

/** The flow totals of a volunteer's TIME account, and the sign with which each entry kind adds to them. */
type Flow = keyof FlowIncrements;
const FLOW_OF: Partial<Record<EntryKind, [Flow, 1 | -1]>> = {
  [EntryKind.EARN]: ['earned', 1],
  [EntryKind.REDEMPTION]: ['redeemed', -1],
  [EntryKind.REDEMPTION_REFUND]: ['redeemed', -1],
  [EntryKind.TRANSFER_OUT]: ['transferredOut', -1],
  [EntryKind.POOL_GRANT]: ['granted', 1],
  [EntryKind.DONATION]: ['toPool', -1],
  [EntryKind.CAP_OVERFLOW]: ['toPool', -1],
};

export interface JournalSpec {
  kind: JournalKind;
  actorId: string;
  note?: string | null;
  idempotency?: { key: string; hash: string } | null;
  reversesJournalId?: string | null;
  rewardId?: string | null;
  rewardQuantity?: number | null;
  /** When it happened, for history imported with the demo data; otherwise now (the transaction's time). */
  at?: Date;
}

export type JournalLine = JournalLineRow;

export interface PostedJournal extends JournalRow {
  lines: JournalLine[];
}

/** Two postings moving `amount` from one account to another (`inKind` defaults to `outKind`). */
export const movement = (
  from: AccountRef,
  to: AccountRef,
  amount: number,
  outKind: EntryKind,
  inKind: EntryKind = outKind,
): PostingSpec[] => [
  { account: from, amount: -amount, kind: outKind },
  { account: to, amount, kind: inKind },
];

/** Account references, for postings. */
export const volunteerAccount = (volunteerId: string, currency: Currency = Currency.TIME): AccountRef => ({
  volunteerId,
  currency,
});
export const systemAccount = (system: SystemAccount, currency: Currency = Currency.TIME): AccountRef => ({
  system,
  currency,
});

/**
 * The postings of a verified service's credit: TIME and POINTS from ISSUANCE, and the part above the storage cap
 * on to the public pool (the statement shows the EARN line, then CAP_OVERFLOW).
 */
export const serviceCreditPostings = (
  volunteerId: string,
  credit: { creditedMinutes: number; overflowMinutes: number; points: number },
): PostingSpec[] => [
  ...movement(
    systemAccount(SystemAccount.ISSUANCE),
    volunteerAccount(volunteerId),
    credit.creditedMinutes,
    EntryKind.EARN,
  ),
  ...movement(
    volunteerAccount(volunteerId),
    systemAccount(SystemAccount.PUBLIC_POOL),
    credit.overflowMinutes,
    EntryKind.CAP_OVERFLOW,
  ),
  ...movement(
    systemAccount(SystemAccount.ISSUANCE, Currency.POINTS),
    volunteerAccount(volunteerId, Currency.POINTS),
    credit.points,
    EntryKind.EARN,
  ),
];

export const insufficientBalance = (message: Msg) => new DomainError('INSUFFICIENT_BALANCE', message);

/** The API's view of a posted journal. */
export const journalView = (j: PostedJournal): Journal => ({
  id: j.id,
  kind: j.kind,
  at: j.createdAt,
  note: j.note,
  reversesJournalId: j.reversesJournalId,
  lines: j.lines.map((l) => ({
    volunteerId: l.volunteerId,
    systemAccount: l.systemAccount,
    currency: l.currency,
    kind: l.kind,
    amount: l.amount,
  })),
});

/** Journal ids are bigint sequence values. */
const JOURNAL_ID = /^\d{1,18}$/;

/**
 * The order in which a transaction takes account locks, so concurrent journals never wait on each other in a
 * cycle: volunteers' accounts first, then the public pool, then the other system accounts; by id within each.
 * The system accounts every credit touches are thus locked last, for the shortest time.
 */
const rank = (a: Pick<LedgerAccount, 'volunteerId' | 'systemAccount'>) =>
  a.volunteerId !== null ? 0 : a.systemAccount === SystemAccount.PUBLIC_POOL ? 1 : 2;

/** The accounts one transaction has locked, with their balances as this transaction sees them. */
export class LedgerLocks {
  readonly byId = new Map<string, LedgerAccount>();
  highestRank = -1;

  of(ref: AccountRef): LedgerAccount | undefined {
    for (const a of this.byId.values()) {
      if (a.currency !== ref.currency) continue;
      if ('volunteerId' in ref ? a.volunteerId === ref.volunteerId : a.systemAccount === ref.system) return a;
    }
    return undefined;
  }

  balance(volunteerId: string, currency: Currency): number {
    const account = this.of({ volunteerId, currency });
    if (!account) throw new Error(`Account of volunteer ${volunteerId} (${currency}) is not locked`);
    return account.balance;
  }

  add(rows: LedgerAccount[]): void {
    for (const row of rows) {
      const r = rank(row);
      if (r < this.highestRank) throw new Error('Ledger locks taken out of order');
      this.highestRank = r;
      this.byId.set(row.id, row);
    }
  }
}

/**
 * The double-entry ledger. Every movement of credits is one journal whose postings sum to zero per currency, and
 * each account's stored balance changes in the same transaction as its postings. Journals and postings are never
 * changed: a correction is a reversing journal.
 */
@Injectable()
export class LedgerService {
  /** The repository holds no connection of its own, so the demo seeder can build the ledger with `new`. */
  constructor(private readonly ledger: LedgerRepository = new LedgerRepository()) {}

  /**
   * Locks every account of these volunteers (both currencies), in id order. Call it before anything else in the
   * transaction touches the ledger.
   */
  async lockVolunteers(em: EntityManager, volunteerIds: readonly string[]): Promise<LedgerLocks> {
    const locks = new LedgerLocks();
    if (volunteerIds.length === 0) return locks;
    const rows = await this.ledger.lockVolunteerAccounts([...new Set(volunteerIds)], em);
    locks.add(rows);
    return locks;
  }

  /**
   * Creates a new volunteer's TIME and POINTS accounts.
   */
  async openAccounts(em: EntityManager, volunteerId: string): Promise<void> {
    await this.ledger.insertVolunteerAccounts(volunteerId, em);
  }

  /**
   * A retry of a journal: serialises requests carrying the same key (a transaction-scoped advisory lock), then
   * returns the journal the key already produced, if any. The same key with a different request is a CONFLICT.
   */
  async findRetry(
    em: EntityManager,
    actorId: string,
    key: string,
    hash: string,
  ): Promise<{ id: string; kind: JournalKind } | null> {
    await this.ledger.lockIdempotencyKey(actorId, key, em);
    const found = await this.ledger.findByIdempotencyKey(actorId, key, em);
    if (!found) return null;
    if (found.requestHash !== hash) {
      throw conflict(msg('timebank.thisIdempotencyKeyWasAlreadyUsed'), 'idempotencyKey');
    }
    return { id: found.id, kind: found.kind };
  }

  /**
   * Posts one journal. Volunteer accounts must already be locked (`lockVolunteers`); system accounts are locked
   * here, after them. Refuses with INSUFFICIENT_BALANCE, writing nothing, if any account but ISSUANCE would go
   * below zero (the database CHECK says the same). Four statements whatever the number of postings.
   */
  async post(
    em: EntityManager,
    locks: LedgerLocks,
    spec: JournalSpec,
    postings: PostingSpec[],
  ): Promise<PostedJournal> {
    const wanted = postings.filter((p) => p.amount !== 0);
    if (wanted.length === 0) throw new Error('A journal needs postings');
    await this.lockSystemAccounts(em, locks, wanted);

    const sums = new Map<Currency, number>();
    const balances = new Map<string, number>();
    const flows = new Map<string, Record<Flow, number>>();
    const lines: JournalLine[] = wanted.map((p) => {
      const account = locks.of(p.account);
      if (!account) throw new Error('Posting to an account that is not locked');
      if (!Number.isSafeInteger(p.amount)) throw new Error('Posting amounts are whole numbers');
      sums.set(account.currency, (sums.get(account.currency) ?? 0) + p.amount);
      const balanceAfter = (balances.get(account.id) ?? account.balance) + p.amount;
      balances.set(account.id, balanceAfter);
      const flow = FLOW_OF[p.flowKind ?? p.kind];
      if (flow && account.volunteerId !== null && account.currency === Currency.TIME) {
        const totals = flows.get(account.id) ?? { earned: 0, redeemed: 0, transferredOut: 0, granted: 0, toPool: 0 };
        totals[flow[0]] += flow[1] * p.amount;
        flows.set(account.id, totals);
      }
      return {
        accountId: account.id,
        volunteerId: account.volunteerId,
        systemAccount: account.systemAccount,
        currency: account.currency,
        kind: p.kind,
        amount: p.amount,
        balanceAfter,
      };
    });
    for (const [currency, sum] of sums) if (sum !== 0) throw new Error(`Journal does not balance in ${currency}`);
    for (const [id, balance] of balances) {
      const account = locks.byId.get(id)!;
      if (balance < 0 && account.systemAccount !== SystemAccount.ISSUANCE) {
        throw insufficientBalance(
          account.volunteerId === null
            ? msg(
                account.systemAccount === SystemAccount.PUBLIC_POOL
                  ? account.currency === Currency.TIME
                    ? 'timebank.poolHoldsOnlyMinutes'
                    : 'timebank.poolHoldsOnlyPoints'
                  : 'timebank.systemAccountHoldsOnly',
                { balance: account.balance },
              )
            : msg(account.currency === Currency.TIME ? 'timebank.notEnoughTime' : 'timebank.notEnoughPoints', {
                balance: account.balance,
              }),
        );
      }
    }

    const journal = await this.ledger.insertJournal(
      {
        kind: spec.kind,
        actorId: spec.actorId,
        idempotencyKey: spec.idempotency?.key ?? null,
        requestHash: spec.idempotency?.hash ?? null,
        note: spec.note ?? null,
        reversesJournalId: spec.reversesJournalId ?? null,
        rewardId: spec.rewardId ?? null,
        rewardQuantity: spec.rewardQuantity ?? null,
        at: spec.at ?? null,
      },
      em,
    );
    await this.ledger.insertPostings(journal, lines, em);
    try {
      // Every account here is locked by this transaction, so one statement may update them in any order.
      const ids = [...balances.keys()];
      const flow = (f: Flow) => ids.map((id) => flows.get(id)?.[f] ?? 0);
      await this.ledger.updateBalances(
        ids,
        [...balances.values()],
        {
          earned: flow('earned'),
          redeemed: flow('redeemed'),
          transferredOut: flow('transferredOut'),
          granted: flow('granted'),
          toPool: flow('toPool'),
        },
        em,
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw insufficientBalance(msg('timebank.notEnoughBalance'));
      throw error;
    }
    for (const [id, balance] of balances) locks.byId.get(id)!.balance = balance;
    return {
      id: journal.id,
      kind: spec.kind,
      createdAt: journal.createdAt,
      note: spec.note ?? null,
      reversesJournalId: spec.reversesJournalId ?? null,
      rewardId: spec.rewardId ?? null,
      rewardQuantity: spec.rewardQuantity ?? null,
      lines,
    };
  }

  /** A stored journal with its lines (two statements). */
  async journal(em: EntityManager, id: string, lock = false): Promise<PostedJournal | null> {
    const journal = await this.ledger.findJournal(id, lock, em);
    if (!journal) return null;
    const lines = await this.ledger.findJournalLines(id, em);
    return { ...journal, lines };
  }

  /**
   * Locks the system accounts these postings name and the locks lack, after everything already locked. `post` calls
   * it; a transaction posting several journals (the demo seed) calls it first with every account it will touch.
   */
  async lockSystemAccounts(
    em: EntityManager,
    locks: LedgerLocks,
    postings: Pick<PostingSpec, 'account'>[],
  ): Promise<void> {
    const missing = new Map<string, { system: SystemAccount; currency: Currency }>();
    for (const p of postings) {
      if (locks.of(p.account)) continue;
      if ('volunteerId' in p.account) throw new Error('Volunteer accounts must be locked first (lockVolunteers)');
      missing.set(`${p.account.system}:${p.account.currency}`, p.account);
    }
    if (missing.size === 0) return;
    const wanted = [...missing.values()];
    const rows = await this.ledger.lockSystemAccounts(wanted, em);
    if (rows.length !== wanted.length) throw new Error('A system ledger account is missing');
    locks.add(rows);
  }

  /** The result a retried request gets: the journal its key produced. */
  async replay(em: EntityManager, journalId: string, recordType: string): Promise<AuditRecord<Journal>> {
    const journal = (await this.journal(em, journalId))!;
    return { result: journalView(journal), recordType, recordId: journalId, summary: { repeated: true } };
  }

  /**
   * Posts the mirror image of journal `id`, at most once per journal. A reversal is not reversed again; a care
   * redemption is undone by cancelling it, not by reversing its journals. Locks the journal, then its volunteers'
   * accounts, then lets `undoRecords` undo what hangs on the journal (a reward's redemption and stock), then posts.
   * INSUFFICIENT_BALANCE when the credits have been spent since.
   */
  async reverse(
    em: EntityManager,
    id: string,
    actorId: string,
    reason: string,
    undoRecords: (original: PostedJournal) => Promise<void>,
  ): Promise<{ original: PostedJournal; reversal: PostedJournal }> {
    const original = JOURNAL_ID.test(id) ? await this.journal(em, id, true) : null;
    if (!original) throw notFound(msg('thing.journal'));
    if (original.kind === JournalKind.REVERSAL) {
      throw BadUserInputError.field('id', msg('timebank.aReversalCannotBeReversed'));
    }
    if (original.kind === JournalKind.REDEMPTION || original.kind === JournalKind.REDEMPTION_REFUND) {
      throw BadUserInputError.field('id', msg('timebank.careRedemptionsAreUndoneBy'));
    }
    const done = await this.ledger.findReversalId(id, em);
    if (done) throw conflict(msg('timebank.journalWasAlreadyReversedBy', { id, by: done }), 'id');

    const volunteerIds = original.lines.flatMap((l) => (l.volunteerId ? [l.volunteerId] : []));
    const locks = await this.lockVolunteers(em, volunteerIds);
    await undoRecords(original);
    // Credits before debits, so that no line of a statement shows a balance below zero on the way.
    const postings: PostingSpec[] = original.lines
      .map((l) => ({
        account: l.volunteerId
          ? volunteerAccount(l.volunteerId, l.currency)
          : systemAccount(l.systemAccount!, l.currency),
        amount: -l.amount,
        kind: EntryKind.REVERSAL,
        flowKind: l.kind,
      }))
      .sort((a, b) => Math.sign(b.amount) - Math.sign(a.amount));
    try {
      const reversal = await this.post(
        em,
        locks,
        { kind: JournalKind.REVERSAL, actorId, note: reason, reversesJournalId: id },
        postings,
      );
      return { original, reversal };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INSUFFICIENT_BALANCE') {
        throw insufficientBalance(msg('timebank.theCreditsOfThisJournal'));
      }
      throw error;
    }
  }
}
