// China resident identity number, 18-character form (GB 11643-1999).
// Layout: 6-digit address code | 8-digit birth date YYYYMMDD | 3-digit sequence | check char.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

// Province-level prefixes only. County codes are deliberately not checked against a
// list: IDs issued under since-retired codes (e.g. 510212, pre-1997 Chongqing) stay valid for life.
const PROVINCE_CODES = new Set([
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
]);

const SHAPE = /^\d{17}[\dX]$/;

export interface ResidentIdInfo {
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  addressCode: string;
}

export function normalizeResidentId(raw: string): string {
  return raw.trim().toUpperCase();
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error('residentIdCheckChar expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Calendar-valid YYYYMMDD within [1900-01-01, today]. Compared as strings since both are zero-padded. */
function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  // Round-trip through Date.UTC to reject e.g. Feb 30 (which Date would roll into March).
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return false;
  }
  // "Today" is the caller's local calendar day, matching how a birth date is written on the card.
  const todayStr = pad(today.getFullYear(), 4) + pad(today.getMonth() + 1, 2) + pad(today.getDate(), 2);
  return yyyymmdd >= '19000101' && yyyymmdd <= todayStr;
}

export function isValidResidentId(raw: string, today: Date = new Date()): boolean {
  const id = normalizeResidentId(raw);
  if (!SHAPE.test(id)) return false;
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return false;
  if (!isValidBirthDate(id.slice(6, 14), today)) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** Throws if the ID is invalid. */
export function parseResidentId(raw: string, today: Date = new Date()): ResidentIdInfo {
  const normalized = normalizeResidentId(raw);
  if (!isValidResidentId(normalized, today)) {
    throw new Error('Invalid resident identity number');
  }
  const birth = normalized.slice(6, 14);
  return {
    normalized,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    // 17th character: odd sequence numbers are assigned to men, even to women.
    sex: Number(normalized[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    addressCode: normalized.slice(0, 6),
  };
}

/** First 6 + 8 `*` + last 4, hiding birth date and sequence. Malformed input is fully masked to avoid leaking it. */
export function maskResidentId(raw: string): string {
  const id = normalizeResidentId(raw);
  if (id.length !== 18) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(8) + id.slice(14);
}
