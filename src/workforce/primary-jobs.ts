import { primaryJobsOn } from '../common/counting-rules.js';

/**
 * Each person's primary employment on a date (DESIGN.md), narrowed to people with an active job in a region or
 * zone: the rule lives in common/counting-rules.ts (primaryJobsOn); this name stays for the callers that use it.
 *
 * @param date SQL for the date, e.g. `$1::date`
 * @param region SQL for a region or zone code, e.g. `$2::varchar`, to narrow the people ranked
 */
export const primaryJobsSql = (date: string, region?: string): string => primaryJobsOn(date, { region });
