import { describe, expect, it } from '@jest/globals';
import { addMonths, retirementDate, statutoryRetirementMonths } from './retirement.js';

const years = (months: number) => `${Math.floor(months / 12)}y${months % 12}m`;

describe('statutory retirement ages (NPC Standing Committee decision of September 2024)', () => {
  it('keeps men born before 1965 at 60, then adds a month per four-month birth cohort up to 63', () => {
    const men = (birth: string) => years(statutoryRetirementMonths('MALE', birth));
    expect(men('1964-12-31')).toBe('60y0m');
    expect(men('1965-01-01')).toBe('60y1m');
    expect(men('1965-04-30')).toBe('60y1m');
    expect(men('1965-05-01')).toBe('60y2m');
    expect(men('1965-08-15')).toBe('60y2m');
    expect(men('1965-09-15')).toBe('60y3m');
    // Examples published with the decision: born January 1971, 61 years 7 months (August 2032); May 1971, 61y8m.
    expect(men('1971-01-10')).toBe('61y7m');
    expect(retirementDate('MALE', '1971-01-10')).toBe('2032-08-10');
    expect(men('1971-05-10')).toBe('61y8m');
    expect(retirementDate('MALE', '1971-05-10')).toBe('2033-01-10');
    expect(men('1976-08-31')).toBe('62y11m');
    expect(men('1976-09-01')).toBe('63y0m');
    expect(men('1990-01-01')).toBe('63y0m');
  });

  it('keeps women born before 1970 at 55, then the same schedule up to 58 from September 1981', () => {
    const women = (birth: string) => years(statutoryRetirementMonths('FEMALE', birth));
    expect(women('1969-12-31')).toBe('55y0m');
    expect(women('1970-01-01')).toBe('55y1m');
    expect(women('1970-05-01')).toBe('55y2m');
    expect(women('1981-08-31')).toBe('57y11m');
    expect(women('1981-09-01')).toBe('58y0m');
    expect(women('1995-03-03')).toBe('58y0m');
  });

  it('uses a flat age when one is given', () => {
    expect(retirementDate('MALE', '1980-06-15', 60)).toBe('2040-06-15');
    expect(retirementDate('FEMALE', '1980-06-15', 50)).toBe('2030-06-15');
  });

  it('keeps the day of the month, or the month’s last day', () => {
    expect(addMonths('1970-01-31', 1)).toBe('1970-02-28');
    expect(addMonths('1972-01-31', 1)).toBe('1972-02-29');
    expect(addMonths('1965-12-15', 721)).toBe('2026-01-15');
  });
});
