/**
 * Statutory retirement ages (the forecast's default). The NPC Standing Committee's decision of 13 September 2024
 * raises them gradually from 1 January 2025, by birth month: men from 60 toward 63 and women in posts that retired
 * at 55 from 55 toward 58, one month later for each four-month birth cohort (men born January-April 1965 retire at
 * 60 years 1 month, May-August 1965 at 60 years 2 months, ..., 63 from September 1976 on; women born January-April
 * 1970 at 55 years 1 month, ..., 58 from September 1981 on). Women who retired at 50 (by one month every two months
 * toward 55) are not told apart in the registry: the forecast starts women at 55, as DESIGN.md says.
 */

export type Sex = 'MALE' | 'FEMALE';

interface Track {
  /** Statutory age before the reform, in years. */
  base: number;
  /** The first birth month (as year x 12 + month - 1) whose retirement is later. */
  firstCohort: number;
  /** Birth months per cohort: each later cohort retires one month later. */
  cohortMonths: number;
  /** Most months added. */
  maxMonths: number;
}

const TRACKS: Record<Sex, Track> = {
  MALE: { base: 60, firstCohort: 1965 * 12, cohortMonths: 4, maxMonths: 36 },
  FEMALE: { base: 55, firstCohort: 1970 * 12, cohortMonths: 4, maxMonths: 36 },
};

/** The statutory retirement age of someone born on `birthDate` (YYYY-MM-DD), in months. */
export function statutoryRetirementMonths(sex: Sex, birthDate: string): number {
  const t = TRACKS[sex];
  const born = Number(birthDate.slice(0, 4)) * 12 + Number(birthDate.slice(5, 7)) - 1;
  if (born < t.firstCohort) return t.base * 12;
  return t.base * 12 + Math.min(t.maxMonths, Math.floor((born - t.firstCohort) / t.cohortMonths) + 1);
}

/** `date` plus whole months, the day kept or, past the month's end, its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day someone reaches retirement age: at the age given (whole years, for everyone of that sex) or else by the
 * statutory schedule.
 */
export function retirementDate(sex: Sex, birthDate: string, givenAgeYears?: number | null): string {
  const months = givenAgeYears != null ? givenAgeYears * 12 : statutoryRetirementMonths(sex, birthDate);
  return addMonths(birthDate, months);
}
