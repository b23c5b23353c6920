import { addYears } from '../src/common/dates.js';
import type { BenchCase } from './cases.js';
import { NO_TRAINING_TARGET } from './notes.js';

/**
 * The planning cases (issue 6): `staffingRatios` for the city and every district and county, and the planner's
 * `planningDashboard`, both as the demo municipal planner on a fixed past day, each answered raw in one statement.
 *
 * The raw side reuses the portal's aggregates (the same counting rules in the same SQL shapes: DESIGN.md primary
 * employment, target selection, the time-bank flows) but derives everything the portal derives in TypeScript (the
 * ratios, meets flags, shortfalls, notes, the city's sums and weakest basis, the five weakest districts, target
 * progress) in the same statement, in exact numeric arithmetic, and builds the payload as JSON there.
 */

/** A fixed past day, so the payload does not move with the calendar (every part, the time bank too, is as of it). */
export const PLANNING_AS_OF = '2025-12-31';
const YEAR = Number(PLANNING_AS_OF.slice(0, 4));

const PER_THOUSAND = 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS';
const PER_HUNDRED_BEDS = 'SOCIAL_WORKERS_PER_100_BEDS';
/** PopulationBasis from the strongest to the weakest. */
const BASES = `ARRAY['CENSUS', 'OFFICIAL_ESTIMATE', 'DEMO_ESTIMATE']`;

/**
 * CTEs ending in `ratio_json` (region_code, per_thousand, json): one row per district or county and one for the city
 * (region_code null), each a RegionRatio as JSON, per_thousand the rounded ratio to older adults (to rank regions).
 * $1 asOf, $2 asOf's year.
 *
 * Counts as the portal's ratios statement: the 60+ figure of the latest year <= asOf's year; care-home beds; people
 * ranked by the primary-employment rule among those with an active SOCIAL_WORKER job, counted when that primary job
 * is SOCIAL_WORKER, and whether they hold a SOCIAL_WORK certificate valid on asOf; per 100 beds, the distinct people
 * with an active SOCIAL_WORKER job at a care home of the region, primary or not (for the city: each once); each ratio
 * target: asOf's year, else the nearest later, else the latest earlier, a region's own before the city's at the same
 * year (the city: city-wide targets only).
 *
 * Then per row: ratio = round(present x per / base, 4) (half up, in integers), meets = present x per >= target x
 * base, shortfall = max(0, ceil((target x base - present x per) / per)), all null without a base (missing or 0) and
 * the last two without a target. The city sums the regions (but per 100 beds counts its own distinct people); its
 * ratio to older adults counts only the regions with a 60+ figure (and says so in the note), and its basis is the
 * weakest of theirs. `exact` is the unrounded ratio to older adults, to rank the weakest.
 */
