import type { InputProblems } from './errors.js';

/**
 * An optional code argument (a region code): left out (undefined or null) means none, for instance city-wide;
 * given, it is trimmed, and a blank one is a problem, never taken for "none" (DESIGN.md "Names of people").
 */
export function optionalCode(raw: string | null | undefined, field: string, problems: InputProblems): string | null {
  if (raw === undefined || raw === null) return null;
  const code = raw.trim();
  if (code === '') problems.add(field, `${field} must not be blank; leave it out for none`);
  return code === '' ? null : code;
}
