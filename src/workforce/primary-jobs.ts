/**
 * SQL for the counting rule planners quote (DESIGN.md): each person's primary employment on a date, i.e. the active
 * one (start <= D < end) that started first, ties to the lowest id. Columns: person_id, occupation, team,
 * region_code, zone_code (of the institution). With a region parameter, only people with an active job in that
 * district or zone are ranked (their primary job may still be elsewhere; nobody else's can be there).
 *
 * @param date SQL for the date, e.g. `$1::date`
 * @param region SQL for a region or zone code, e.g. `$2::varchar`, to narrow the people ranked
 */
export function primaryJobsSql(date: string, region?: string): string {
  const inRegion = region
    ? `AND e.person_id IN (
         SELECT r.person_id FROM employment r JOIN institution ri ON ri.id = r.institution_id
          WHERE (ri.region_code = ${region} OR ri.zone_code = ${region})
            AND r.start_date <= ${date} AND (r.end_date IS NULL OR r.end_date > ${date}))`
    : '';
  return `SELECT DISTINCT ON (e.person_id) e.person_id, e.occupation, e.team, i.region_code, i.zone_code
            FROM employment e JOIN institution i ON i.id = e.institution_id
           WHERE e.start_date <= ${date} AND (e.end_date IS NULL OR e.end_date > ${date}) ${inRegion}
           ORDER BY e.person_id, e.start_date, e.id`;
}
