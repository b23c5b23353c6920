import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { TimeBankRules } from '../config/config.js';
import { Relationship } from './timebank.enums.js';
import {
  ageOn,
  implausibleRelationship,
  normalizeRewardCode,
  REWARD_CODE_ALPHABET,
  requestHash,
  rewardCode,
  serviceCredit,
} from './timebank-rules.js';
import { word } from '../i18n/i18n.js';

const RULES: TimeBankRules = {
  creditMinutesPerHour: 60,
  pointsPerHour: 10,
  dailyCapMinutes: 480,
  storageCapMinutes: 90_000,
  redeemMinAge: 60,
  logWindowDays: 90,
};

describe('time-bank rules', () => {
  it('credits service under the daily cap, points floored, the excess over the storage cap to the pool', () => {
    expect(serviceCredit(RULES, 90, 0, 0)).toEqual({
      uncreditedMinutes: 0,
      creditedMinutes: 90,
      keptMinutes: 90,
      overflowMinutes: 0,
      points: 15,
    });
    // 300 already counted that day: 180 of 300 count.
    expect(serviceCredit(RULES, 300, 300, 0)).toMatchObject({
      uncreditedMinutes: 120,
      creditedMinutes: 180,
      points: 30,
    });
    expect(serviceCredit(RULES, 50, 0, 0).points).toBe(8);
    expect(serviceCredit(RULES, 5, 0, 0).points).toBe(0);
    expect(serviceCredit(RULES, 100, 480, 0)).toMatchObject({ uncreditedMinutes: 100, creditedMinutes: 0, points: 0 });
    expect(serviceCredit(RULES, 120, 0, 89_950)).toMatchObject({ keptMinutes: 50, overflowMinutes: 70, points: 20 });
    // Already above the cap (a transfer or refund took it there): everything new goes to the pool.
    expect(serviceCredit(RULES, 60, 0, 95_000)).toMatchObject({ keptMinutes: 0, overflowMinutes: 60 });
    expect(serviceCredit({ ...RULES, creditMinutesPerHour: 90, pointsPerHour: 12 }, 50, 0, 0)).toMatchObject({
      creditedMinutes: 75,
      points: 15,
    });
  });

  it('never credits more than the cap allows in a day or splits a credit into more than it is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1440 }),
        fc.integer({ min: 0, max: 1440 }),
        fc.integer({ min: 0, max: 100_000 }),
        (minutes, counted, balance) => {
          const c = serviceCredit(RULES, minutes, counted, balance);
          expect(minutes - c.uncreditedMinutes).toBeLessThanOrEqual(Math.max(0, RULES.dailyCapMinutes - counted));
          expect(c.uncreditedMinutes).toBeGreaterThanOrEqual(0);
          expect(c.keptMinutes + c.overflowMinutes).toBe(c.creditedMinutes);
          expect(c.keptMinutes).toBeGreaterThanOrEqual(0);
          expect(Math.max(balance, balance + c.keptMinutes)).toBeLessThanOrEqual(
            Math.max(balance, RULES.storageCapMinutes),
          );
          expect(c.points).toBe(Math.floor((c.creditedMinutes * 10) / 60));
        },
      ),
    );
  });

  it('counts age in whole years from the birth date, 29 February included', () => {
    expect(ageOn('1964-03-15', '2026-03-14')).toBe(61);
    expect(ageOn('1964-03-15', '2026-03-15')).toBe(62);
    expect(ageOn('1966-11-28', '2026-11-28')).toBe(60);
    expect(ageOn('1966-11-29', '2026-11-28')).toBe(59);
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
  });

  it('fingerprints a request by its operation and input, not by its key or the order of fields', () => {
    const a = requestHash('redeemTime', { minutes: 30, institutionId: 'x', idempotencyKey: 'k1' });
    expect(requestHash('redeemTime', { institutionId: 'x', minutes: 30, idempotencyKey: 'k2' })).toBe(a);
    expect(requestHash('redeemTime', { institutionId: 'x', minutes: 31, idempotencyKey: 'k1' })).not.toBe(a);
    expect(requestHash('transferCredits', { minutes: 30, institutionId: 'x' })).not.toBe(a);
  });

  describe('a relative’s stated relationship against both birth dates', () => {
    const V = '1964-03-15'; // the volunteer
    const TODAY = '2026-12-07';
    const ok = (r: Relationship, relative: string) => implausibleRelationship(r, V, relative, TODAY) === null;

    it.each([
      [Relationship.PARENT, '1950-03-15', '1950-03-16'], // exactly 14 years older; a day short
      [Relationship.GRANDPARENT, '1936-03-15', '1936-03-16'], // exactly 28; a day short
      [Relationship.CHILD, '1978-03-15', '1978-03-14'], // exactly 14 younger; a day short
      [Relationship.GRANDCHILD, '1992-03-15', '1992-03-14'], // exactly 28 younger; a day short
      [Relationship.SPOUSE, '2008-12-07', '2008-12-08'], // 18 today; a day short
    ])('%s: accepts %s, refuses %s', (relationship, accepted, refused) => {
      expect(ok(relationship, accepted)).toBe(true);
      expect(ok(relationship, refused)).toBe(false);
    });

    it('refuses a grandparent of 36 for a volunteer of 62 (the issue’s case) and accepts a sibling of any age', () => {
      expect(word(implausibleRelationship(Relationship.GRANDPARENT, V, '1990-06-01', TODAY)!, 'en')).toMatch(
        /28 years older/,
      );
      for (const b of ['1930-01-01', '1964-03-15', '2010-01-01']) expect(ok(Relationship.SIBLING, b)).toBe(true);
    });

    it('counts a parent born on 29 February like any other birthday', () => {
      expect(implausibleRelationship(Relationship.PARENT, '2014-02-28', '2000-02-29', TODAY)).not.toBeNull();
      expect(implausibleRelationship(Relationship.PARENT, '2014-03-01', '2000-02-29', TODAY)).toBeNull();
    });
  });

  it('draws collection codes of 6 characters without look-alikes, and reads them as people type them', () => {
    expect(REWARD_CODE_ALPHABET).toHaveLength(32);
    expect(REWARD_CODE_ALPHABET).not.toMatch(/[01OIl]/);
    for (let i = 0; i < 200; i++) expect(rewardCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(rewardCode(new Uint8Array([0, 31, 32, 255, 8, 9]))).toBe('A9A9JK');
    expect(normalizeRewardCode(' lsf 562 ')).toBe('LSF562');
    for (const bad of ['LSF56', 'LSF5620', 'LSF56O', 'LSF561', '']) expect(normalizeRewardCode(bad)).toBeNull();
  });
});
