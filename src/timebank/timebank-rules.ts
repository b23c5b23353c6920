import { createHash } from 'node:crypto';
import { BadUserInputError } from '../common/errors.js';
import type { TimeBankRules } from '../config/config.js';

/** What verifying one service record credits, given what the same volunteer already had counted that day. */
export interface ServiceCredit {
  /** Service minutes beyond the daily cap: shown on the record, never credited. */
  uncreditedMinutes: number;
  /** TIME credited for the counted minutes. */
  creditedMinutes: number;
  /** The part of the credit the account keeps; the rest (above the storage cap) goes to the public pool. */
  keptMinutes: number;
  overflowMinutes: number;
  points: number;
}

/**
 * The DESIGN.md crediting rule: the daily cap applies per service date to service minutes; the credit is
 * floor(counted minutes x credit per hour / 60); points are floor(credited minutes x points per hour / 60); whatever
 * would take the balance above the storage cap goes to the public pool.
 */
export function serviceCredit(
  rules: TimeBankRules,
  minutes: number,
  countedThatDay: number,
  timeBalance: number,
): ServiceCredit {
  const counted = Math.min(minutes, Math.max(0, rules.dailyCapMinutes - countedThatDay));
  const creditedMinutes = Math.floor((counted * rules.creditMinutesPerHour) / 60);
  const keptMinutes = Math.min(creditedMinutes, Math.max(0, rules.storageCapMinutes - timeBalance));
  return {
    uncreditedMinutes: minutes - counted,
    creditedMinutes,
    keptMinutes,
    overflowMinutes: creditedMinutes - keptMinutes,
    points: Math.floor((creditedMinutes * rules.pointsPerHour) / 60),
  };
}

/** Whole years of age on `date`. */
export function ageOn(birthDate: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (date.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** The fingerprint of a retryable request: the operation and its input without the idempotency key. */
export function requestHash(operation: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => [k, rest[k] ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical]))
    .digest('hex');
}

/** Longest free text the time bank keeps (notes, reasons). */
export const MAX_TEXT = 500;

/** A required reason: trimmed, 1-500 characters, else BAD_USER_INPUT on `reason`. */
export function requiredReason(reason: string): string {
  const why = reason.trim();
  if (why.length < 1 || why.length > MAX_TEXT) {
    throw BadUserInputError.field('reason', `reason must be 1-${MAX_TEXT} characters`);
  }
  return why;
}
