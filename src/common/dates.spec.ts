import { describe, expect, it } from '@jest/globals';
import { addDays, addYears, asOfOrToday, DateScalar, isIsoDate, todayInShanghai } from './dates.js';
import { InputProblems } from './errors.js';

describe('dates', () => {
  it('takes the as-of date or today, and collects what is wrong with it on asOf', () => {
    const today = todayInShanghai();
    const ok = new InputProblems();
    expect(asOfOrToday(undefined, ok, '2000-01-01')).toBe(today);
    expect(asOfOrToday('2000-01-01', ok, '2000-01-01')).toBe('2000-01-01');
    expect(ok.any).toBe(false);

    const tooEarly = new InputProblems();
    expect(asOfOrToday('1999-12-31', tooEarly, '2000-01-01')).toBe('1999-12-31');
    expect(() => tooEarly.throwIfAny()).toThrow();
    const future = new InputProblems();
    asOfOrToday(addDays(today, 1), future, '2000-01-01');
    expect(future.any).toBe(true);
  });

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(isIsoDate('2024-02-29T00:00:00Z')).toBe(false);
    expect(isIsoDate(20240229)).toBe(false);
  });

  it('takes today in Asia/Shanghai, which is ahead of UTC by 8 hours', () => {
    expect(todayInShanghai(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(todayInShanghai(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('adds days and years across month ends and leap days', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addYears('2008-02-29', 16)).toBe('2024-02-29');
    expect(addYears('2008-02-29', 17)).toBe('2025-02-28');
  });

  it('serialises dates, and takes any string as input for the operation to check with the field named', () => {
    expect(DateScalar.serialize('2025-01-01')).toBe('2025-01-01');
    expect(() => DateScalar.serialize('2025-13-01')).toThrow();
    expect(DateScalar.parseValue('2025-01-01')).toBe('2025-01-01');
    expect(DateScalar.parseValue('2025-13-01')).toBe('2025-13-01');
    expect(() => DateScalar.parseValue(20250101)).toThrow();
    expect(() => DateScalar.parseValue(null)).toThrow();
  });
});
