import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict, DomainError } from '../common/errors.js';
import { Currency, EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';
import { type Msg, msg } from '../i18n/i18n.js';

export interface LedgerAccount {
  id: string;
  volunteerId: string | null;
  systemAccount: SystemAccount | null;
  currency: Currency;
  balance: number;
}

export type AccountRef = { volunteerId: string; currency: Currency } | { system: SystemAccount; currency: Currency };

export interface PostingSpec {
  account: AccountRef;
  amount: number;
  kind: EntryKind;
  /** For the flow totals: the kind this line counts as (a reversal line: the kind it mirrors). Default `kind`. */
  flowKind?: EntryKind;
}

/** The flow totals of a volunteer's TIME account, and the sign with which each entry kind adds to them. */
const FLOWS = ['earned', 'redeemed', 'transferredOut', 'granted', 'toPool'] as const;
type Flow = (typeof FLOWS)[number];
const FLOW_OF: Partial<Record<EntryKind, [Flow, 1 | -1]>> = {
  [EntryKind.EARN]: ['earned', 1],
  [EntryKind.REDEMPTION]: ['redeemed', -1],
  [EntryKind.REDEMPTION_REFUND]: ['redeemed', -1],
  [EntryKind.TRANSFER_OUT]: ['transferredOut', -1],
  [EntryKind.POOL_GRANT]: ['granted', 1],
  [EntryKind.DONATION]: ['toPool', -1],
  [EntryKind.CAP_OVERFLOW]: ['toPool', -1],
};

/**
 * The flow totals recomputed from the postings (reversed journals and reversals left out), for volunteer TIME
 * accounts: what the migration backfills and the bench seeding restores after inserting postings directly.
 */
export const RECOMPUTE_FLOWS_SQL = `
UPDATE ledger_account a
   SET earned = coalesce(f.earned, 0), redeemed = coalesce(f.redeemed, 0),
       transferred_out = coalesce(f.transferred_out, 0), granted = coalesce(f.granted, 0),
       to_pool = coalesce(f.to_pool, 0)
  FROM ledger_account t
  LEFT JOIN (
    SELECT p.account_id,
           sum(p.amount) FILTER (WHERE p.kind = 'EARN') AS earned,
           -sum(p.amount) FILTER (WHERE p.kind IN ('REDEMPTION', 'REDEMPTION_REFUND')) AS redeemed,
           -sum(p.amount) FILTER (WHERE p.kind = 'TRANSFER_OUT') AS transferred_out,
           sum(p.amount) FILTER (WHERE p.kind = 'POOL_GRANT') AS granted,
           -sum(p.amount) FILTER (WHERE p.kind IN ('DONATION', 'CAP_OVERFLOW')) AS to_pool
      FROM posting p
     WHERE p.kind <> 'REVERSAL' AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id)
     GROUP BY p.account_id) f ON f.account_id = t.id
 WHERE a.id = t.id AND t.volunteer_id IS NOT NULL AND t.currency = 'TIME'`;

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

export interface JournalLine {
  accountId: string;
  volunteerId: string | null;
  systemAccount: SystemAccount | null;
  currency: Currency;
  kind: EntryKind;
  amount: number;
  balanceAfter: number;
}

export interface PostedJournal {
  id: string;
  kind: JournalKind;
  createdAt: Date;
  note: string | null;
  reversesJournalId: string | null;
  rewardId: string | null;
  rewardQuantity: number | null;
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

/**
 * The order in which a transaction takes account locks, so concurrent journals never wait on each other in a
 * cycle: volunteers' accounts first, then the public pool, then the other system accounts; by id within each.
 * The system accounts every credit touches are thus locked last, for the shortest time.
 */
const rank = (a: Pick<LedgerAccount, 'volunteerId' | 'systemAccount'>) =>
  a.volunteerId !== null ? 0 : a.systemAccount === SystemAccount.PUBLIC_POOL ? 1 : 2;
const RANK_SQL = `CASE WHEN volunteer_id IS NOT NULL THEN 0 WHEN system_account = 'PUBLIC_POOL' THEN 1 ELSE 2 END`;
const ACCOUNT_COLUMNS = `id, volunteer_id AS "volunteerId", system_account AS "systemAccount", currency, balance::float8 AS balance`;

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
  /**
   * Locks every account of these volunteers (both currencies), in id order. Call it before anything else in the
   * transaction touches the ledger.
   */
  async lockVolunteers(em: EntityManager, volunteerIds: readonly string[]): Promise<LedgerLocks> {
    const locks = new LedgerLocks();
    if (volunteerIds.length === 0) return locks;
    const rows: LedgerAccount[] = await em.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_account WHERE volunteer_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(volunteerIds)]],
    );
    locks.add(rows);
    return locks;
  }

  /**
   * Creates a new volunteer's TIME and POINTS accounts.
   */
  async openAccounts(em: EntityManager, volunteerId: string): Promise<void> {
    await em.query(`INSERT INTO ledger_account (volunteer_id, currency) VALUES ($1, 'TIME'), ($1, 'POINTS')`, [
      volunteerId,
    ]);
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
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`journal:${actorId}:${key}`]);
    const rows: { id: string; kind: JournalKind; request_hash: string }[] = await em.query(
      `SELECT id, kind, request_hash FROM journal WHERE actor_id = $1 AND idempotency_key = $2`,
      [actorId, key],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== hash) {
      throw conflict(msg('timebank.thisIdempotencyKeyWasAlreadyUsed'), 'idempotencyKey');
    }
    return { id: rows[0].id, kind: rows[0].kind };
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

    const [journal]: { id: string; created_at: Date }[] = await em.query(
      `INSERT INTO journal (kind, actor_id, idempotency_key, request_hash, note, reverses_journal_id, reward_id,
                           reward_quantity, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now())) RETURNING id, created_at`,
      [
        spec.kind,
        spec.actorId,
        spec.idempotency?.key ?? null,
        spec.idempotency?.hash ?? null,
        spec.note ?? null,
        spec.reversesJournalId ?? null,
        spec.rewardId ?? null,
        spec.rewardQuantity ?? null,
        spec.at ?? null,
      ],
    );
    await em.query(
      `INSERT INTO posting (journal_id, created_at, account_id, currency, kind, amount, balance_after)
       SELECT $1, $2, * FROM unnest($3::bigint[], $4::currency[], $5::entry_kind[], $6::bigint[], $7::bigint[])`,
      [
        journal.id,
        journal.created_at,
        lines.map((l) => l.accountId),
        lines.map((l) => l.currency),
        lines.map((l) => l.kind),
        lines.map((l) => l.amount),
        lines.map((l) => l.balanceAfter),
      ],
    );
    try {
      // Every account here is locked by this transaction, so one statement may update them in any order.
      const ids = [...balances.keys()];
      const flow = (f: Flow) => ids.map((id) => flows.get(id)?.[f] ?? 0);
      await em.query(
        `UPDATE ledger_account a
            SET balance = b.balance, earned = a.earned + b.earned, redeemed = a.redeemed + b.redeemed,
                transferred_out = a.transferred_out + b.transferred_out, granted = a.granted + b.granted,
                to_pool = a.to_pool + b.to_pool
           FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
                AS b(id, balance, earned, redeemed, transferred_out, granted, to_pool)
          WHERE a.id = b.id`,
        [ids, [...balances.values()], ...FLOWS.map(flow)],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw insufficientBalance(msg('timebank.notEnoughBalance'));
      throw error;
    }
    for (const [id, balance] of balances) locks.byId.get(id)!.balance = balance;
    return {
      id: journal.id,
      kind: spec.kind,
      createdAt: journal.created_at,
      note: spec.note ?? null,
      reversesJournalId: spec.reversesJournalId ?? null,
      rewardId: spec.rewardId ?? null,
      rewardQuantity: spec.rewardQuantity ?? null,
      lines,
    };
  }

  /** A stored journal with its lines (two statements). */
  async journal(em: EntityManager, id: string, lock = false): Promise<PostedJournal | null> {
    const rows: Omit<PostedJournal, 'lines'>[] = await em.query(
      `SELECT id, kind, created_at AS "createdAt", note, reverses_journal_id AS "reversesJournalId",
              reward_id AS "rewardId", reward_quantity AS "rewardQuantity"
       FROM journal WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (rows.length === 0) return null;
    const lines: JournalLine[] = await em.query(
      `SELECT p.account_id AS "accountId", a.volunteer_id AS "volunteerId", a.system_account AS "systemAccount",
              p.currency, p.kind, p.amount::float8 AS amount, p.balance_after::float8 AS "balanceAfter"
       FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE p.journal_id = $1 ORDER BY p.id`,
      [id],
    );
    return { ...rows[0], lines };
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
    const rows: LedgerAccount[] = await em.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_account
       WHERE (system_account, currency) IN (SELECT * FROM unnest($1::system_account[], $2::currency[]))
       ORDER BY ${RANK_SQL}, id FOR UPDATE`,
      [wanted.map((w) => w.system), wanted.map((w) => w.currency)],
    );
    if (rows.length !== wanted.length) throw new Error('A system ledger account is missing');
    locks.add(rows);
  }
}
