import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError, type InputProblems } from './errors.js';
import { type Msg, msg } from '../i18n/i18n.js';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * What is wrong with a date a person sent, in their words, or null: not written YYYY-MM-DD, or written so but a day
 * that does not exist ("2026-02-30"). `field` names the field as the user knows it (`msg('field.startDate')`).
 */
export function dateProblem(field: Msg, value: unknown): Msg | null {
  if (isIsoDate(value)) return null;
  if (typeof value === 'string' && SHAPE.test(value)) return msg('value.dateNotExist', { field, value });
  return msg('value.dateFormat', { field });
}

/** A span of dates in words: "from 2024-01-01", "from 2024-01-01 to 2025-06-30". */
export const period = (from: string, to: string | null): Msg =>
  to ? msg('value.periodFromTo', { from, to }) : msg('value.periodFrom', { from });

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "Today" for the portal: the calendar date in Asia/Shanghai (DESIGN.md), as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghai.format(now);
}

/**
 * The day a figure is for: `asOfArg`, or today (Asia/Shanghai) when none was sent. What is wrong with it goes into
 * `problems` on `asOf` (not a date, after today, before `earliest`; `tooEarly` says the last), for the caller to
 * throw with its other problems.
 */
export function asOfOrToday(
  asOfArg: string | undefined,
  problems: InputProblems,
  earliest: string,
  tooEarly: Msg = msg('planning.asofMustNotBeBefore', { earliest }),
): string {
  const today = todayInShanghai();
  const asOf = asOfArg ?? today;
  problems.check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!);
  problems.check(asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }));
  problems.check(asOf >= earliest, 'asOf', tooEarly);
  return asOf;
}

/** YYYY-MM-DD plus (or minus) whole days. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus whole years; 29 February falls back to 28 February in a common year. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * Input: any string. Whether it is a real date is checked by the operation that takes it, with the field named, so a
 * batch reports a bad date as that row's error instead of failing the whole request (DESIGN.md batch conventions).
 */
function parse(value: unknown): string {
  if (typeof value !== 'string') throw new BadUserInputError(msg('value.dateNotString'));
  return value;
}

/** A calendar date without time or zone, serialised as YYYY-MM-DD; kept as that string inside the portal. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (!isIsoDate(value)) throw new Error('Date value is not a calendar date');
    return value;
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new BadUserInputError(msg('value.dateNotString'));
    return ast.value;
  },
});