const RATIO_CTES = `
ratio_county AS (
  SELECT code FROM region WHERE kind IN ('DISTRICT', 'COUNTY', 'AUTONOMOUS_COUNTY')
),
ratio_pop AS (
  SELECT DISTINCT ON (p.region_code) p.region_code, p.older_adults, p.older_adults_basis
    FROM region_population p
   WHERE p.year <= $2::int
   ORDER BY p.region_code, p.year DESC
),
ratio_bed AS (
  SELECT region_code, sum(beds)::int AS beds FROM institution WHERE type = 'CARE_HOME' GROUP BY region_code
),
ratio_primary AS (
  SELECT DISTINCT ON (e.person_id) e.person_id, e.occupation, i.region_code, i.type AS institution_type
    FROM employment e JOIN institution i ON i.id = e.institution_id
   WHERE e.start_date <= $1::date AND (e.end_date IS NULL OR e.end_date > $1::date)
     AND e.person_id IN (
       SELECT s.person_id FROM employment s
        WHERE s.occupation = 'SOCIAL_WORKER' AND s.start_date <= $1::date
          AND (s.end_date IS NULL OR s.end_date > $1::date))
   ORDER BY e.person_id, e.start_date, e.id
),
ratio_sw AS (
  SELECT pj.region_code,
         count(*)::int AS social_workers,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM certificate c
            WHERE c.person_id = pj.person_id AND c.kind = 'SOCIAL_WORK' AND c.issued_on <= $1::date
              AND (c.revoked_on IS NULL OR c.revoked_on > $1::date)
              AND (c.expires_on IS NULL OR c.expires_on >= $1::date)))::int AS qualified
    FROM ratio_primary pj
   WHERE pj.occupation = 'SOCIAL_WORKER'
   GROUP BY pj.region_code
),
ratio_care_home AS MATERIALIZED (
  SELECT i.region_code, GROUPING(i.region_code) = 1 AS city, count(DISTINCT e.person_id)::int AS n
    FROM employment e JOIN institution i ON i.id = e.institution_id
   WHERE e.occupation = 'SOCIAL_WORKER' AND i.type = 'CARE_HOME'
     AND e.start_date <= $1::date AND (e.end_date IS NULL OR e.end_date > $1::date)
   GROUP BY GROUPING SETS ((i.region_code), ())
),
ratio_tgt AS (
  SELECT DISTINCT ON (s.code, t.metric) s.code, t.metric::text AS metric, t.value
    FROM (SELECT code FROM ratio_county UNION ALL SELECT NULL) s
    JOIN target t ON t.metric IN ('${PER_THOUSAND}', '${PER_HUNDRED_BEDS}')
                 AND (t.region_code IS NULL OR t.region_code = s.code)
   ORDER BY s.code, t.metric, t.year < $2::int, CASE WHEN t.year >= $2::int THEN t.year ELSE -t.year END,
            t.region_code IS NULL
),
ratio_region AS MATERIALIZED (
  SELECT c.code, p.older_adults, p.older_adults_basis::text AS basis, coalesce(b.beds, 0) AS beds,
         coalesce(sw.social_workers, 0) AS social_workers, coalesce(ch.n, 0) AS care_home,
         coalesce(sw.qualified, 0) AS qualified
    FROM ratio_county c
    LEFT JOIN ratio_pop p ON p.region_code = c.code
    LEFT JOIN ratio_bed b ON b.region_code = c.code
    LEFT JOIN ratio_sw sw ON sw.region_code = c.code
    LEFT JOIN ratio_care_home ch ON NOT ch.city AND ch.region_code = c.code
),
ratio_input AS (
  SELECT r.code, r.older_adults, r.beds, r.social_workers, r.qualified, r.care_home,
         r.social_workers AS present_oa, r.care_home AS present_beds,
         CASE WHEN r.older_adults IS NOT NULL THEN r.basis END AS basis,
         CASE WHEN r.older_adults IS NULL
              THEN 'No 60+ population figure for ' || $2::int || ' or earlier: no ratio to older adults'
              WHEN r.older_adults = 0 THEN 'The 60+ population figure is 0: no ratio to older adults' END AS pop_note
    FROM ratio_region r
  UNION ALL
  SELECT NULL, CASE WHEN count(older_adults) > 0 THEN sum(older_adults)::int END, sum(beds)::int,
         sum(social_workers)::int, sum(qualified)::int,
         coalesce((SELECT n FROM ratio_care_home WHERE city), 0),
         coalesce(sum(social_workers) FILTER (WHERE older_adults IS NOT NULL), 0)::int,
         coalesce((SELECT n FROM ratio_care_home WHERE city), 0),
         (${BASES})[max(array_position(${BASES}, basis)) FILTER (WHERE older_adults IS NOT NULL)],
         CASE WHEN count(older_adults) = 0
              THEN 'No district or county has a 60+ population figure for ' || $2::int ||
                   ' or earlier: no ratio to older adults'
              ELSE nullif(concat_ws('; ',
                CASE WHEN count(*) > count(older_adults)
                     THEN (count(*) - count(older_adults)) || ' of ' || count(*) ||
                          ' districts and counties have no 60+ population figure for ' || $2::int || ' or earlier (' ||
                          array_to_string((array_agg(code ORDER BY code) FILTER (WHERE older_adults IS NULL))[1:5], ', ') ||
                          CASE WHEN count(*) - count(older_adults) > 5 THEN ', ...' ELSE '' END ||
                          '): the ratio to older adults covers the other ' || count(older_adults) || ' and their ' ||
                          coalesce(sum(social_workers) FILTER (WHERE older_adults IS NOT NULL), 0) || ' social workers'
                END,
                CASE WHEN sum(older_adults) = 0 THEN 'The 60+ population figures sum to 0: no ratio to older adults' END),
                '') END
    FROM ratio_region
),
ratio_calc AS (
  SELECT i.*, t1.value AS t_oa, t2.value AS t_beds,
         CASE WHEN i.older_adults > 0
              THEN ((2 * i.present_oa::bigint * 1000 * 10000 + i.older_adults) / (2 * i.older_adults::bigint))::numeric
                   / 10000
         END AS per_thousand,
         CASE WHEN i.older_adults > 0 THEN i.present_oa::numeric / i.older_adults END AS exact,
         CASE WHEN i.beds > 0
              THEN ((2 * i.present_beds::bigint * 100 * 10000 + i.beds) / (2 * i.beds::bigint))::numeric / 10000
         END AS per_hundred
    FROM ratio_input i
    LEFT JOIN ratio_tgt t1 ON t1.code IS NOT DISTINCT FROM i.code AND t1.metric = '${PER_THOUSAND}'
    LEFT JOIN ratio_tgt t2 ON t2.code IS NOT DISTINCT FROM i.code AND t2.metric = '${PER_HUNDRED_BEDS}'
),
ratio_shortfall AS (
  SELECT c.*,
         CASE WHEN per_thousand IS NOT NULL AND t_oa IS NOT NULL
              THEN greatest(0, ceil((t_oa * older_adults - present_oa * 1000) / 1000))::int END AS shortfall_oa
    FROM ratio_calc c
),
ratio_json AS (
  SELECT code AS region_code, exact, shortfall_oa, json_build_object(
           'regionCode', code,
           'olderAdults', older_adults,
           'beds', beds,
           'socialWorkers', social_workers,
           'qualifiedSocialWorkers', qualified,
           'careHomeSocialWorkers', care_home,
           'perThousandOlderAdults', per_thousand::float8,
           'perHundredBeds', per_hundred::float8,
           'meetsOlderAdultTarget', CASE WHEN per_thousand IS NOT NULL AND t_oa IS NOT NULL
                                         THEN present_oa * 1000 >= t_oa * older_adults END,
           'meetsBedTarget', CASE WHEN per_hundred IS NOT NULL AND t_beds IS NOT NULL
                                  THEN present_beds * 100 >= t_beds * beds END,
           'shortfallForOlderAdults', shortfall_oa,
           'shortfallForBeds', CASE WHEN per_hundred IS NOT NULL AND t_beds IS NOT NULL
                                    THEN greatest(0, ceil((t_beds * beds - present_beds * 100) / 100))::int END,
           'populationBasis', basis,
           'note', nullif(concat_ws('; ', pop_note,
                                    CASE WHEN beds = 0 THEN 'No care-home beds: no ratio to beds' END,
                                    CASE WHEN t_oa IS NULL
                                         THEN 'No target is set for social workers per 1,000 older adults' END,
                                    CASE WHEN t_beds IS NULL
                                         THEN 'No target is set for social workers per 100 care-home beds' END), '')
         ) AS json
    FROM ratio_shortfall
)`;

