import { type Msg, msg } from '../i18n/i18n.js';
import { addDays, addYears, dateProblem, isIsoDate } from '../common/dates.js';
import type { FieldProblem } from '../common/errors.js';
import { maskPhone, type PiiCipher } from '../common/pii.js';
import { normalizePersonName, personNameProblem } from '../common/person-name.js';
import { isValidResidentId, maskResidentId, parseResidentId } from '../common/validation/resident-id.js';
import { Education, Occupation, PostType, Sex, TEAM_OF, type Team } from './workforce.enums.js';

/*
 * Persons: the checks and normal forms of a person's data (names, phones, ID numbers, a staff row), part of the
 * workforce module's public API: certification, training, the time bank and the demo data use them. No SQL here;
 * persons are read and stored through PersonsService (other modules) and PersonsRepository (this one).
 */

// The one normaliser and check for names of people, re-exported under the names this module has always used.
export {
  MAX_PERSON_NAME_LENGTH,
  normalizePersonName as normalizeName,
  personNameProblem as checkName,
} from '../common/person-name.js';
/** The youngest legal working age in China. */
export const MIN_WORKING_AGE = 16;
/** Employment records older than this are surely typos. */
export const EARLIEST_START_DATE = '1950-01-01';

/** What a client sends to register one staff member (RegisterStaffInput), before any check. */
export interface StaffRowInput {
  institutionId: string;
  idNumber: string;
  name: string;
  phone?: string | null;
  occupation: Occupation;
  postType: PostType;
  startDate: string;
  education?: Education | null;
}

/** A row that passed every check that needs no database. */
export interface PreparedStaff {
  institutionId: string;
  idNumber: string;
  birthDate: string;
  sex: Sex;
  name: string;
  phone: string | null;
  occupation: Occupation;
  team: Team;
  postType: PostType;
  startDate: string;
  education: Education | null;
}

/**
 * A mainland phone number as digits: an 11-digit mobile (1[3-9]...) or a landline with its area code
 * (0 + 9-11 digits). Spaces, dashes, brackets and a +86 prefix are dropped. Null when it is neither.
 */
export function normalizePhone(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{9,11}$/.test(digits)) return digits;
  return null;
}

const enumHas = <E extends Record<string, string>>(e: E, value: unknown): value is E[keyof E] =>
  typeof value === 'string' && Object.values(e).includes(value);

/** Every problem of one row that can be found without the database, and the normalised row when there is none. */
export function checkStaffRow(
  input: StaffRowInput,
  today: string,
): { problems: FieldProblem[]; prepared: PreparedStaff | null } {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: Msg) => problems.push({ field, message });

  // The institution id is not judged here: one that is malformed or names nothing is NOT_FOUND (the callers ask).

  const idValid = typeof input.idNumber === 'string' && isValidResidentId(input.idNumber);
  if (!idValid) {
    add('idNumber', msg('workforce.idnumberIsNotAValid'));
  }
  const id = idValid ? parseResidentId(input.idNumber) : null;

  const name = normalizePersonName(String(input.name ?? ''));
  const nameProblem = personNameProblem(name);
  if (nameProblem) add('name', nameProblem);

  let phone: string | null = null;
  if (input.phone !== undefined && input.phone !== null && input.phone.trim() !== '') {
    phone = normalizePhone(input.phone);
    if (!phone) add('phone', msg('timebank.phoneMustBeAMobile'));
  }

  if (!enumHas(Occupation, input.occupation)) add('occupation', msg('workforce.occupationIsNotAKnown'));
  if (!enumHas(PostType, input.postType)) add('postType', msg('workforce.posttypeMustBeFULLTIME'));
  if (input.education !== undefined && input.education !== null && !enumHas(Education, input.education)) {
    add('education', msg('workforce.educationIsNotAKnown'));
  }

  const startProblem = startDateProblem(input.startDate, id?.birthDate ?? null, today);
  if (startProblem) add('startDate', startProblem);

  if (problems.length > 0 || !id) return { problems, prepared: null };
  return {
    problems,
    prepared: {
      institutionId: String(input.institutionId ?? '').toLowerCase(),
      idNumber: id.normalized,
      birthDate: id.birthDate,
      sex: id.sex as Sex,
      name,
      phone,
      occupation: input.occupation,
      team: TEAM_OF[input.occupation],
      postType: input.postType,
      startDate: input.startDate,
      education: input.education ?? null,
    },
  };
}

/**
 * What is wrong with an employment's start date, or null: a real date, not in the future, not before 1950, not
 * before the person's 16th birthday (when the birth date is known). For registration and correction alike.
 */
export function startDateProblem(startDate: unknown, birthDate: string | null, today: string): Msg | null {
  if (!isIsoDate(startDate)) return dateProblem(msg('field.startDate'), startDate);
  if (startDate > today) return msg('workforce.startDateFuture', { today });
  if (startDate < EARLIEST_START_DATE) return msg('workforce.startDateTooEarly', { earliest: EARLIEST_START_DATE });
  if (birthDate && startDate < addYears(birthDate, MIN_WORKING_AGE)) {
    return msg('workforce.startDateWorkingAge', { age: MIN_WORKING_AGE });
  }
  return null;
}

/** The stored forms of a person's personal data: encrypted, hashed for look-up, masked for display. */
export function personColumns(pii: PiiCipher, idNumber: string, phone: string | null) {
  return {
    idNumberHash: pii.lookupHash(idNumber),
    idNumberEncrypted: pii.encrypt(idNumber),
    idNumberMasked: maskResidentId(idNumber),
    phoneEncrypted: phone ? pii.encrypt(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
  };
}

/** An end date may lie up to a year ahead (notice given); further is surely a typo. */
export const latestEndDate = (today: string) => addDays(today, 366);

/** A person about to be stored: the fields that come with a registration. */
export type NewPersonRow = Pick<PreparedStaff, 'idNumber' | 'name' | 'birthDate' | 'sex' | 'phone' | 'education'>;

/** A name for the audit trail or a public answer: its first character, the rest as `*`. */
export const maskName = (name: string) => [...name].map((c, i) => (i === 0 ? c : '*')).join('');
