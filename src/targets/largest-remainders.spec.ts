import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { apportion, roundToTotal } from './largest-remainders.js';

describe('largest remainders', () => {
  const shares = (total: number, weights: number[]) =>
    apportion(
      total,
      weights.map((weight, i) => ({ key: String.fromCharCode(65 + i), weight })),
    )?.map((s) => s.share) ?? null;

  it('shares a total in proportion, whole parts first, then the largest remainders', () => {
    // 10 by 1:2:3 -> quotas 1.667, 3.333, 5: wholes 1, 3, 5; the one left goes to the largest remainder (A's 0.667).
    expect(shares(10, [1, 2, 3])).toEqual([2, 3, 5]);
    expect(shares(25000, [616, 0, 384])).toEqual([15400, 0, 9600]);
  });

  it('breaks a tie of remainders to the earlier item, and gives a zero weight nothing', () => {
    // 5 by 1:1:1:1 -> 1.25 each: one left over, to A.
    expect(shares(5, [1, 1, 1, 1])).toEqual([2, 1, 1, 1]);
    expect(shares(3, [0, 1, 1, 0])).toEqual([0, 2, 1, 0]);
  });

  it('adds up exactly when the total is smaller than the number of items', () => {
    expect(shares(2, [5, 5, 5, 5, 5])).toEqual([1, 1, 0, 0, 0]);
    expect(shares(0, [1, 2])).toEqual([0, 0]);
  });

  it('has nothing to share by when every weight is 0', () => {
    expect(shares(10, [0, 0])).toBeNull();
  });

  it('always adds up to the total, each share within one of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const result = shares(total, weights);
          const sum = weights.reduce((s, w) => s + w, 0);
          if (sum === 0) return result === null;
          expect(result!.reduce((s, x) => s + x, 0)).toBe(total);
          result!.forEach((x, i) => expect(Math.abs(x - (total * weights[i]) / sum)).toBeLessThan(1));
          return true;
        },
      ),
    );
  });

  it('rounds parts so that they add up to the rounded total', () => {
    // 10.4 + 20.4 + 0.4 = 31.2 -> 31: wholes 10, 20, 0 and one more to the first of the equal remainders.
    expect(roundToTotal([10.4, 20.4, 0.4])).toEqual({ total: 31, parts: [11, 20, 0] });
    // Rounded one by one these would show 1 + 1 + 1 = 3 against a total of 2.
    expect(roundToTotal([0.6, 0.6, 0.6])).toEqual({ total: 2, parts: [1, 1, 0] });
    expect(roundToTotal([3, 4, 5])).toEqual({ total: 12, parts: [3, 4, 5] });
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }), (values) => {
        const { total, parts } = roundToTotal(values);
        expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
        expect(total).toBe(Math.round(values.reduce((s, v) => s + v, 0)));
        parts.forEach((p, i) => expect(Math.abs(p - values[i])).toBeLessThan(1 + 1e-9));
      }),
    );
  });
});
