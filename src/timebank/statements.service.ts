import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfDay } from '../common/counting-rules.js';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, InputProblems, notFound } from '../common/errors.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { LedgerAccountEntity, PostingEntity } from './timebank.entities.js';
import { Currency, type JournalKind, type Relationship, type ServiceCategory } from './timebank.enums.js';
import type {
  TimeBank,
  TimeBankEntry,
  TimeBankMonth,
  TimeBankRegionFigures,
  TimeBankSummary,
} from './timebank.model.js';
import { msg } from '../i18n/i18n.js';

export const EARLIEST_SUMMARY_DATE = '2000-01-01';

/**
 * The planners' summary, one statement. $1 region (null: the city), $2 asOf, $3 whether asOf is today (then the
 * flows and the pool are the stored running totals). `cutoff` is the end of asOf in Asia/Shanghai: what happened
 * before it counts. Minutes redeemed are the net debits for care (redemptions less refunds) less those still pending
 * then, so they count care the institution confirmed.
 */
const SUMMARY_SQL = (() => {
  const cutoff = endOfDay('$2::date');
  return `
WITH v AS (
  SELECT v.id, v.region_code,
         p.birth_date <= $2::date - interval '60 years' AND p.birth_date > $2::date - interval '70 years' AS sixties,
         EXISTS (SELECT 1 FROM service_record s
                  WHERE s.volunteer_id = v.id AND s.service_date > $2::date - 90 AND s.service_date <= $2::date
                    AND s.created_at < ${cutoff}
                    AND NOT (s.status = 'REJECTED' AND s.decided_at < ${cutoff})) AS active
    FROM volunteer v JOIN person p ON p.id = v.person_id
   WHERE ($1::varchar IS NULL OR v.region_code = $1) AND v.created_at < ${cutoff}
),
flows AS (
  SELECT f.volunteer_id, f.earned, f.redeemed, f.transferred_out, f.granted, f.to_pool
    FROM ledger_account f JOIN v ON v.id = f.volunteer_id
   WHERE $3::boolean AND f.currency = 'TIME'
  UNION ALL
  SELECT a.volunteer_id,
         sum(p.amount) FILTER (WHERE p.kind = 'EARN'),
         -sum(p.amount) FILTER (WHERE p.kind IN ('REDEMPTION', 'REDEMPTION_REFUND')),
         -sum(p.amount) FILTER (WHERE p.kind = 'TRANSFER_OUT'),
         sum(p.amount) FILTER (WHERE p.kind = 'POOL_GRANT'),
         -sum(p.amount) FILTER (WHERE p.kind IN ('DONATION', 'CAP_OVERFLOW'))
    FROM posting p JOIN ledger_account a ON a.id = p.account_id AND a.currency = 'TIME' JOIN v ON v.id = a.volunteer_id
   WHERE NOT $3::boolean AND p.created_at < ${cutoff} AND p.kind <> 'REVERSAL'
     AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id AND r.created_at < ${cutoff})
   GROUP BY a.volunteer_id
),
pending AS (
  SELECT c.volunteer_id, sum(c.minutes) AS minutes
    FROM care_redemption c JOIN v ON v.id = c.volunteer_id
    JOIN journal j ON j.id = c.journal_id
    LEFT JOIN journal rj ON rj.id = c.refund_journal_id
   WHERE j.created_at < ${cutoff}
     AND NOT (c.status = 'COMPLETED' AND c.decided_at < ${cutoff})
     AND NOT (c.status = 'CANCELLED' AND rj.created_at < ${cutoff})
   GROUP BY c.volunteer_id
)
SELECT v.region_code AS "regionCode", GROUPING(v.region_code) = 1 AS total,
       count(*)::int AS volunteers,
       count(*) FILTER (WHERE v.active)::int AS "activeVolunteers",
       count(*) FILTER (WHERE v.active AND v.sixties)::int AS aged,
       coalesce(sum(f.earned), 0)::float8 AS "minutesIssued",
       (coalesce(sum(f.redeemed), 0) - coalesce(sum(pd.minutes), 0))::float8 AS "minutesRedeemed",
       coalesce(sum(pd.minutes), 0)::float8 AS "minutesPendingRedemption",
       coalesce(sum(f.transferred_out), 0)::float8 AS "minutesTransferred",
       coalesce(sum(f.granted), 0)::float8 AS "minutesGranted",
       coalesce(sum(f.to_pool), 0)::float8 AS "minutesToPool",
       CASE WHEN $3::boolean
            THEN (SELECT balance FROM ledger_account WHERE system_account = 'PUBLIC_POOL' AND currency = 'TIME')
            ELSE (SELECT coalesce(sum(p.amount), 0) FROM posting p JOIN ledger_account a ON a.id = p.account_id
                   WHERE a.system_account = 'PUBLIC_POOL' AND a.currency = 'TIME' AND p.created_at < ${cutoff})
       END::float8 AS pool
  FROM v LEFT JOIN flows f ON f.volunteer_id = v.id LEFT JOIN pending pd ON pd.volunteer_id = v.id
 GROUP BY GROUPING SETS ((v.region_code), ())
 ORDER BY total, v.region_code`;
})();

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
    if (rows.length === 0) throw notFound(msg('thing.volunteerProfile'));
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
            personNote: (raw.journal_note as string | null) ?? null,
            journalKind: (raw.fact_journal_kind as JournalKind | null) ?? null,
            reversal: raw.fact_reversal === true,
            relationship: (raw.fact_relationship as Relationship | null) ?? null,
            serviceMinutes: raw.fact_service_minutes === null ? null : Number(raw.fact_service_minutes),
            rewardName: (raw.fact_reward_name as string | null) ?? null,
            rewardQuantity: raw.fact_reward_quantity === null ? null : Number(raw.fact_reward_quantity),
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
      throw BadUserInputError.field('year', msg('planning.yearMustBeFromTo'));
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
   * Planners' figures over volunteers by the region they live in (a district planner: its own), as they stood at the
   * end of `asOf` (Asia/Shanghai; default today), in one statement (DESIGN.md "As of a date D"): volunteers
   * registered by then, those with service (not rejected by then) dated in the 90 days up to asOf, the share of
   * them aged 60-69 on asOf, TIME flows of the journals posted by then (journals reversed by then, and the
   * reversals, left out), care redeemed and still pending then, and the public pool's balance then. For today the
   * flows and the pool come from the totals kept with each account's balance (no postings read); for a past date
   * from the postings.
   */
  async summary(actor: Actor, requested: string | null, asOfArg?: string | null): Promise<TimeBankSummary> {
    const regionCode = plannerRegion(actor, requested);
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    new InputProblems()
      .check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!)
      .check(!isIsoDate(asOf) || asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }))
      .check(
        !isIsoDate(asOf) || asOf >= EARLIEST_SUMMARY_DATE,
        'asOf',
        msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_SUMMARY_DATE }),
      )
      .throwIfAny();
    if (regionCode !== null) await this.regions.assertCountyLevel(regionCode);
    const rows: (TimeBankRegionFigures & { aged: number; pool: number; total: boolean })[] =
      await this.dataSource.query(SUMMARY_SQL, [regionCode, asOf, asOf === today]);
    const figures = (r: (typeof rows)[number], code: string | null): TimeBankRegionFigures => ({
      regionCode: code,
      volunteers: r.volunteers,
      activeVolunteers: r.activeVolunteers,
      shareAged60To69: r.activeVolunteers === 0 ? null : r.aged / r.activeVolunteers,
      minutesIssued: r.minutesIssued,
      minutesRedeemed: r.minutesRedeemed,
      minutesPendingRedemption: r.minutesPendingRedemption,
      minutesTransferred: r.minutesTransferred,
      minutesGranted: r.minutesGranted,
      minutesToPool: r.minutesToPool,
    });
    const total = rows.find((r) => r.total)!;
    return {
      asOf,
      ...figures(total, regionCode),
      publicPoolMinutes: total.pool,
      regions: rows.filter((r) => !r.total).map((r) => figures(r, r.regionCode)),
    };
  }
}
