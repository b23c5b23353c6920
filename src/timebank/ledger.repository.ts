import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Currency, EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';

/** A ledger account as a transaction locks it, with its balance as this transaction sees it. */
export interface LedgerAccount {
  id: string;
  volunteerId: string | null;
  systemAccount: SystemAccount | null;
  currency: Currency;
  balance: number;
}

/** A stored journal without its lines. */
export interface JournalRow {
  id: string;
  kind: JournalKind;
  createdAt: Date;
  note: string | null;
  reversesJournalId: string | null;
  rewardId: string | null;
  rewardQuantity: number | null;
}

/** One posting of a stored journal, with the account it is on. */
export interface JournalLineRow {
  accountId: string;
  volunteerId: string | null;
  systemAccount: SystemAccount | null;
  currency: Currency;
  kind: EntryKind;
  amount: number;
  balanceAfter: number;
}

export interface NewJournal {
  kind: JournalKind;
  actorId: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  note: string | null;
  reversesJournalId: string | null;
  rewardId: string | null;
  rewardQuantity: number | null;
  /** Null: now (the transaction's time). */
  at: Date | null;
}

/** The flow totals kept with a volunteer TIME account's balance, as increments. */
export interface FlowIncrements {
  earned: number[];
  redeemed: number[];
  transferredOut: number[];
  granted: number[];
  toPool: number[];
}

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

/** Volunteers' accounts first, then the public pool, then the other system accounts (LedgerService's lock order). */
const RANK_SQL = `CASE WHEN volunteer_id IS NOT NULL THEN 0 WHEN system_account = 'PUBLIC_POOL' THEN 1 ELSE 2 END`;
const ACCOUNT_COLUMNS = `id, volunteer_id AS "volunteerId", system_account AS "systemAccount", currency, balance::float8 AS balance`;

/**
 * The only place the ledger's tables (ledger_account, journal, posting) are written, and read inside a unit of work.
 * The ledger is touched only inside a transaction, so every method takes the unit of work's `tx` and this class
 * needs no connection of its own (the demo seeder builds it with `new`). The order of the locks is LedgerService's
 * business: each method here is one statement.
 */
