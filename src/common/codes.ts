import type { InputProblems } from './errors.js';
import { msg, fieldName } from '../i18n/i18n.js';

/**
 * An optional code argument (a region code): left out (undefined or null) means none, for instance city-wide;
 * given, it is trimmed, and a blank one is a problem, never taken for "none" (DESIGN.md "Names of people").
 */
export function optionalCode(raw: string | null | undefined, field: string, problems: InputProblems): string | null {
  if (raw === undefined || raw === null) return null;
  const code = raw.trim();
  if (code === '') problems.add(field, msg('value.blankCode', { field: fieldName(field) }));
  return code === '' ? null : code;
}