/** The whole staffingRatios payload for a municipal planner, in one statement. */
const staffingRatios: BenchCase = {
  name: 'staffingRatios',
  query: `query ($asOf: Date!) { staffingRatios(asOf: $asOf) { asOf city { ...ratio } regions { ...ratio } } }
fragment ratio on RegionRatio { regionCode olderAdults beds socialWorkers qualifiedSocialWorkers careHomeSocialWorkers perThousandOlderAdults perHundredBeds meetsOlderAdultTarget meetsBedTarget shortfallForOlderAdults shortfallForBeds populationBasis note }`,
  variables: { asOf: PLANNING_AS_OF },
  async sql(client) {
    const { rows } = await client.query<{ city: unknown; regions: unknown[] }>(
      `WITH ${RATIO_CTES}
       SELECT (SELECT json FROM ratio_json WHERE region_code IS NULL) AS city,
              (SELECT json_agg(json ORDER BY region_code) FROM ratio_json WHERE region_code IS NOT NULL) AS regions`,
      [PLANNING_AS_OF, YEAR],
    );
    return { staffingRatios: { asOf: PLANNING_AS_OF, city: rows[0].city, regions: rows[0].regions } };
  },
};

const WORST_REGIONS = 5;

/**
 * The planner's dashboard on PLANNING_AS_OF, every field of every part, in one statement:
 *
 * - headcount (workforceProgress, city-wide): each person active on asOf once under their primary job, by team and
 *   occupation (every one, in the enum's order, the API's); the distinct people active on the last day of each of
 *   the 12 months ending with asOf's month (asOf for its own) and on the day a year before; each TALENT_HEADCOUNT
 *   target from asOf's year on (city-wide), with gap = max(0, ceil(target - headcount)), required monthly net growth
 *   = ceil(gap / months) (months from the month after asOf to December of the year, at least 1), projected =
 *   headcount + round(12 months' net growth x months / 12) (half away from zero), on track when projected >= target.
 *   With no target from asOf's year on, a note says so.
 * - training (trainingProgress of asOf's year as of asOf, city-wide), as the trainingProgress case.
 * - ratios: the city and the five weakest districts and counties by ratio to older adults: the lowest exact ratio,
 *   then the largest shortfall, then code; those without a ratio last (from RATIO_CTES).
 * - timeBank (the planners' time-bank summary as it stood at the end of asOf in Asia/Shanghai, read from the
 *   postings): volunteers registered by then, by the region they live in; active ones (service dated in the 90 days
 *   up to asOf, logged by then and not rejected by then); the share of the active aged 60-69 on asOf; TIME flows of
 *   journals posted by then, leaving out journals reversed by then and the reversals; minutes redeemed (net debits
 *   for care less those pending then) and pending; the public pool's balance then; the city and each region.
 *
 * $1 asOf, $2 its year, $3 the day a year before.
 */