@Injectable()
export class LedgerRepository {
  /** Locks every account of these volunteers (both currencies), in id order. */
  lockVolunteerAccounts(volunteerIds: readonly string[], tx: EntityManager): Promise<LedgerAccount[]> {
    return tx.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_account WHERE volunteer_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [volunteerIds],
    );
  }

  /** Locks these system accounts, in the ledger's lock order. */
  lockSystemAccounts(
    wanted: readonly { system: SystemAccount; currency: Currency }[],
    tx: EntityManager,
  ): Promise<LedgerAccount[]> {
    return tx.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_account
       WHERE (system_account, currency) IN (SELECT * FROM unnest($1::system_account[], $2::currency[]))
       ORDER BY ${RANK_SQL}, id FOR UPDATE`,
      [wanted.map((w) => w.system), wanted.map((w) => w.currency)],
    );
  }

  /** A new volunteer's TIME and POINTS accounts. */
  async insertVolunteerAccounts(volunteerId: string, tx: EntityManager): Promise<void> {
    await tx.query(`INSERT INTO ledger_account (volunteer_id, currency) VALUES ($1, 'TIME'), ($1, 'POINTS')`, [
      volunteerId,
    ]);
  }

  /** Serialises the requests of one actor carrying the same idempotency key (a transaction-scoped advisory lock). */
  async lockIdempotencyKey(actorId: string, key: string, tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`journal:${actorId}:${key}`]);
  }

  /** The journal an actor's idempotency key produced, if any, with the fingerprint of its request. */
  async findByIdempotencyKey(
    actorId: string,
    key: string,
    tx: EntityManager,
  ): Promise<{ id: string; kind: JournalKind; requestHash: string } | null> {
    const rows: { id: string; kind: JournalKind; request_hash: string }[] = await tx.query(
      `SELECT id, kind, request_hash FROM journal WHERE actor_id = $1 AND idempotency_key = $2`,
      [actorId, key],
    );
    return rows.length === 0 ? null : { id: rows[0].id, kind: rows[0].kind, requestHash: rows[0].request_hash };
  }

  async insertJournal(journal: NewJournal, tx: EntityManager): Promise<{ id: string; createdAt: Date }> {
    const [row]: { id: string; created_at: Date }[] = await tx.query(
      `INSERT INTO journal (kind, actor_id, idempotency_key, request_hash, note, reverses_journal_id, reward_id,
                           reward_quantity, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now())) RETURNING id, created_at`,
      [
        journal.kind,
        journal.actorId,
        journal.idempotencyKey,
        journal.requestHash,
        journal.note,
        journal.reversesJournalId,
        journal.rewardId,
        journal.rewardQuantity,
        journal.at,
      ],
    );
    return { id: row.id, createdAt: row.created_at };
  }

  /** A journal's postings, one statement whatever their number. */
  async insertPostings(
    journal: { id: string; createdAt: Date },
    lines: readonly Pick<JournalLineRow, 'accountId' | 'currency' | 'kind' | 'amount' | 'balanceAfter'>[],
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO posting (journal_id, created_at, account_id, currency, kind, amount, balance_after)
       SELECT $1, $2, * FROM unnest($3::bigint[], $4::currency[], $5::entry_kind[], $6::bigint[], $7::bigint[])`,
      [
        journal.id,
        journal.createdAt,
        lines.map((l) => l.accountId),
        lines.map((l) => l.currency),
        lines.map((l) => l.kind),
        lines.map((l) => l.amount),
        lines.map((l) => l.balanceAfter),
      ],
    );
  }

  /**
   * Sets the balances of these accounts and adds to their flow totals, in one statement (every account is locked by
   * this transaction, so the order does not matter). A balance the database refuses fails with code 23514.
   */
  async updateBalances(
    ids: readonly string[],
    balances: readonly number[],
    flows: FlowIncrements,
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `UPDATE ledger_account a
          SET balance = b.balance, earned = a.earned + b.earned, redeemed = a.redeemed + b.redeemed,
              transferred_out = a.transferred_out + b.transferred_out, granted = a.granted + b.granted,
              to_pool = a.to_pool + b.to_pool
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
              AS b(id, balance, earned, redeemed, transferred_out, granted, to_pool)
        WHERE a.id = b.id`,
      [ids, balances, flows.earned, flows.redeemed, flows.transferredOut, flows.granted, flows.toPool],
    );
  }

  /** A stored journal (locked when `lock`), without its lines. */
  async findJournal(id: string, lock: boolean, tx: EntityManager): Promise<JournalRow | null> {
    const rows: JournalRow[] = await tx.query(
      `SELECT id, kind, created_at AS "createdAt", note, reverses_journal_id AS "reversesJournalId",
              reward_id AS "rewardId", reward_quantity AS "rewardQuantity"
       FROM journal WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A journal's postings in the order they were written. */
  findJournalLines(journalId: string, tx: EntityManager): Promise<JournalLineRow[]> {
    return tx.query(
      `SELECT p.account_id AS "accountId", a.volunteer_id AS "volunteerId", a.system_account AS "systemAccount",
              p.currency, p.kind, p.amount::float8 AS amount, p.balance_after::float8 AS "balanceAfter"
       FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE p.journal_id = $1 ORDER BY p.id`,
      [journalId],
    );
  }

  /** The id of the journal that reversed this one, if any. */
  async findReversalId(journalId: string, tx: EntityManager): Promise<string | null> {
    const [done]: { id: string }[] = await tx.query('SELECT id FROM journal WHERE reverses_journal_id = $1', [
      journalId,
    ]);
    return done?.id ?? null;
  }
}
