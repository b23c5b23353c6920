import type { QueryResult, QueryResultRow } from 'pg';
import { encodeCursor } from '../src/common/pagination.js';
import { DEFAULT_LANG, word } from '../src/i18n/i18n.js';
import { statementNote } from '../src/timebank/statement-note.js';
import type { EntryKind, JournalKind, Relationship, ServiceCategory } from '../src/timebank/timebank.enums.js';
import { NO_TRAINING_TARGET } from './notes.js';
import { PLANNING_CASES } from './planning-cases.js';
import { BENCH_VOLUNTEER_USERNAME } from './timebank-seed.js';

/** What a case's raw-SQL side may use: `query` only, so the harness can count round trips by wrapping it. */
export interface SqlClient {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The JSON a GraphQL response carries under `data`. */
export type Payload = Record<string, unknown>;

export interface BenchCase {
  name: string;
  /** The GraphQL operation the portal answers. */
  query: string;
  variables?: Record<string, unknown>;
  /** The account the portal side signs in as (the demo password); default the demo municipal planner. */
  account?: string;
  /**
   * At most this many concurrent requests (and raw pg workers) for this case, whatever BENCH_CONNECTIONS says: for
   * cases of seconds per request, which more connections only queue (past autocannon's 10 s timeout).
   */
  maxConnections?: number;
  /** At least this many seconds measured per side, whatever BENCH_DURATION says: for slow cases, enough requests. */
  minSeconds?: number;
  /** The same payload as the portal's `data`, built from raw `pg` queries on the same database. */
  sql: (client: SqlClient) => Promise<Payload>;
}

/** Also the raw side of `--peers` case B (bench/peers/cases.ts). */
export const regions: BenchCase = {
  name: 'regions',
  query: `{ regions { code nameZh nameEn kind population(year: 2020) { year total olderAdults totalBasis olderAdultsBasis } } }`,
  async sql(client) {
    // One round trip: each region with its latest figure at or before 2020 (none for functional zones).
    const { rows } = await client.query<{
      code: string;
      name_zh: string;
      name_en: string;
      kind: string;
      year: number | null;
      total: number;
      older_adults: number;
      total_basis: string;
      older_adults_basis: string;
    }>(
      `SELECT r.code, r.name_zh, r.name_en, r.kind,
              p.year, p.total, p.older_adults, p.total_basis, p.older_adults_basis
         FROM region r
         LEFT JOIN LATERAL (
                SELECT year, total, older_adults, total_basis, older_adults_basis
                  FROM region_population
                 WHERE region_code = r.code AND year <= $1
                 ORDER BY year DESC
                 LIMIT 1
              ) p ON true
        ORDER BY r.code`,
      [2020],
    );
    return {
      regions: rows.map((r) => ({
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        kind: r.kind,
        population:
          r.year === null
            ? null
            : {
                year: r.year,
                total: r.total,
                olderAdults: r.older_adults,
                totalBasis: r.total_basis,
                olderAdultsBasis: r.older_adults_basis,
              },
      })),
    };
  },
};

const INSTITUTIONS_PAGE = 50;

const institutions: BenchCase = {
  name: 'institutions',
  query: `{ institutions(first: ${INSTITUTIONS_PAGE}) { totalCount edges { cursor node { id name creditCode regionCode zoneCode type ownership beds hasSocialWorkDepartment } } pageInfo { hasNextPage endCursor } } }`,
  async sql(client) {
    // One round trip: the total and the first page plus one row (to learn whether another page follows). The
    // LEFT JOIN keeps the total when the page is empty.
    const { rows } = await client.query<{
      total_count: number;
      id: string | null;
      name: string;
      credit_code: string;
      region_code: string;
      zone_code: string | null;
      type: string;
      ownership: string;
      beds: number | null;
      has_social_work_department: boolean;
    }>(
      `SELECT c.total_count, p.*
         FROM (SELECT count(*)::int AS total_count FROM institution) c
         LEFT JOIN LATERAL (
                SELECT id, name, credit_code, region_code, zone_code, type, ownership, beds,
                       has_social_work_department
                  FROM institution
                 ORDER BY region_code, name, id
                 LIMIT $1
              ) p ON true`,
      [INSTITUTIONS_PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    const edges = found.slice(0, INSTITUTIONS_PAGE).map((r) => ({
      cursor: encodeCursor([r.region_code, r.name, r.id!]),
      node: {
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        regionCode: r.region_code,
        zoneCode: r.zone_code,
        type: r.type,
        ownership: r.ownership,
        beds: r.beds,
        hasSocialWorkDepartment: r.has_social_work_department,
      },
    }));
    return {
      institutions: {
        totalCount: rows[0].total_count,
        edges,
        pageInfo: {
          hasNextPage: found.length > INSTITUTIONS_PAGE,
          endCursor: edges.length ? edges[edges.length - 1].cursor : null,
        },
      },
    };
  },
};

/** A district with many people: Wanzhou has three demo institutions besides its share of the synthetic ones. */
export const PEOPLE_REGION = '500101';
const PEOPLE_PAGE = 50;

const people: BenchCase = {
  name: 'people',
  query: `query ($region: String!) { people(filter: { regionCode: $region }, first: ${PEOPLE_PAGE}) { totalCount edges { cursor node { id name idNumberMasked employments { id occupation institution { id regionCode } } } } pageInfo { hasNextPage endCursor } } }`,
  variables: { region: PEOPLE_REGION },
  async sql(client) {
    // One round trip: the total (distinct people with a job in the district; the person row is not needed), and the
    // first page plus one row by (name, id) with each person's employments (a municipal planner sees all of them),
    // oldest first, as JSON.
    const { rows } = await client.query<{
      total_count: number;
      id: string | null;
      name: string;
      id_number_masked: string;
      employments: { id: string; occupation: string; institution: { id: string; regionCode: string } }[];
    }>(
      `SELECT c.total_count, pg.*
         FROM (SELECT count(DISTINCT e.person_id)::int AS total_count
                 FROM employment e JOIN institution i ON i.id = e.institution_id
                WHERE i.region_code = $1 OR i.zone_code = $1) c
         LEFT JOIN LATERAL (
                SELECT p.id, p.name, p.id_number_masked,
                       (SELECT json_agg(json_build_object('id', e.id, 'occupation', e.occupation,
                                        'institution', json_build_object('id', i.id, 'regionCode', i.region_code))
                                        ORDER BY e.start_date, e.id)
                          FROM employment e JOIN institution i ON i.id = e.institution_id
                         WHERE e.person_id = p.id) AS employments
                  FROM person p
                 WHERE EXISTS (SELECT 1 FROM employment e JOIN institution i ON i.id = e.institution_id
                                WHERE e.person_id = p.id AND (i.region_code = $1 OR i.zone_code = $1))
                 ORDER BY p.name, p.id
                 LIMIT $2
              ) pg ON true`,
      [PEOPLE_REGION, PEOPLE_PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    const edges = found.slice(0, PEOPLE_PAGE).map((r) => ({
      cursor: encodeCursor([r.name, r.id!]),
      node: { id: r.id, name: r.name, idNumberMasked: r.id_number_masked, employments: r.employments },
    }));
    return {
      people: {
        totalCount: rows[0].total_count,
        edges,
        pageInfo: {
          hasNextPage: found.length > PEOPLE_PAGE,
          endCursor: edges.length ? edges[edges.length - 1].cursor : null,
        },
      },
    };
  },
};

/**
 * A district's count only needs the people with a job there that day (whose primary job may be elsewhere, so all
 * their active jobs are ranked): the others' primary job cannot be in the district.
 */
const ACTIVE_IN_REGION = `AND e.person_id IN (
  SELECT r.person_id FROM employment r JOIN institution ri ON ri.id = r.institution_id
   WHERE (ri.region_code = $2 OR ri.zone_code = $2)
     AND r.start_date <= $1::date AND (r.end_date IS NULL OR r.end_date > $1::date))`;

/** A fixed past day, so the payload does not move with the calendar. */
export const HEADCOUNT_AS_OF = '2025-12-31';

/**
 * Headcount on a day in one statement: each person active that day once, under their primary employment (the
 * active one that started first; ties: lowest id); every team and occupation listed (zeros too, in the enum's
 * order, which is the API's), districts with anyone by code, each with everyone holding any active job there
 * (withAnyJob). GROUPING(team, occupation, region_code) tells the sets apart: 7 the total, 3 by team, 5 by
 * occupation, 6 by region.
 */
function headcountCase(name: string, regionCode: string | null): BenchCase {
  const args = regionCode ? `asOf: $asOf, regionCode: $region` : `asOf: $asOf`;
  const params = regionCode ? `$asOf: Date!, $region: String!` : `$asOf: Date!`;
  return {
    name,
    query: `query (${params}) { workforceHeadcount(${args}) { asOf regionCode total byTeam { team count } byOccupation { occupation count } byRegion { regionCode count withAnyJob } } }`,
    variables: regionCode ? { asOf: HEADCOUNT_AS_OF, region: regionCode } : { asOf: HEADCOUNT_AS_OF },
    async sql(client) {
      const { rows } = await client.query<{
        total: number;
        by_team: { team: string; count: number }[];
        by_occupation: { occupation: string; count: number }[];
        by_region: { regionCode: string; count: number; withAnyJob: number }[];
      }>(
        `WITH primary_job AS (
           SELECT DISTINCT ON (e.person_id) e.occupation, e.team, i.region_code, i.zone_code
             FROM employment e JOIN institution i ON i.id = e.institution_id
            WHERE e.start_date <= $1::date AND (e.end_date IS NULL OR e.end_date > $1::date)
              ${regionCode ? ACTIVE_IN_REGION : ''}
            ORDER BY e.person_id, e.start_date, e.id),
         g AS MATERIALIZED (
           SELECT GROUPING(team, occupation, region_code) AS set_id, team, occupation, region_code,
                  count(*)::int AS n
             FROM primary_job
            ${regionCode ? 'WHERE region_code = $2 OR zone_code = $2' : ''}
            GROUP BY GROUPING SETS ((), (team), (occupation), (region_code))),
         any_job AS (
           SELECT i.region_code, count(DISTINCT e.person_id)::int AS n
             FROM employment e JOIN institution i ON i.id = e.institution_id
            WHERE e.start_date <= $1::date AND (e.end_date IS NULL OR e.end_date > $1::date)
              ${regionCode ? 'AND (i.region_code = $2 OR i.zone_code = $2)' : ''}
            GROUP BY i.region_code)
         SELECT (SELECT n FROM g WHERE set_id = 7) AS total,
                (SELECT json_agg(json_build_object('team', t.v, 'count', coalesce(g.n, 0)) ORDER BY t.v)
                   FROM unnest(enum_range(NULL::team)) AS t(v) LEFT JOIN g ON g.set_id = 3 AND g.team = t.v) AS by_team,
                (SELECT json_agg(json_build_object('occupation', o.v, 'count', coalesce(g.n, 0)) ORDER BY o.v)
                   FROM unnest(enum_range(NULL::occupation)) AS o(v)
                   LEFT JOIN g ON g.set_id = 5 AND g.occupation = o.v) AS by_occupation,
                (SELECT coalesce(json_agg(json_build_object('regionCode', g.region_code, 'count', g.n,
                                                            'withAnyJob', a.n) ORDER BY g.region_code), '[]')
                   FROM g JOIN any_job a ON a.region_code = g.region_code WHERE g.set_id = 6) AS by_region`,
        regionCode ? [HEADCOUNT_AS_OF, regionCode] : [HEADCOUNT_AS_OF],
      );
      const r = rows[0];
      return {
        workforceHeadcount: {
          asOf: HEADCOUNT_AS_OF,
          regionCode,
          total: r.total,
          byTeam: r.by_team,
          byOccupation: r.by_occupation,
          byRegion: r.by_region,
        },
      };
    },
  };
}

/** A past year and a day in it, so that the payload does not move with the calendar. */
export const TRAINING_YEAR = 2025;
export const TRAINING_AS_OF = '2025-09-30';

/**
 * Training progress as of a date in one statement (DESIGN.md "Training person-sessions in year Y", "As of a date D"
 * and "The target used for a date D"): completed attendances of sessions ending in the year on or before asOf, in
 * total and by audience, region and month of the end date (GROUPING(audience, region_code, month): 7 the total, 3 by
 * audience, 5 by region, 6 by month); the TRAINING_PERSON_SESSIONS target of that year, else the nearest later, else
 * the latest earlier (city-wide for the city, only the region's own for a region: a count target never falls back);
 * expected to date counted from 1 January to asOf; on track null for a year after asOf's, and a note when there is
 * no target or the year has not started. Every audience (in the enum's order, the API's) and month listed, zeros
 * too; regions with any by code.
 */
function trainingProgressCase(name: string, regionCode: string | null): BenchCase {
  const args = regionCode ? `year: $year, regionCode: $region, asOf: $asOf` : `year: $year, asOf: $asOf`;
  const params = regionCode ? `$year: Int!, $region: String!, $asOf: Date!` : `$year: Int!, $asOf: Date!`;
  return {
    name,
    query: `query (${params}) { trainingProgress(${args}) { year asOf regionCode target note completedPersonSessions expectedToDate onTrack byAudience { audience count } byRegion { regionCode count } byMonth { month count } } }`,
    variables: regionCode
      ? { year: TRAINING_YEAR, region: regionCode, asOf: TRAINING_AS_OF }
      : { year: TRAINING_YEAR, asOf: TRAINING_AS_OF },
    async sql(client) {
      const { rows } = await client.query<{
        target: number | null;
        total: number;
        expected: number | null;
        started: boolean;
        by_audience: { audience: string; count: number }[];
        by_region: { regionCode: string; count: number }[];
        by_month: { month: number; count: number }[];
      }>(
        `WITH done AS (
           SELECT s.audience, s.region_code, extract(month FROM s.end_date)::int AS month
             FROM attendance a JOIN training_session s ON s.id = a.session_id
            WHERE a.completed
              AND s.end_date >= make_date($1::int, 1, 1) AND s.end_date < make_date($1::int + 1, 1, 1)
              AND s.end_date <= $2::date
              ${regionCode ? 'AND s.region_code = $3' : ''}),
         g AS MATERIALIZED (
           SELECT GROUPING(audience, region_code, month) AS set_id, audience, region_code, month, count(*)::int AS n
             FROM done
            GROUP BY GROUPING SETS ((), (audience), (region_code), (month))),
         t AS (
           SELECT value
             FROM target
            WHERE metric = 'TRAINING_PERSON_SESSIONS' AND ${regionCode ? 'region_code = $3' : 'region_code IS NULL'}
            ORDER BY year < $1::int, CASE WHEN year >= $1::int THEN year ELSE -year END
            LIMIT 1),
         d AS (
           -- Days of the year elapsed up to asOf (all for a year before asOf's, none for a later one), and in the year.
           SELECT CASE WHEN $1::int < extract(year FROM $2::date) THEN days
                       WHEN $1::int > extract(year FROM $2::date) THEN 0
                       ELSE $2::date - make_date($1::int, 1, 1) + 1 END AS elapsed, days
             FROM (SELECT make_date($1::int + 1, 1, 1) - make_date($1::int, 1, 1) AS days) x)
         SELECT (SELECT value::float8 FROM t) AS target,
                (SELECT n FROM g WHERE set_id = 7) AS total,
                (SELECT round(t.value * d.elapsed / d.days)::int FROM t, d) AS expected,
                $1::int <= extract(year FROM $2::date) AS started,
                (SELECT json_agg(json_build_object('audience', v.a, 'count', coalesce(g.n, 0)) ORDER BY v.a)
                   FROM unnest(enum_range(NULL::training_audience)) AS v(a)
                   LEFT JOIN g ON g.set_id = 3 AND g.audience = v.a) AS by_audience,
                (SELECT coalesce(json_agg(json_build_object('regionCode', region_code, 'count', n) ORDER BY region_code),
                                 '[]')
                   FROM g WHERE set_id = 5) AS by_region,
                (SELECT json_agg(json_build_object('month', m, 'count', coalesce(g.n, 0)) ORDER BY m)
                   FROM generate_series(1, 12) AS m LEFT JOIN g ON g.set_id = 6 AND g.month = m) AS by_month`,
        regionCode ? [TRAINING_YEAR, TRAINING_AS_OF, regionCode] : [TRAINING_YEAR, TRAINING_AS_OF],
      );
      const r = rows[0];
      const notes = [
        r.target === null ? (regionCode ? NO_TRAINING_TARGET.region : NO_TRAINING_TARGET.city) : null,
        r.started
          ? null
          : `${TRAINING_YEAR} has not started on ${TRAINING_AS_OF}, so it is neither on nor off track yet.`,
      ].filter((n) => n !== null);
      return {
        trainingProgress: {
          year: TRAINING_YEAR,
          asOf: TRAINING_AS_OF,
          regionCode,
          target: r.target,
          note: notes.length ? notes.join(' ') : null,
          completedPersonSessions: r.total ?? 0,
          expectedToDate: r.expected,
          onTrack: r.expected === null || !r.started ? null : (r.total ?? 0) >= r.expected,
          byAudience: r.by_audience,
          byRegion: r.by_region,
          byMonth: r.by_month,
        },
      };
    },
  };
}

/**
 * The signed-in volunteer's balances (DESIGN.md time bank), as the portal reads them: the stored balances of its
 * TIME and POINTS accounts. The raw side finds the volunteer by the account's username (the portal by the token's
 * user id, after reading the account), in one round trip.
 */
const myTimeBank: BenchCase = {
  name: 'myTimeBank',
  account: BENCH_VOLUNTEER_USERNAME,
  query: '{ myTimeBank { timeBalanceMinutes pointsBalance } }',
  async sql(client) {
    const { rows } = await client.query<{ time: number; points: number }>(
      `SELECT max(a.balance) FILTER (WHERE a.currency = 'TIME')::float8 AS time,
              max(a.balance) FILTER (WHERE a.currency = 'POINTS')::float8 AS points
         FROM app_user u JOIN volunteer v ON v.user_id = u.id JOIN ledger_account a ON a.volunteer_id = v.id
        WHERE u.username = $1
        GROUP BY v.id`,
      [BENCH_VOLUNTEER_USERNAME],
    );
    return { myTimeBank: { timeBalanceMinutes: rows[0].time, pointsBalance: rows[0].points } };
  },
};

const ENTRIES_PAGE = 20;

/**
 * The first page of the same volunteer's statement: every posting on its two accounts, newest (highest id) first,
 * with its journal's note, and the total. The raw side: one round trip, the total and the page plus one row.
 */
const myTimeBankEntries: BenchCase = {
  name: 'myTimeBank-entries',
  account: BENCH_VOLUNTEER_USERNAME,
  query: `{ myTimeBank { entries(first: ${ENTRIES_PAGE}) { totalCount edges { cursor node { journalId kind currency amount balanceAfter at note } } pageInfo { hasNextPage endCursor } } } }`,
  async sql(client) {
    // The note is worded from the line's facts (src/timebank/statement-note.ts, in the portal's default language,
    // Chinese): the facts of the journal a line shows (the reversed one, for a reversal), read in the same statement,
    // the site's name included.
    const { rows } = await client.query<StatementRow>(
      `WITH mine AS (
         SELECT a.id, a.volunteer_id FROM app_user u JOIN volunteer v ON v.user_id = u.id
           JOIN ledger_account a ON a.volunteer_id = v.id
          WHERE u.username = $1)
       SELECT c.total_count, pg.*
         FROM (SELECT count(*)::int AS total_count FROM posting WHERE account_id IN (SELECT id FROM mine)) c
         LEFT JOIN LATERAL (
                SELECT p.id, p.journal_id, p.kind, p.currency, p.amount::float8 AS amount,
                       p.balance_after::float8 AS balance_after, p.created_at, j.note,
                       coalesce(o.kind, j.kind) AS journal_kind, j.kind = 'REVERSAL' AS reversal,
                       f.category, f.service_date, f.minutes, f.site_name, f.counterparty, f.relationship,
                       f.reward_name, f.reward_quantity
                  FROM posting p JOIN mine a ON a.id = p.account_id
                  JOIN journal j ON j.id = p.journal_id
                  LEFT JOIN journal o ON o.id = j.reverses_journal_id
                  LEFT JOIN LATERAL (${STATEMENT_FACTS}) f ON true
                 ORDER BY p.id DESC
                 LIMIT $2
              ) pg ON true`,
      [BENCH_VOLUNTEER_USERNAME, ENTRIES_PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    const edges = found.slice(0, ENTRIES_PAGE).map((r) => {
      const note = statementNote({
        kind: r.kind as EntryKind,
        amount: r.amount,
        journalKind: r.journal_kind as JournalKind,
        reversal: r.reversal,
        personNote: r.note,
        counterpartyName: r.counterparty,
        relationship: r.relationship as Relationship | null,
        siteName: r.site_name,
        category: r.category as ServiceCategory | null,
        serviceDate: r.service_date,
        serviceMinutes: r.minutes,
        rewardName: r.reward_name,
        rewardQuantity: r.reward_quantity,
      });
      return {
        cursor: encodeCursor([r.id!]),
        node: {
          journalId: r.journal_id,
          kind: r.kind,
          currency: r.currency,
          amount: r.amount,
          balanceAfter: r.balance_after,
          at: r.created_at.toISOString(),
          note: note ? word(note, DEFAULT_LANG) : null,
        },
      };
    });
    return {
      myTimeBank: {
        entries: {
          totalCount: rows[0].total_count,
          edges,
          pageInfo: {
            hasNextPage: found.length > ENTRIES_PAGE,
            endCursor: edges.length ? edges[edges.length - 1].cursor : null,
          },
        },
      },
    };
  },
};

interface StatementRow {
  total_count: number;
  id: string | null;
  journal_id: string;
  kind: string;
  currency: string;
  amount: number;
  balance_after: number;
  created_at: Date;
  note: string | null;
  journal_kind: string;
  reversal: boolean;
  category: string | null;
  service_date: string | null;
  minutes: number | null;
  site_name: string | null;
  counterparty: string | null;
  relationship: string | null;
  reward_name: string | null;
  reward_quantity: number | null;
}

/**
 * One line's facts, for posting `p` of account `a` in journal `j` (reversing `o`, if it is a reversal): the service
 * (category, date, minutes, site), the care (site, relative), the other party of a transfer, the reward.
 */
const STATEMENT_FACTS = `
  WITH src AS (SELECT coalesce(j.reverses_journal_id, j.id) AS id, coalesce(o.kind, j.kind) AS kind)
  SELECT s.category::text, to_char(s.service_date, 'YYYY-MM-DD') AS service_date, s.minutes,
         coalesce(si.name, ci.name) AS site_name,
         CASE WHEN src.kind = 'TRANSFER' THEN tp.name ELSE cr.rel_name END AS counterparty,
         CASE WHEN src.kind = 'TRANSFER' THEN trel.relationship::text ELSE cr.relationship::text END AS relationship,
         CASE WHEN src.kind = 'REWARD' THEN coalesce(rw.name, rrw.name) END AS reward_name,
         CASE WHEN src.kind = 'REWARD'
              THEN coalesce(coalesce(o.reward_quantity, j.reward_quantity), rr.quantity) END AS reward_quantity
    FROM src
    LEFT JOIN service_record s ON src.kind = 'SERVICE_CREDIT' AND s.journal_id = src.id
    LEFT JOIN institution si ON si.id = s.institution_id
    LEFT JOIN LATERAL (
           SELECT r.institution_id, rel.name AS rel_name, rel.relationship
             FROM care_redemption r LEFT JOIN relative rel ON rel.id = r.relative_id
            WHERE src.kind IN ('REDEMPTION', 'REDEMPTION_REFUND') AND (r.journal_id = src.id OR r.refund_journal_id = src.id)
            ORDER BY r.journal_id = src.id DESC LIMIT 1) cr ON true
    LEFT JOIN institution ci ON ci.id = cr.institution_id
    LEFT JOIN LATERAL (
           SELECT pe.name, pe.id_number_hash FROM posting op
             JOIN ledger_account oa ON oa.id = op.account_id JOIN volunteer ov ON ov.id = oa.volunteer_id
             JOIN person pe ON pe.id = ov.person_id
            WHERE src.kind = 'TRANSFER' AND op.journal_id = src.id AND oa.volunteer_id <> a.volunteer_id LIMIT 1) tp ON true
    LEFT JOIN LATERAL (
           SELECT rel.relationship FROM relative rel
            WHERE rel.volunteer_id = a.volunteer_id AND rel.id_number_hash = tp.id_number_hash LIMIT 1) trel ON true
    LEFT JOIN reward rw ON src.kind = 'REWARD' AND rw.id = coalesce(o.reward_id, j.reward_id)
    LEFT JOIN reward_redemption rr ON src.kind = 'REWARD' AND rr.journal_id = src.id
    LEFT JOIN reward rrw ON rrw.id = rr.reward_id`;

/** Run in this order; `npm run bench -- <name>...` picks some. Later issues add theirs here. */
export const CASES: BenchCase[] = [
  regions,
  institutions,
  people,
  headcountCase('workforceHeadcount', null),
  headcountCase('workforceHeadcount-district', PEOPLE_REGION),
  trainingProgressCase('trainingProgress', null),
  trainingProgressCase('trainingProgress-district', PEOPLE_REGION),
  myTimeBank,
  myTimeBankEntries,
  ...PLANNING_CASES,
];
