/**
 * The counting rules planners quote (DESIGN.md "Counting rules"), as SQL fragments: the one place besides
 * repositories and read models where their SQL is written, so that a change to a rule is one change here. Each
 * function takes SQL for its operands (a table alias such as `e`, a parameter such as `$1::date`) chosen by the
 * calling code, never user input, and returns SQL text. Each is pinned by a test on a tiny table
 * (counting-rules.spec.ts).
 */

/**
 * "Talent headcount on date D: distinct persons with at least one employment where start <= D and (end is null or
 * end > D)." An employment `e` is active on `date`.
 */
export const employmentActiveOn = (e: string, date: string): string =>
  `(${e}.start_date <= ${date} AND (${e}.end_date IS NULL OR ${e}.end_date > ${date}))`;

/**
 * The same rule over a span: employment `e` is active on at least one day D with `from` <= D <= `to` (so anyone
 * counted on some day of the span is among the people it selects).
 */
export const employmentActiveDuring = (e: string, from: string, to: string): string =>
  `(${e}.start_date <= ${to} AND (${e}.end_date IS NULL OR ${e}.end_date > greatest(${e}.start_date, ${from})))`;

/**
 * "The active one that started first (ties: lowest id)": ORDER BY terms that put a person's primary employment `e`
 * first among their active ones (after DISTINCT ON the person, and the day when there are several).
 */
export const primaryJobOrder = (e: string): string => `${e}.start_date, ${e}.id`;

export interface PrimaryJobNarrowing {
  /** SQL for a district, county or zone code: only people with an active job there are ranked. */
  region?: string;
  /** SQL for an occupation: only people with an active job of that occupation are ranked. */
  occupation?: string;
}

/**
 * "A person's primary employment on D is the active one that started first (ties: lowest id); district and team
 * breakdowns use it, so breakdowns add up to the total." One row per person active on `date`: person_id, occupation,
 * team, region_code, zone_code and institution_type (of the institution). Narrowing only drops people who cannot
 * count where the caller looks (their primary job may still be elsewhere; nobody else's can be there), which keeps
 * the ranking small.
 */
export function primaryJobsOn(date: string, narrow: PrimaryJobNarrowing = {}): string {
  const conditions = [employmentActiveOn('e', date)];
  if (narrow.region) {
    conditions.push(`e.person_id IN (
         SELECT r.person_id FROM employment r JOIN institution ri ON ri.id = r.institution_id
          WHERE (ri.region_code = ${narrow.region} OR ri.zone_code = ${narrow.region}) AND ${employmentActiveOn('r', date)})`);
  }
  if (narrow.occupation) {
    conditions.push(`e.person_id IN (
         SELECT o.person_id FROM employment o
          WHERE o.occupation::text = ${narrow.occupation} AND ${employmentActiveOn('o', date)})`);
  }
  return `SELECT DISTINCT ON (e.person_id) e.person_id, e.occupation, e.team, i.region_code, i.zone_code,
                 i.type AS institution_type
            FROM employment e JOIN institution i ON i.id = e.institution_id
           WHERE ${conditions.join(' AND ')}
           ORDER BY e.person_id, ${primaryJobOrder('e')}`;
}

/**
 * "Status on a date is derived: REVOKED from the revocation date, EXPIRED after expiry, else VALID." Certificate `c`
 * is valid on `date`: issued by then, not revoked on or before it, not expired before it.
 */
export const certificateValidOn = (c: string, date: string): string =>
  `(${c}.issued_on <= ${date} AND (${c}.revoked_on IS NULL OR ${c}.revoked_on > ${date}) ` +
  `AND (${c}.expires_on IS NULL OR ${c}.expires_on >= ${date}))`;

/**
 * "Training person-sessions in year Y: completed attendances of sessions that end in year Y" and, as of a date D,
 * "sessions ending in D's year up to D". Session `s` counts in `year` as of `asOf`: it ends in that year, on or
 * before asOf (a year after asOf's has none yet; a year before it, all of them).
 */
export const sessionCountsIn = (s: string, year: string, asOf: string): string =>
  `(${sessionEndsIn(s, year)} AND ${s}.end_date <= ${asOf})`;

/** Session `s` ends in `year` (SQL for an int): the year its completed attendances count in. */
export const sessionEndsIn = (s: string, year: string): string =>
  `(${s}.end_date >= make_date(${year}, 1, 1) AND ${s}.end_date < make_date(${year} + 1, 1, 1))`;

/** "One person at three sessions is three person-sessions": each completed attendance `a` is one. */
export const personSession = (a: string): string => `${a}.completed`;

/**
 * "As of a date D ... time-bank flows count journals posted up to the end of D": the instant D ends in Asia/Shanghai
 * (midnight of the next day there), as a timestamptz. Something posted at `t` counts as of D when t < this.
 */
export const endOfDay = (date: string): string => `((${date})::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

/**
 * "The target used for a date D: the one for D's year if it exists, otherwise the nearest later year, otherwise the
 * latest earlier year." ORDER BY terms for target rows `t` against `year` (SQL for an int): the first row wins.
 */
export const targetYearPreference = (t: string, year: string): string =>
  `${t}.year < ${year}, CASE WHEN ${t}.year >= ${year} THEN ${t}.year ELSE -${t}.year END`;

/**
 * "Count metrics (TALENT_HEADCOUNT, TRAINING_PERSON_SESSIONS) never fall back from the city to a region": target
 * row `t` is one of the region's own (`region` SQL for a code), or with `region` null at run time the city's.
 */
export const countTargetOf = (t: string, region: string): string => `${t}.region_code IS NOT DISTINCT FROM ${region}`;

/**
 * "Ratio metrics ... a region without its own target is held to the city's; a region's own target overrides the
 * city's for the same year": target row `t` applies to `region` (SQL for a code) when it is the region's own or the
 * city's; order by `ratioTargetOwnFirst` after targetYearPreference so that at the chosen year the region's own wins.
 */
export const ratioTargetOf = (t: string, region: string): string =>
  `(${t}.region_code IS NULL OR ${t}.region_code = ${region})`;
export const ratioTargetOwnFirst = (t: string): string => `${t}.region_code IS NULL`;
