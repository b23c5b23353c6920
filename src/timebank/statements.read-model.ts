import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Page, type PageArgs, paginate } from '../common/pagination.js';
import { PreparedStatements } from '../database/prepared-statements.js';
import { LedgerAccountEntity } from './ledger-account.entity.js';
import { PostingEntity } from './journal.entity.js';
import type { TimeBankMonth } from './time-bank-account.model.js';
import { Currency } from './timebank.enums.js';

/** Entry kinds that count as spending on a monthly statement (refunds net out redemptions). */
const SPENDING = `('REDEMPTION', 'REDEMPTION_REFUND', 'TRANSFER_OUT', 'DONATION')`;

/**
 * A volunteer's statement: balances, lines and monthly totals, read from the ledger's tables outside any unit of
 * work. Each method is one statement; the facts of a line (the service, the care, the relative, the other party of
 * a transfer, the reward) are read with it, the other party's name and ID number from the persons' table.
 */
@Injectable()
export class StatementsReadModel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** The TIME and POINTS balances of an account's volunteer profile (none: no profile). A hot read: prepared. */
  balancesOfUser(userId: string): Promise<{ volunteerId: string; time: number; points: number }[]> {
    return this.prepared.query(
      `SELECT v.id AS "volunteerId",
              max(a.balance) FILTER (WHERE a.currency = 'TIME')::float8 AS time,
              max(a.balance) FILTER (WHERE a.currency = 'POINTS')::float8 AS points
       FROM volunteer v JOIN ledger_account a ON a.volunteer_id = v.id
       WHERE v.user_id = $1 GROUP BY v.id`,
      [userId],
    );
  }

  /**
   * Every posting on the volunteer's accounts, newest first; the facts of each line are in the page's raw rows
   * (`journal_note`, `fact_*`).
   */
  entries(volunteerId: string, page: PageArgs): Promise<Page<PostingEntity>> {
    // The journal whose facts a line shows, and its kind.
    const src = 'coalesce(j.reverses_journal_id, j.id)';
    const kind = 'coalesce(o.kind, j.kind)';
    const care = (column: string) =>
      `coalesce((SELECT ${column} FROM care_redemption r LEFT JOIN relative rel ON rel.id = r.relative_id
                  WHERE r.journal_id = ${src}),
                (SELECT ${column} FROM care_redemption r LEFT JOIN relative rel ON rel.id = r.relative_id
                  WHERE r.refund_journal_id = ${src}))`;
    const qb = this.dataSource
      .getRepository(PostingEntity)
      .createQueryBuilder('p')
      .innerJoin(LedgerAccountEntity, 'a', 'a.id = p.account_id AND a.volunteer_id = :volunteerId', { volunteerId })
      .innerJoin('p.journal', 'j')
      .leftJoin('j.reverses', 'o')
      .addSelect('j.note', 'journal_note')
      .addSelect(kind, 'fact_journal_kind')
      .addSelect(`j.kind = 'REVERSAL'`, 'fact_reversal')
      .addSelect(
        `CASE WHEN ${kind} = 'SERVICE_CREDIT' THEN
           (SELECT s.minutes FROM service_record s WHERE s.journal_id = ${src}) END`,
        'fact_service_minutes',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'TRANSFER' THEN
                (SELECT rel.relationship FROM posting op
                   JOIN ledger_account oa ON oa.id = op.account_id
                   JOIN volunteer ov ON ov.id = oa.volunteer_id
                   JOIN person pe ON pe.id = ov.person_id
                   JOIN relative rel ON rel.volunteer_id = a.volunteer_id AND rel.id_number_hash = pe.id_number_hash
                  WHERE op.journal_id = ${src} AND oa.volunteer_id <> a.volunteer_id LIMIT 1)::text
              WHEN ${kind} IN ('REDEMPTION', 'REDEMPTION_REFUND') THEN ${care('rel.relationship')}::text END`,
        'fact_relationship',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'REWARD' THEN
           coalesce((SELECT rw.name FROM reward rw WHERE rw.id = coalesce(o.reward_id, j.reward_id)),
                    (SELECT rw.name FROM reward_redemption rr JOIN reward rw ON rw.id = rr.reward_id
                      WHERE rr.journal_id = ${src})) END`,
        'fact_reward_name',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'REWARD' THEN
           coalesce(coalesce(o.reward_quantity, j.reward_quantity),
                    (SELECT rr.quantity FROM reward_redemption rr WHERE rr.journal_id = ${src})) END`,
        'fact_reward_quantity',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'SERVICE_CREDIT' THEN
           (SELECT s.category FROM service_record s WHERE s.journal_id = ${src}) END`,
        'fact_category',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'SERVICE_CREDIT' THEN
           (SELECT to_char(s.service_date, 'YYYY-MM-DD') FROM service_record s WHERE s.journal_id = ${src}) END`,
        'fact_service_date',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'SERVICE_CREDIT' THEN
                (SELECT s.institution_id FROM service_record s WHERE s.journal_id = ${src})
              WHEN ${kind} IN ('REDEMPTION', 'REDEMPTION_REFUND') THEN ${care('r.institution_id')} END`,
        'fact_site_id',
      )
      .addSelect(
        `CASE WHEN ${kind} = 'TRANSFER' THEN
                (SELECT pe.name FROM posting op
                   JOIN ledger_account oa ON oa.id = op.account_id
                   JOIN volunteer ov ON ov.id = oa.volunteer_id
                   JOIN person pe ON pe.id = ov.person_id
                  WHERE op.journal_id = ${src} AND oa.volunteer_id <> a.volunteer_id LIMIT 1)
              WHEN ${kind} IN ('REDEMPTION', 'REDEMPTION_REFUND') THEN ${care('rel.name')} END`,
        'fact_counterparty',
      );
    return paginate(qb, page, [{ sql: 'p.id', value: (p) => p.id, kind: 'bigint' }], 'DESC');
  }

  /** TIME earned and spent per month of a year (all twelve), reversed journals and their reversals left out. */
  monthly(volunteerId: string, year: number): Promise<TimeBankMonth[]> {
    return this.dataSource.query(
      `WITH p AS (
         SELECT extract(month FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int AS month, p.kind, p.amount
         FROM posting p JOIN ledger_account a ON a.id = p.account_id
         WHERE a.volunteer_id = $1 AND a.currency = '${Currency.TIME}'
           AND p.created_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Asia/Shanghai')
           AND p.created_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
           AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id))
       SELECT m.month,
              coalesce(sum(p.amount) FILTER (WHERE p.kind = 'EARN'), 0)::int AS "earnedMinutes",
              coalesce(-sum(p.amount) FILTER (WHERE p.kind IN ${SPENDING}), 0)::int AS "spentMinutes"
       FROM generate_series(1, 12) AS m(month) LEFT JOIN p ON p.month = m.month
       GROUP BY m.month ORDER BY m.month`,
      [volunteerId, year],
    );
  }
}
