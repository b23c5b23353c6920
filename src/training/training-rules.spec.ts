import { describe, expect, it } from '@jest/globals';
import { residentIdCheckChar } from '../common/validation/resident-id.js';
import {
  checkAttendanceRow,
  checkSessionFields,
  daysElapsed,
  daysInYear,
  expectedByMonthEnd,
  expectedToDate,
  hasAtMostOneDecimal,
} from './training-rules.js';

const ID = (first17: string) => first17 + residentIdCheckChar(first17);
const TODAY = '2026-11-28';

describe('days elapsed and expected to date', () => {
  it('counts 1 January to today inclusive in the current year, every day of a past year, none of a future one', () => {
    expect(daysElapsed(2026, '2026-01-01')).toBe(1);
    expect(daysElapsed(2026, '2026-12-31')).toBe(365);
    expect(daysElapsed(2026, TODAY)).toBe(332);
    expect(daysElapsed(2024, '2024-12-31')).toBe(366);
    expect(daysElapsed(2024, '2024-03-01')).toBe(61);
    expect(daysElapsed(2024, TODAY)).toBe(366);
    expect(daysElapsed(2025, TODAY)).toBe(365);
    expect(daysElapsed(2027, TODAY)).toBe(0);
  });

  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(daysInYear)).toEqual([365, 366, 366, 365, 365]);
  });

  it('rounds target x days elapsed / days in the year, and is null without a target', () => {
    expect(expectedToDate(20000, 2026, TODAY)).toBe(Math.round((20000 * 332) / 365));
    expect(expectedToDate(20000, 2026, '2026-01-01')).toBe(55); // 54.79
    expect(expectedToDate(730, 2026, '2026-01-01')).toBe(2);
    expect(expectedToDate(20000, 2025, TODAY)).toBe(20000);
    expect(expectedToDate(20000, 2027, TODAY)).toBe(0);
    expect(expectedToDate(null, 2026, TODAY)).toBeNull();
  });

  it('pro-rates the target to each month’s last day, February of a leap year included', () => {
    // 2024: 31, 60 (29 February), ..., 366 days; 2026: 28 February is day 59.
    expect(expectedByMonthEnd(3660, 2024, 1)).toBe(310);
    expect(expectedByMonthEnd(3660, 2024, 2)).toBe(600);
    expect(expectedByMonthEnd(3650, 2026, 2)).toBe(590);
    expect(expectedByMonthEnd(20000, 2026, 12)).toBe(20000);
    expect(expectedByMonthEnd(null, 2026, 6)).toBeNull();
  });
});

describe('checkSessionFields', () => {
  const ok = { title: '护理员培训', startDate: '2025-03-01', endDate: '2025-03-03', hours: 16, capacity: 50 };
  const fields = (over: Partial<typeof ok>) => checkSessionFields({ ...ok, ...over }, TODAY).map((p) => p.field);

  it('accepts a plain session and the edges of every range', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ startDate: '2000-01-01', endDate: '2028-11-28', hours: 0.1, capacity: 1 })).toEqual([]);
    expect(fields({ hours: 2000, capacity: 10000 })).toEqual([]);
    expect(fields({ hours: 1.1 })).toEqual([]);
  });

  it('reports each bad field', () => {
    expect(fields({ title: ' ' })).toEqual(['title']);
    expect(fields({ title: 'x'.repeat(201) })).toEqual(['title']);
    expect(fields({ startDate: '1999-12-31' })).toEqual(['startDate']);
    expect(fields({ endDate: '2028-11-29' })).toEqual(['endDate']);
    expect(fields({ endDate: '2025-02-28' })).toEqual(['endDate']);
    expect(fields({ hours: 0 })).toEqual(['hours']);
    expect(fields({ hours: 2000.1 })).toEqual(['hours']);
    expect(fields({ hours: 1.25 })).toEqual(['hours']);
    expect(fields({ hours: Number.NaN })).toEqual(['hours']);
    expect(fields({ capacity: 0 })).toEqual(['capacity']);
    expect(fields({ capacity: 10001 })).toEqual(['capacity']);
    expect(fields({ capacity: 1.5 })).toEqual(['capacity']);
  });

  it('tells one decimal from more', () => {
    expect([0.1, 0.3, 2.5, 7, 1999.9].every(hasAtMostOneDecimal)).toBe(true);
    expect([0.15, 0.01, 2.55].some(hasAtMostOneDecimal)).toBe(false);
  });
});

describe('checkAttendanceRow', () => {
  const id = ID('50010119800229123');

  it('normalises the ID number and name', () => {
    expect(checkAttendanceRow({ idNumber: ` ${id.toLowerCase()} `, name: ' 欧阳  娜娜 ', completed: true })).toEqual({
      problems: [],
      prepared: { idNumber: id, name: '欧阳娜娜', completed: true }, // no space between Chinese characters (issue 11)
    });
  });

  it('reports a bad ID number and a bad name together', () => {
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const { problems, prepared } = checkAttendanceRow({ idNumber: bad, name: '  ', completed: false });
    expect(problems.map((p) => p.field)).toEqual(['idNumber', 'name']);
    expect(prepared).toBeNull();
  });
});
