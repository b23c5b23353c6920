import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  isValidResidentId,
  maskResidentId,
  normalizeResidentId,
  parseResidentId,
  residentIdCheckChar,
} from './resident-id.js';

const TODAY = new Date(2025, 5, 15); // fixed so results do not drift with the clock
const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
];

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Well-formed IDs: real province prefix, any county digits, birth date in [1900-01-01, TODAY]. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 5, 15)), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, seq }) =>
    withCheck(
      province +
        pad(county, 4) +
        pad(birth.getUTCFullYear(), 4) +
        pad(birth.getUTCMonth() + 1, 2) +
        pad(birth.getUTCDate(), 2) +
        pad(seq, 3),
    ),
  );

describe('resident id', () => {
  it('accepts the GB 11643 example and parses it', () => {
    expect(isValidResidentId('11010519491231002X', TODAY)).toBe(true);
    expect(parseResidentId('11010519491231002X', TODAY)).toEqual({
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
      addressCode: '110105',
    });
  });

  it('accepts lowercase x and surrounding whitespace', () => {
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(isValidResidentId(' 11010519491231002x ', TODAY)).toBe(true);
  });

  it('derives MALE from an odd 17th digit', () => {
    const id = withCheck('11010519800101123');
    expect(parseResidentId(id, TODAY).sex).toBe('MALE');
  });

  it('rejects a wrong check digit', () => {
    expect(isValidResidentId('110105194912310021', TODAY)).toBe(false);
  });

  it('rejects impossible and out-of-range birth dates', () => {
    expect(isValidResidentId(withCheck('11010520000230123'), TODAY)).toBe(false); // Feb 30
    expect(isValidResidentId(withCheck('11010519000229123'), TODAY)).toBe(false); // 1900 not a leap year
    expect(isValidResidentId(withCheck('11010520000229123'), TODAY)).toBe(true); // 2000 is
    expect(isValidResidentId(withCheck('11010518991231123'), TODAY)).toBe(false); // before 1900
    expect(isValidResidentId(withCheck('11010520250616123'), TODAY)).toBe(false); // tomorrow
    expect(isValidResidentId(withCheck('11010520250615123'), TODAY)).toBe(true); // today
  });

  it('rejects unknown province prefixes', () => {
    expect(isValidResidentId(withCheck('10010519800101123'), TODAY)).toBe(false);
    expect(isValidResidentId(withCheck('99010519800101123'), TODAY)).toBe(false);
  });

  it('accepts a retired county code (510212, pre-1997 Chongqing under Sichuan)', () => {
    const id = withCheck('51021219800101123');
    expect(id).toBe('510212198001011231');
    expect(isValidResidentId(id, TODAY)).toBe(true);
  });

  it('rejects wrong shapes', () => {
    for (const bad of ['', '11010519491231002', '11010519491231002XX', '1101051949123100XX', '11010519491231002Y']) {
      expect(isValidResidentId(bad, TODAY)).toBe(false);
    }
    expect(() => parseResidentId('110105194912310021', TODAY)).toThrow();
  });

  it('property: any valid 17 digits + computed check char is valid', () => {
    fc.assert(fc.property(validId, (id) => isValidResidentId(id, TODAY)));
  });

  it('property: changing any single character makes it invalid', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, pos, ch) => {
        fc.pre(id[pos] !== ch);
        const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
        return !isValidResidentId(mutated, TODAY);
      }),
    );
  });

  it('masks as first 6 + 8 stars + last 4, never exposing the middle', () => {
    expect(maskResidentId('50010119800101123X')).toBe('500101********123X');
    fc.assert(
      fc.property(validId, (id) => {
        const masked = maskResidentId(id);
        return (
          masked.length === 18 &&
          masked === id.slice(0, 6) + '********' + id.slice(14) &&
          !masked.includes(id.slice(6, 14))
        );
      }),
    );
  });
});
