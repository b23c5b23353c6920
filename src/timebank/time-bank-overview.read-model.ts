import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfDay } from '../common/counting-rules.js';
import type { TimeBankRegionFigures } from './time-bank-overview.model.js';

/**
 * The planners' overview, one statement over the time bank's tables and the persons' birth dates. $1 region (null:
 * the city), $2 asOf, $3 whether asOf is today (then the flows and the pool are the stored running totals).
 * `cutoff` is the end of asOf in Asia/Shanghai: what happened before it counts. Minutes redeemed are the net debits
 * for care (redemptions less refunds) less those still pending then, so they count care the institution confirmed.
 */
const OVERVIEW_SQL = (() => {
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

/** One row of the overview: a region's figures, or (`total`) the whole of the asked area, with the pool. */
export type TimeBankOverviewRow = TimeBankRegionFigures & { aged: number; pool: number; total: boolean };

/**
 * The planners' overview of the time bank (GraphQL `timeBankSummary`): volunteers and their persons, service
 * records, the ledger and care redemptions, as they stood at the end of a date, in one statement.
 */
@Injectable()
export class TimeBankOverviewReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per region of residence and in total (last): `regionCode` null for the whole city; `storedTotals` when `asOf`
   * is today (the flows and the pool are then the running totals kept with the balances, no postings read).
   */
  figures(regionCode: string | null, asOf: string, storedTotals: boolean): Promise<TimeBankOverviewRow[]> {
    return this.dataSource.query(OVERVIEW_SQL, [regionCode, asOf, storedTotals]);
  }
}