const CUTOFF = `(($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const DASHBOARD_SQL = `
WITH ${RATIO_CTES},
primary_job AS (
  SELECT DISTINCT ON (e.person_id) e.person_id, e.occupation, e.team, i.region_code, i.zone_code
    FROM employment e JOIN institution i ON i.id = e.institution_id
   WHERE e.start_date <= $1::date AND (e.end_date IS NULL OR e.end_date > $1::date)
   ORDER BY e.person_id, e.start_date, e.id
),
breakdown AS MATERIALIZED (
  SELECT GROUPING(team, occupation) AS set_id, team, occupation, count(*)::int AS n
    FROM primary_job
   GROUP BY GROUPING SETS ((), (team), (occupation))
),
day AS (
  SELECT least((m + interval '1 month - 1 day')::date, $1::date) AS d, to_char(m, 'YYYY-MM') AS label
    FROM generate_series(0, 11) AS k,
         LATERAL (SELECT date_trunc('month', $1::timestamp) - make_interval(months => k) AS m) AS month
  UNION ALL SELECT $3::date, 'year-ago'
),
day_count AS MATERIALIZED (
  SELECT day.label, coalesce(c.n, 0)::int AS n
    FROM day
    LEFT JOIN (SELECT day.d, count(DISTINCT e.person_id) AS n
                 FROM day JOIN employment e ON e.start_date <= day.d AND (e.end_date IS NULL OR e.end_date > day.d)
                GROUP BY day.d) c ON c.d = day.d
),
hc AS (
  SELECT (SELECT n FROM breakdown WHERE set_id = 3) AS headcount,
         (SELECT n FROM day_count WHERE label = 'year-ago') AS year_ago
),
headcount_target AS (
  SELECT DISTINCT ON (t.year) t.year, t.value,
         (t.year - $2::int) * 12 + (12 - extract(month FROM $1::date)::int) AS months
    FROM target t
   WHERE t.metric = 'TALENT_HEADCOUNT' AND t.year >= $2::int AND t.region_code IS NULL
   ORDER BY t.year
),
headcount_progress AS (
  SELECT t.year, t.value, greatest(0, ceil(t.value - hc.headcount))::int AS gap, t.months,
         hc.headcount + round((hc.headcount - hc.year_ago)::numeric * t.months / 12)::int AS projected
    FROM headcount_target t CROSS JOIN hc
),
done AS (
  SELECT s.audience, s.region_code, extract(month FROM s.end_date)::int AS month
    FROM attendance a JOIN training_session s ON s.id = a.session_id
   WHERE a.completed AND s.end_date >= make_date($2::int, 1, 1) AND s.end_date < make_date($2::int + 1, 1, 1)
     AND s.end_date <= $1::date
),
training AS MATERIALIZED (
  SELECT GROUPING(audience, region_code, month) AS set_id, audience, region_code, month, count(*)::int AS n
    FROM done
   GROUP BY GROUPING SETS ((), (audience), (region_code), (month))
),
training_target AS (
  SELECT value
    FROM target
   WHERE metric = 'TRAINING_PERSON_SESSIONS' AND region_code IS NULL
   ORDER BY year < $2::int, CASE WHEN year >= $2::int THEN year ELSE -year END
   LIMIT 1
),
training_days AS (
  -- asOf's own year: 1 January to asOf.
  SELECT $1::date - make_date($2::int, 1, 1) + 1 AS elapsed, make_date($2::int + 1, 1, 1) - make_date($2::int, 1, 1) AS days
),
training_expected AS (
  SELECT round(t.value * d.elapsed / d.days)::int AS expected FROM training_target t, training_days d
),
tb_v AS (
  SELECT v.id, v.region_code,
         p.birth_date <= $1::date - interval '60 years' AND p.birth_date > $1::date - interval '70 years' AS sixties,
         EXISTS (SELECT 1 FROM service_record s
                  WHERE s.volunteer_id = v.id AND s.service_date > $1::date - 90 AND s.service_date <= $1::date
                    AND s.created_at < ${CUTOFF}
                    AND NOT (s.status = 'REJECTED' AND s.decided_at < ${CUTOFF})) AS active
    FROM volunteer v JOIN person p ON p.id = v.person_id
   WHERE v.created_at < ${CUTOFF}
),
tb_f AS (
  SELECT a.volunteer_id,
         sum(p.amount) FILTER (WHERE p.kind = 'EARN') AS issued,
         -sum(p.amount) FILTER (WHERE p.kind IN ('REDEMPTION', 'REDEMPTION_REFUND')) AS redeemed,
         -sum(p.amount) FILTER (WHERE p.kind = 'TRANSFER_OUT') AS transferred,
         sum(p.amount) FILTER (WHERE p.kind = 'POOL_GRANT') AS granted,
         -sum(p.amount) FILTER (WHERE p.kind IN ('DONATION', 'CAP_OVERFLOW')) AS to_pool
    FROM posting p JOIN ledger_account a ON a.id = p.account_id AND a.currency = 'TIME'
    JOIN tb_v ON tb_v.id = a.volunteer_id
   WHERE p.created_at < ${CUTOFF} AND p.kind <> 'REVERSAL'
     AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id AND r.created_at < ${CUTOFF})
   GROUP BY a.volunteer_id
),
tb_pending AS (
  SELECT c.volunteer_id, sum(c.minutes) AS minutes
    FROM care_redemption c JOIN tb_v ON tb_v.id = c.volunteer_id
    JOIN journal j ON j.id = c.journal_id
    LEFT JOIN journal rj ON rj.id = c.refund_journal_id
   WHERE j.created_at < ${CUTOFF}
     AND NOT (c.status = 'COMPLETED' AND c.decided_at < ${CUTOFF})
     AND NOT (c.status = 'CANCELLED' AND rj.created_at < ${CUTOFF})
   GROUP BY c.volunteer_id
),
tb AS MATERIALIZED (
  SELECT GROUPING(v.region_code) = 1 AS total, json_build_object(
           'regionCode', v.region_code,
           'volunteers', count(*)::int,
           'activeVolunteers', count(*) FILTER (WHERE v.active)::int,
           'shareAged60To69', (count(*) FILTER (WHERE v.active AND v.sixties))::float8
                              / nullif(count(*) FILTER (WHERE v.active), 0),
           'minutesIssued', coalesce(sum(f.issued), 0)::float8,
           'minutesRedeemed', (coalesce(sum(f.redeemed), 0) - coalesce(sum(pd.minutes), 0))::float8,
           'minutesPendingRedemption', coalesce(sum(pd.minutes), 0)::float8,
           'minutesTransferred', coalesce(sum(f.transferred), 0)::float8,
           'minutesGranted', coalesce(sum(f.granted), 0)::float8,
           'minutesToPool', coalesce(sum(f.to_pool), 0)::float8) AS figures,
         v.region_code
    FROM tb_v v LEFT JOIN tb_f f ON f.volunteer_id = v.id LEFT JOIN tb_pending pd ON pd.volunteer_id = v.id
   GROUP BY GROUPING SETS ((v.region_code), ())
)
SELECT json_build_object(
         'asOf', $1::date::text,
         'regionCode', NULL,
         'headcount', json_build_object(
           'asOf', $1::date::text,
           'regionCode', NULL,
           'headcount', coalesce((SELECT headcount FROM hc), 0),
           'byTeam', (SELECT json_agg(json_build_object('team', t.v, 'count', coalesce(b.n, 0)) ORDER BY t.v)
                        FROM unnest(enum_range(NULL::team)) AS t(v)
                        LEFT JOIN breakdown b ON b.set_id = 1 AND b.team = t.v),
           'byOccupation', (SELECT json_agg(json_build_object('occupation', o.v, 'count', coalesce(b.n, 0)) ORDER BY o.v)
                              FROM unnest(enum_range(NULL::occupation)) AS o(v)
                              LEFT JOIN breakdown b ON b.set_id = 2 AND b.occupation = o.v),
           'targets', (SELECT coalesce(json_agg(json_build_object(
                                'year', year,
                                'target', value::float8,
                                'gap', gap,
                                'requiredMonthlyNetGrowth',
                                  CASE WHEN gap = 0 THEN 0 ELSE ceil(gap::numeric / greatest(1, months))::int END,
                                'projected', projected,
                                'onTrack', projected >= value) ORDER BY year), '[]')
                         FROM headcount_progress),
           'note', CASE WHEN NOT EXISTS (SELECT 1 FROM headcount_target)
                        THEN 'No city-wide headcount target is set for ' || $2::int || ' or later.' END,
           'monthly', (SELECT json_agg(json_build_object('month', label, 'headcount', n) ORDER BY label)
                         FROM day_count WHERE label <> 'year-ago')),
         'training', json_build_object(
           'year', $2::int,
           'asOf', $1::date::text,
           'regionCode', NULL,
           'target', (SELECT value::float8 FROM training_target),
           'note', CASE WHEN NOT EXISTS (SELECT 1 FROM training_target) THEN '${NO_TRAINING_TARGET.city}' END,
           'completedPersonSessions', coalesce((SELECT n FROM training WHERE set_id = 7), 0),
           'expectedToDate', (SELECT expected FROM training_expected),
           'onTrack', (SELECT coalesce((SELECT n FROM training WHERE set_id = 7), 0) >= expected FROM training_expected),
           'byAudience', (SELECT json_agg(json_build_object('audience', v.a, 'count', coalesce(g.n, 0)) ORDER BY v.a)
                            FROM unnest(enum_range(NULL::training_audience)) AS v(a)
                            LEFT JOIN training g ON g.set_id = 3 AND g.audience = v.a),
           'byRegion', (SELECT coalesce(json_agg(json_build_object('regionCode', region_code, 'count', n)
                                                 ORDER BY region_code), '[]')
                          FROM training WHERE set_id = 5),
           'byMonth', (SELECT json_agg(json_build_object('month', m, 'count', coalesce(g.n, 0)) ORDER BY m)
                         FROM generate_series(1, 12) AS m LEFT JOIN training g ON g.set_id = 6 AND g.month = m)),
         'ratios', json_build_object(
           'city', (SELECT json FROM ratio_json WHERE region_code IS NULL),
           'worstRegions', (SELECT coalesce(json_agg(json ORDER BY rank), '[]')
                              FROM (SELECT json, row_number() OVER (
                                             ORDER BY exact NULLS LAST, coalesce(shortfall_oa, -1) DESC, region_code)
                                             AS rank
                                      FROM ratio_json WHERE region_code IS NOT NULL
                                     ORDER BY rank
                                     LIMIT ${WORST_REGIONS}) w)),
         'timeBank', (SELECT (figures::jsonb
                              || jsonb_build_object(
                                   'asOf', $1::date::text,
                                   'publicPoolMinutes',
                                     (SELECT coalesce(sum(p.amount), 0)::float8
                                        FROM posting p JOIN ledger_account a ON a.id = p.account_id
                                       WHERE a.system_account = 'PUBLIC_POOL' AND a.currency = 'TIME'
                                         AND p.created_at < ${CUTOFF}),
                                   'regions', (SELECT coalesce(jsonb_agg(figures::jsonb ORDER BY region_code), '[]')
                                                 FROM tb WHERE NOT total)))::json
                        FROM tb WHERE total)
       ) AS payload`;

const ratioFields =
  'regionCode olderAdults beds socialWorkers qualifiedSocialWorkers careHomeSocialWorkers perThousandOlderAdults perHundredBeds meetsOlderAdultTarget meetsBedTarget shortfallForOlderAdults shortfallForBeds populationBasis note';
const figureFields =
  'regionCode volunteers activeVolunteers shareAged60To69 minutesIssued minutesRedeemed minutesPendingRedemption minutesTransferred minutesGranted minutesToPool';

/** Every field of every part of the dashboard, as the demo municipal planner (the city). */
const planningDashboard: BenchCase = {
  name: 'planningDashboard',
  query: `query ($asOf: Date!) { planningDashboard(asOf: $asOf) { asOf regionCode
  headcount { asOf regionCode headcount byTeam { team count } byOccupation { occupation count }
    targets { year target gap requiredMonthlyNetGrowth projected onTrack } note monthly { month headcount } }
  training { year asOf regionCode target note completedPersonSessions expectedToDate onTrack byAudience { audience count }
    byRegion { regionCode count } byMonth { month count } }
  ratios { city { ${ratioFields} } worstRegions { ${ratioFields} } }
  timeBank { asOf publicPoolMinutes ${figureFields} regions { ${figureFields} } } } }`,
  variables: { asOf: PLANNING_AS_OF },
  // Seconds per request at 200,000 staff (see the README): more connections only queue, and a short run would
  // measure a handful of requests.
  maxConnections: 2,
  minSeconds: 40,
  async sql(client) {
    const { rows } = await client.query<{ payload: Record<string, unknown> }>(DASHBOARD_SQL, [
      PLANNING_AS_OF,
      YEAR,
      addYears(PLANNING_AS_OF, -1),
    ]);
    return { planningDashboard: rows[0].payload };
  },
};

export const PLANNING_CASES: BenchCase[] = [staffingRatios, planningDashboard];
