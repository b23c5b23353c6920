/** The demo data's randomness: seeded, so that every fresh demo database holds the same people. */

/** mulberry32: a small, fast, seedable PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from one seeded stream; the methods are bound, so `const { pick, int } = dice` works. */
export class Dice {
  constructor(readonly next: () => number) {}

  static seeded(seed: number): Dice {
    return new Dice(mulberry32(seed));
  }

  /** An integer in [min, max]. */
  readonly int = (min: number, max: number): number => min + Math.floor(this.next() * (max - min + 1));

  readonly chance = (p: number): boolean => this.next() < p;

  readonly pick = <T>(items: readonly T[]): T => items[Math.floor(this.next() * items.length)];

  readonly weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1][0];
  };

  /** Roughly bell-shaped in [min, max] (the mean of three uniforms). */
  readonly bell = (min: number, max: number): number =>
    min + ((this.next() + this.next() + this.next()) / 3) * (max - min);
}
