// Unified social credit code for organisations (GB 32100-2015).
// Layout: registration authority (1) | organisation type (1) | admin division (6) |
// organisation identifier (9) | check char (1).

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, Z, S, V
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const SHAPE = new RegExp(`^[${CREDIT_CODE_CHARSET}]{2}\\d{6}[${CREDIT_CODE_CHARSET}]{10}$`);

export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Check character for the first 17 characters: (31 - Σ value·weight mod 31) mod 31. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error('creditCodeCheckChar expects exactly 17 characters');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new Error(`Invalid credit code character: ${first17[i]}`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(raw: string): boolean {
  const code = normalizeCreditCode(raw);
  if (!SHAPE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** Appends the check character; handy for seed data and tests. */
export function makeCreditCode(prefix17: string): string {
  const prefix = normalizeCreditCode(prefix17);
  return prefix + creditCodeCheckChar(prefix);
}
