import { type Msg, msg } from '../i18n/i18n.js';
/**
 * Names of people (DESIGN.md "Names of people"): normalised once, by this function, wherever a name comes in
 * (staff, person corrections, certificates, attendance, volunteers, relatives, certificate verification), so that
 * the same name typed twice is stored and compared as the same text.
 */

export const MAX_PERSON_NAME_LENGTH = 50;

/** White space of any kind (not the zero-width characters, which are refused). */
const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
/** The interpuncts of minority names as people type them: ·, •, ・, ‧, ．, ･ (and U+00B7 itself). */
const INTERPUNCT = /[\u00b7\u2022\u30fb\u2027\uff0e\uff65]/g;
const HAN_GAP = /(?<=\p{Script=Han}) (?=\p{Script=Han})/gu;

/**
 * Unicode NFC, surrounding white space trimmed, any run of white space one space, none between Chinese
 * characters or around an interpunct, every interpunct U+00B7. Characters that are refused (see
 * `personNameProblem`) are left in place for the check to find.
 */
export function normalizePersonName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(SPACE, ' ')
    .trim()
    .replace(INTERPUNCT, '\u00b7')
    .replace(/ ?\u00b7 ?/g, '\u00b7')
    .replace(HAN_GAP, '');
}

/**
 * What is wrong with a normalised name, or null: its length (1-50 characters), control and formatting characters
 * (zero-width spaces and joiners, direction overrides and marks, the byte-order mark), lone surrogates (half a
 * character, which would be stored as U+FFFD) and U+FFFD itself, and `<` or `>`.
 */
export function personNameProblem(name: string): Msg | null {
  const length = [...name].length;
  if (length < 1 || length > MAX_PERSON_NAME_LENGTH) {
    return msg('value.nameLength', { max: MAX_PERSON_NAME_LENGTH });
  }
  if (/[\p{Cc}\p{Cf}]/u.test(name)) {
    return msg('value.nameControl');
  }
  if (/[\p{Cs}\ufffd]/u.test(name)) return msg('value.nameBroken');
  if (/[<>]/.test(name)) return msg('value.nameAngle');
  return null;
}
