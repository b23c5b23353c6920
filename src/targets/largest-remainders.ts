/**
 * Largest-remainder rounding (Hamilton's method): whole shares that add up exactly to a whole total. Each share
 * first gets the whole part of its exact quota; the units left over go one each to the largest remainders, ties to
 * the earlier item (callers order items by region code or team).
 */

export interface Weighted<K> {
  key: K;
  /** A whole number >= 0. */
  weight: number;
}

/**
 * `total` (a whole number >= 0) shared in proportion to whole weights, exactly: quotas total x weight / sum of
 * weights are compared as integers (BigInt), so no floating-point rounding decides a tie. Every item gets a share
 * (0 included), in the order given. With all weights 0 there is nothing to share by: null.
 */
export function apportion<K>(total: number, items: readonly Weighted<K>[]): { key: K; share: number }[] | null {
  const sum = items.reduce((s, i) => s + BigInt(i.weight), 0n);
  if (sum === 0n) return null;
  const whole = BigInt(total);
  const parts = items.map((item, index) => {
    const product = whole * BigInt(item.weight);
    return { item, index, share: product / sum, remainder: product % sum };
  });
  let left = whole - parts.reduce((s, p) => s + p.share, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const p of byRemainder) {
    if (left === 0n) break;
    p.share += 1n;
    left -= 1n;
  }
  return parts.map((p) => ({ key: p.item.key, share: Number(p.share) }));
}

/**
 * Unrounded parts of a whole shown rounded: the total rounded to a whole number (half up), and each part rounded so
 * that the parts add up to it (largest remainders, ties to the earlier part). Parts are >= 0.
 */
export function roundToTotal(values: readonly number[]): { total: number; parts: number[] } {
  const total = Math.round(values.reduce((s, v) => s + v, 0));
  const parts = values.map((v, index) => ({ index, whole: Math.floor(v), remainder: v - Math.floor(v) }));
  let left = total - parts.reduce((s, p) => s + p.whole, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const p of byRemainder) {
    if (left <= 0) break;
    p.whole += 1;
    left -= 1;
  }
  return { total, parts: parts.map((p) => p.whole) };
}
