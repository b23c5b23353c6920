import { createHash, randomBytes } from 'node:crypto';
import { BadUserInputError, type InputProblems } from '../common/errors.js';
import type { TimeBankRules } from '../config/config.js';
import { Relationship } from './timebank.enums.js';
import { fieldName, type Msg, msg } from '../i18n/i18n.js';

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
    throw BadUserInputError.field('reason', msg('timebank.reasonMustBeCharacters', { max: MAX_TEXT }));
  }
  return why;
}

const MAX_KEY = 100;
/** More than any account may hold: a sanity bound for amounts, far below 2^31. */
const MAX_MINUTES = 100_000_000;

/** An amount of TIME moved by a request: whole minutes, more than none, within the sanity bound. */
export function checkMinutes(problems: InputProblems, minutes: number, field = 'minutes'): void {
  problems.check(
    Number.isInteger(minutes) && minutes > 0 && minutes <= MAX_MINUTES,
    field,
    msg('timebank.mustBeAWholeNumber', { field: fieldName(field) }),
  );
}

/** A client's idempotency key: 1-100 characters, no surrounding spaces. */
export function checkKey(problems: InputProblems, key: string): void {
  problems.check(
    key.length >= 1 && key.length <= MAX_KEY && key.trim() === key,
    'idempotencyKey',
    msg('timebank.idempotencykeyMustBeCharactersWithout', { max: MAX_KEY }),
  );
}

/** How much older (positive) or younger (negative) than the volunteer a relative of each kind must be, in years. */
const AGE_GAP: Partial<Record<Relationship, number>> = {
  [Relationship.PARENT]: 14,
  [Relationship.CHILD]: -14,
  [Relationship.GRANDPARENT]: 28,
  [Relationship.GRANDCHILD]: -28,
};
/** The youngest a spouse may be. */
export const MIN_SPOUSE_AGE = 18;

/**
 * Why a stated relationship cannot be true given both birth dates, or null when it can: a parent at least 14 years
 * older than the volunteer, a child at least 14 years younger, a grandparent 28 older, a grandchild 28 younger, a
 * spouse aged 18 or over today; a sibling of any age.
 */
export function implausibleRelationship(
  relationship: Relationship,
  volunteerBirthDate: string,
  relativeBirthDate: string,
  today: string,
): Msg | null {
  if (relationship === Relationship.SPOUSE) {
    return ageOn(relativeBirthDate, today) >= MIN_SPOUSE_AGE
      ? null
      : msg('timebank.spouseAge', { min: MIN_SPOUSE_AGE });
  }
  const gap = AGE_GAP[relationship];
  if (gap === undefined) return null;
  return gap > 0
    ? ageOn(relativeBirthDate, volunteerBirthDate) >= gap
      ? null
      : msg('timebank.relativeOlder', { relationship: msg(`relationship.${relationship}`), years: gap })
    : ageOn(volunteerBirthDate, relativeBirthDate) >= -gap
      ? null
      : msg('timebank.relativeYounger', { relationship: msg(`relationship.${relationship}`), years: -gap });
}

/** Collection codes: no look-alikes (0/O, 1/I/L); 32 characters, so a random byte maps onto them without bias. */
export const REWARD_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REWARD_CODE_LENGTH = 6;

/** A fresh collection code from `bytes` (random by default). */
export function rewardCode(bytes: Uint8Array = randomBytes(REWARD_CODE_LENGTH)): string {
  return Array.from(bytes.subarray(0, REWARD_CODE_LENGTH), (b) => REWARD_CODE_ALPHABET[b % 32]).join('');
}

/** A code as a person types it (spaces, lower case) in its stored form, or null when it cannot be one. */
export function normalizeRewardCode(code: string): string | null {
  const c = code.replace(/\s+/g, '').toUpperCase();
  return c.length === REWARD_CODE_LENGTH && [...c].every((ch) => REWARD_CODE_ALPHABET.includes(ch)) ? c : null;
}
