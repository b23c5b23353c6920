import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  makeCreditCode,
  normalizeCreditCode,
} from './credit-code.js';

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const digit = fc.constantFrom(...'0123456789');

/** 2 charset chars + 6-digit admin division + 9 charset chars, then the computed check char. */
const validCode = fc
  .tuple(
    fc.array(charsetChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => makeCreditCode([...a, ...b, ...c].join('')));

describe('unified social credit code', () => {
  it('accepts published codes', () => {
    for (const code of ['91350100M000100Y43', '91440300708461136T', '914403001922038216', '91330100716105852F']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('computes the check char', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(makeCreditCode('91440300708461136')).toBe('91440300708461136T');
  });

  it('normalises case and whitespace', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });

  it('rejects wrong check char, bad length, excluded letters and non-digit admin division', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
    // I, O, S, V, Z are not in the charset
    for (const ch of 'IOSVZ') expect(isValidCreditCode('91350100M000100' + ch + '43')).toBe(false);
    expect(isValidCreditCode(makeCreditCode('913501A0M000100Y4'))).toBe(false);
  });

  it('throws on invalid check-char input', () => {
    expect(() => creditCodeCheckChar('123')).toThrow();
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow();
  });

  it('property: any well-formed prefix + computed check char is valid', () => {
    fc.assert(fc.property(validCode, (code) => isValidCreditCode(code)));
  });

  it('property: changing any single character makes it invalid', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), charsetChar, (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        return !isValidCreditCode(mutated);
      }),
    );
  });
});
