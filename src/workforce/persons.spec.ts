import { describe, expect, it } from '@jest/globals';
import { residentIdCheckChar } from '../common/validation/resident-id.js';
import { checkStaffRow, normalizeName, normalizePhone, type StaffRowInput } from './persons.js';
import { Occupation, PostType, Team } from './workforce.enums.js';

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const ID = withCheck('50010119800229123'); // born 1980-02-29, male (odd 17th digit)
const TODAY = '2026-11-29';

const row = (over: Partial<StaffRowInput> = {}): StaffRowInput => ({
  institutionId: '3f1f6a2e-0c1b-4c55-9a6e-0a0b0c0d0e0f',
  idNumber: ID,
  name: '张三',
  phone: null,
  occupation: Occupation.CAREGIVER,
  postType: PostType.FULL_TIME,
  startDate: '2024-01-01',
  education: null,
  ...over,
});

const fields = (over: Partial<StaffRowInput>) => checkStaffRow(row(over), TODAY).problems.map((p) => p.field);

describe('checkStaffRow', () => {
  it('derives birth date, sex and team, and normalises the ID number and name', () => {
    const { problems, prepared } = checkStaffRow(
      row({ idNumber: ` ${ID.toLowerCase()} `, name: '  欧阳  娜娜 ', occupation: Occupation.NURSE }),
      TODAY,
    );
    expect(problems).toEqual([]);
    expect(prepared).toMatchObject({
      idNumber: ID,
      birthDate: '1980-02-29',
      sex: 'MALE',
      name: '欧阳娜娜', // no white space between Chinese characters (issue 11)
      team: Team.PROFESSIONAL_TECHNICAL,
    });
  });

  it('reports every bad field at once, leaving the institution id to the callers (NOT_FOUND)', () => {
    expect(
      fields({
        institutionId: 'nope',
        idNumber: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0'),
        name: '   ',
        phone: '12345',
        startDate: '2027-01-01',
      }).sort(),
    ).toEqual(['idNumber', 'name', 'phone', 'startDate']);
  });

  it('refuses a start before the 16th birthday, before 1950 or in the future', () => {
    expect(fields({ startDate: '1996-02-28' })).toEqual(['startDate']);
    expect(fields({ startDate: '1996-02-29' })).toEqual([]);
    expect(fields({ idNumber: withCheck('50010119300101123'), startDate: '1949-12-31' })).toEqual(['startDate']);
    expect(fields({ startDate: TODAY })).toEqual([]);
    expect(fields({ startDate: '2026-11-30' })).toEqual(['startDate']);
    expect(fields({ startDate: '2024-02-30' })).toEqual(['startDate']);
  });

  it('accepts a retired address code and refuses an unknown province', () => {
    expect(fields({ idNumber: withCheck('51021219800101123') })).toEqual([]);
    expect(fields({ idNumber: withCheck('99010119800101123') })).toEqual(['idNumber']);
  });

  it('treats an empty phone as none', () => {
    expect(checkStaffRow(row({ phone: '  ' }), TODAY).prepared?.phone).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['023-6388 1234', '02363881234'],
    ['(023)63881234', '02363881234'],
  ])('%s -> %s', (raw, digits) => expect(normalizePhone(raw)).toBe(digits));

  it.each(['12800138000', '1380013800', '63881234', 'abc', '138001380001'])('refuses %s', (raw) =>
    expect(normalizePhone(raw)).toBeNull(),
  );
});

describe('normalizeName', () => {
  it('composes to NFC, trims and collapses white space', () => {
    expect(normalizeName('\u0041\u030a  b ')).toBe('\u00c5 b');
  });
});
