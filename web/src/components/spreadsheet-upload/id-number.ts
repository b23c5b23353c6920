// Resident ID numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character. The API checks them
// again; the page checks first so that a clerk sees every bad number before anything is sent.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdProblem = 'length' | 'characters' | 'birthDate' | 'checksum';

/** What is wrong with an ID number (upper-cased, trimmed), or null when it is well formed. */
export function idNumberProblem(value: string): IdProblem | null {
  if (value.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(value)) return 'characters';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now())
    return 'birthDate';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === value[17] ? null : 'checksum';
}
