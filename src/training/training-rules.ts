import { type Msg, msg, fieldName } from '../i18n/i18n.js';
import { addYears, isIsoDate } from '../common/dates.js';
import type { FieldProblem } from '../common/errors.js';
import { isValidResidentId, normalizeResidentId } from '../common/validation/resident-id.js';
import { checkName, normalizeName } from '../workforce/persons.js';
import { MAX_CAPACITY, MAX_HOURS, MAX_TITLE_LENGTH } from './training.model.js';

/** Sessions before this are surely typos. */
export const EARLIEST_SESSION_DATE = '2000-01-01';
/** Sessions may be planned up to this many years ahead. */
export const SESSION_YEARS_AHEAD = 2;

export interface SessionFields {
  title: string;
  startDate: string;
  endDate: string;
  hours: number;
  capacity: number;
}

/** Whether a number has at most one decimal (2.5 yes, 2.55 no), allowing for binary floating point. */
export const hasAtMostOneDecimal = (n: number) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-6;

/** Every problem of a new session's fields that needs no database (the region is checked by the caller). */
export function checkSessionFields(input: SessionFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: Msg) => problems.push({ field, message });
  const title = input.title.trim();
  if (title.length < 1 || title.length > MAX_TITLE_LENGTH) {
    add('title', msg('training.titleMustBeCharactersNot', { max: MAX_TITLE_LENGTH }));
  }
  const latest = addYears(today, SESSION_YEARS_AHEAD);
  const checkDate = (field: 'startDate' | 'endDate') => {
    const value = input[field];
    if (!isIsoDate(value)) add(field, msg('certification.mustBeADateWritten', { field: fieldName(field) }));
    else if (value < EARLIEST_SESSION_DATE)
      add(field, msg('training.mustNotBeBefore', { field: fieldName(field), earliest: EARLIEST_SESSION_DATE }));
    else if (value > latest) add(field, msg('training.mustNotBeAfterTwo', { field: fieldName(field), latest }));
  };
  checkDate('startDate');
  checkDate('endDate');
  if (isIsoDate(input.startDate) && isIsoDate(input.endDate) && input.endDate < input.startDate) {
    add('endDate', msg('training.enddateMustNotBeBefore'));
  }
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > MAX_HOURS) {
    add('hours', msg('training.hoursMustBeMoreThan', { max: MAX_HOURS }));
  } else if (!hasAtMostOneDecimal(input.hours)) {
    add('hours', msg('training.hoursMustHaveAtMost'));
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) {
    add('capacity', msg('training.capacityMustBe', { max: MAX_CAPACITY }));
  }
  return problems;
}

export interface AttendanceRowInput {
  idNumber: string;
  name: string;
  completed: boolean;
}

/** A row that passed every check that needs no database: ID number and name normalised. */
export interface PreparedAttendance {
  idNumber: string;
  name: string;
  completed: boolean;
}

/** Every problem of one attendance row that can be found without the database, and the normalised row if none. */
export function checkAttendanceRow(input: AttendanceRowInput): {
  problems: FieldProblem[];
  prepared: PreparedAttendance | null;
} {
  const problems: FieldProblem[] = [];
  const idValid = typeof input.idNumber === 'string' && isValidResidentId(input.idNumber);
  if (!idValid) {
    problems.push({
      field: 'idNumber',
      message: msg('workforce.idnumberIsNotAValid'),
    });
  }
  const name = normalizeName(String(input.name ?? ''));
  const nameProblem = checkName(name);
  if (nameProblem) problems.push({ field: 'name', message: nameProblem });
  if (typeof input.completed !== 'boolean')
    problems.push({ field: 'completed', message: msg('training.completedBoolean') });
  if (problems.length > 0) return { problems, prepared: null };
  return { problems, prepared: { idNumber: normalizeResidentId(input.idNumber), name, completed: input.completed } };
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number) => (isLeap(year) ? 366 : 365);

/** Days of `year` from 1 January to `today` inclusive: all of them for a past year, none for a future one. */
export function daysElapsed(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (year < current) return daysInYear(year);
  if (year > current) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

/** round(target x days elapsed / days in the year) (DESIGN.md); null without a target. */
export function expectedToDate(target: number | null, year: number, today: string): number | null {
  if (target === null) return null;
  return Math.round((target * daysElapsed(year, today)) / daysInYear(year));
}

/**
 * The target pro-rated to the last day of `month` (1-12) by the same rule as expectedToDate: what a planner expects
 * done by the end of that month. Null without a target.
 */
export function expectedByMonthEnd(target: number | null, year: number, month: number): number | null {
  const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return expectedToDate(target, year, lastDay);
}
