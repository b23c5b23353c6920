import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, notFound } from '../common/errors.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { LedgerAccountEntity, PostingEntity } from './timebank.entities.js';
import { Currency, type ServiceCategory } from './timebank.enums.js';
import type {
  TimeBank,
  TimeBankEntry,
  TimeBankMonth,
  TimeBankRegionFigures,
  TimeBankSummary,
} from './timebank.model.js';

/** Entry kinds that count as spending on a monthly statement (refunds net out redemptions). */
const SPENDING = `('REDEMPTION', 'REDEMPTION_REFUND', 'TRANSFER_OUT', 'DONATION')`;

/** Reads: a volunteer's own balances and statement, and planners' aggregates (never a volunteer's balance). */
@Injectable()
export class StatementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  /** The caller's balances, from the stored balances: one statement. */
  async timeBank(actor: Actor, storageCapMinutes: number): Promise<TimeBank> {
    const rows: { volunteerId: string; time: number; points: number }[] = await this.dataSource.query(
      `SELECT v.id AS "volunteerId",
              max(a.balance) FILTER (WHERE a.currency = 'TIME')::float8 AS time,
              max(a.balance) FILTER (WHERE a.currency = 'POINTS')::float8 AS points
       FROM volunteer v JOIN ledger_account a ON a.volunteer_id = v.id
       WHERE v.user_id = $1 GROUP BY v.id`,
      [actor.userId],
    );
    if (rows.length === 0) throw notFound('Volunteer profile');
    return {
      volunteerId: rows[0].volunteerId,
      timeBalanceMinutes: rows[0].time,
      pointsBalance: rows[0].points,
      storageCapMinutes,
    };
  }

  /**
   * Every posting on the volunteer's TIME and POINTS accounts, newest first, with the facts of each line: the service
   * behind a credit (category, date, site), the care behind a redemption or refund (site, the relative), the other
   * party of a transfer. A reversal line carries the facts of the journal it reverses. One statement (the site's
   * name is loaded by the resolver, batched per request).
   */
  async entries(volunteerId: string, page: PageArgs): Promise<Connection<TimeBankEntry>> {
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
    const found = await paginate(qb, page, [{ sql: 'p.id', value: (p) => p.id, kind: 'bigint' }], 'DESC');
    return {
      ...found,
      edges: found.edges.map((e, i) => {
        const raw = found.raw[i];
        return {
          cursor: e.cursor,
          node: {
            postingId: e.node.id,
            journalId: e.node.journalId,
            kind: e.node.kind,
            currency: e.node.currency,
            amount: Number(e.node.amount),
            balanceAfter: Number(e.node.balanceAfter),
            at: e.node.createdAt,
            note: (raw.journal_note as string | null) ?? null,
            counterpartyName: (raw.fact_counterparty as string | null) ?? null,
            siteId: (raw.fact_site_id as string | null) ?? null,
            category: (raw.fact_category as ServiceCategory | null) ?? null,
            serviceDate: (raw.fact_service_date as string | null) ?? null,
          },
        };
      }),
    };
  }

  /**
   * TIME earned and spent per month of a year (Asia/Shanghai months), all twelve; journals since reversed are left
   * out, like their reversals. One statement.
   */
  async monthly(volunteerId: string, year: number): Promise<TimeBankMonth[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw BadUserInputError.field('year', 'year must be from 2000 to 2100');
    }
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

  /**
   * Planners' figures over volunteers by the region they live in (a district planner: its own), in one statement.
   * The flows come from the totals each TIME account keeps with its balance (reversed journals net out of them), so
   * the statement reads one row per volunteer, not every posting.
   */
  async summary(actor: Actor, requested: string | null): Promise<TimeBankSummary> {
    const regionCode = plannerRegion(actor, requested);
    if (regionCode !== null) await this.regions.assertCountyLevel(regionCode);
    const today = todayInShanghai();
    const rows: (TimeBankRegionFigures & { aged: number; pool: number; total: boolean })[] =
      await this.dataSource.query(
        `WITH v AS (
         SELECT v.id, v.region_code,
                p.birth_date <= $2::date - interval '60 years' AND p.birth_date > $2::date - interval '70 years' AS sixties,
                EXISTS (SELECT 1 FROM service_record s
                        WHERE s.volunteer_id = v.id AND s.status <> 'REJECTED'
                          AND s.service_date > $2::date - 90 AND s.service_date <= $2::date) AS active
         FROM volunteer v JOIN person p ON p.id = v.person_id
         WHERE $1::varchar IS NULL OR v.region_code = $1)
       SELECT v.region_code AS "regionCode", GROUPING(v.region_code) = 1 AS total,
              count(*)::int AS volunteers,
              count(*) FILTER (WHERE v.active)::int AS "activeVolunteers",
              count(*) FILTER (WHERE v.active AND v.sixties)::int AS aged,
              coalesce(sum(f.earned), 0)::float8 AS "minutesIssued",
              coalesce(sum(f.redeemed), 0)::float8 AS "minutesRedeemed",
              coalesce(sum(f.transferred_out), 0)::float8 AS "minutesTransferred",
              coalesce(sum(f.granted), 0)::float8 AS "minutesGranted",
              coalesce(sum(f.to_pool), 0)::float8 AS "minutesToPool",
              (SELECT balance FROM ledger_account WHERE system_account = 'PUBLIC_POOL' AND currency = 'TIME')::float8 AS pool
       FROM v LEFT JOIN ledger_account f ON f.volunteer_id = v.id AND f.currency = 'TIME'
       GROUP BY GROUPING SETS ((v.region_code), ())
       ORDER BY total, v.region_code`,
        [regionCode, today],
      );
    const figures = (r: (typeof rows)[number], code: string | null): TimeBankRegionFigures => ({
      regionCode: code,
      volunteers: r.volunteers,
      activeVolunteers: r.activeVolunteers,
      shareAged60To69: r.activeVolunteers === 0 ? null : r.aged / r.activeVolunteers,
      minutesIssued: r.minutesIssued,
      minutesRedeemed: r.minutesRedeemed,
      minutesTransferred: r.minutesTransferred,
      minutesGranted: r.minutesGranted,
      minutesToPool: r.minutesToPool,
    });
    const total = rows.find((r) => r.total)!;
    return {
      asOf: today,
      ...figures(total, regionCode),
      publicPoolMinutes: total.pool,
      regions: rows.filter((r) => !r.total).map((r) => figures(r, r.regionCode)),
    };
  }
}
