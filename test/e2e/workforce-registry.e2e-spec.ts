import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import { PiiCipher } from '../../src/common/pii.js';
import {
  auditCount,
  createInstitution,
  residentId,
  type ResidentIdSpec,
  signIn,
  signInRoles,
  type StaffSpec,
  staffInput,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Registration, linking, corrections, ending, transfers and batches of the workforce registry, end to end through
// GraphQL. Every response body and log line of this file is searched for the full ID numbers and phones it sent.

const PERSON_FIELDS = 'id name idNumberMasked sex birthDate phoneMasked education';
const EMPLOYMENT_FIELDS = `id occupation team postType startDate endDate endReason
  person { ${PERSON_FIELDS} } institution { id regionCode }`;

const REGISTER = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { ${EMPLOYMENT_FIELDS} } }`;
const BATCH = `mutation($rows: [RegisterStaffInput!]!, $dryRun: Boolean) {
  registerStaffBatch(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } }
}`;
const END = `mutation($id: ID!, $endDate: Date!, $reason: EndReason!) {
  endEmployment(id: $id, endDate: $endDate, reason: $reason) { id startDate endDate endReason }
}`;
const CORRECT = `mutation($id: ID!, $input: CorrectPersonInput!, $reason: String!) {
  correctPerson(id: $id, input: $input, reason: $reason) { ${PERSON_FIELDS} }
}`;
const PERSON = `query($id: ID!) {
  person(id: $id) {
    ${PERSON_FIELDS}
    employments { id occupation postType startDate endDate endReason institution { id regionCode } }
  }
}`;
const PEOPLE = `query($filter: PeopleFilter, $first: Int) {
  people(filter: $filter, first: $first) {
    totalCount
    edges { node { ${PERSON_FIELDS} employments { id startDate endDate endReason institution { id } } } }
  }
}`;
const HEADCOUNT = `query($asOf: Date, $regionCode: String) {
  workforceHeadcount(asOf: $asOf, regionCode: $regionCode) {
    asOf total byTeam { team count } byOccupation { occupation count } byRegion { regionCode count }
  }
}`;

interface Counts {
  persons: number;
  employments: number;
  audits: number;
}

interface RowErrorShape {
  index: number;
  field: string | null;
  code: string;
  message?: string;
}

const today = todayInShanghai();
let nameSerial = 0;
/** A name no other test of this file uses, so that name filters and conflicts stay local to one test. */
const uniqueName = (prefix: string) => `${prefix}${(++nameSerial).toString(36)}${randomInt(1000, 9999)}`;

/** A fresh mainland mobile number (11 digits). */
const mobile = () => `1${randomInt(3, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
const maskedMobile = (digits: string) => `${digits.slice(0, 3)}****${digits.slice(-4)}`;
const maskedId = (id: string) => `${id.slice(0, 6)}********${id.slice(14).toUpperCase()}`;

/** The same ID number with a wrong check character. */
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** A valid ID number whose check character is X. */
function idEndingInX(spec: ResidentIdSpec = {}): string {
  for (;;) {
    const id = residentId(spec);
    if (id.endsWith('X')) return id;
  }
}

const byIndexAndField = (a: RowErrorShape, b: RowErrorShape) =>
  a.index - b.index || String(a.field).localeCompare(String(b.field));

describe('workforce registry', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  /** Every full ID number and phone (digits) this file sent, upper case. */
  const secrets = new Set<string>();
  /** Response bodies (JSON text) not yet searched for secrets. */
  const unchecked: string[] = [];
  let logsChecked = 0;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(
      tokens,
      await signInRoles(t, [
        { role: 'MUNICIPAL_PLANNER' },
        { role: 'DISTRICT_PLANNER', regionCode: '500102' },
        { role: 'ADMIN' },
        { role: 'VOLUNTEER' },
        { role: 'EVALUATION_BODY' },
      ]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  // Every test: no full ID number or phone in any response body it got (errors and batch errors included) nor in
  // any log line written meanwhile.
  afterEach(() => {
    const leaks: string[] = [];
    const search = (text: string, where: string) => {
      const upper = text.toUpperCase();
      for (const secret of secrets) if (upper.includes(secret)) leaks.push(`${secret} in ${where}`);
    };
    for (const body of unchecked.splice(0)) search(body, `response ${body.slice(0, 200)}`);
    for (const line of t.logs.slice(logsChecked)) search(line, `log ${line.slice(0, 200)}`);
    logsChecked = t.logs.length;
    expect(leaks).toEqual([]);
  });

  const remember = (...values: unknown[]) => {
    for (const v of values) {
      if (typeof v !== 'string') continue;
      const digits = v.replace(/[\s\-()]/g, '').replace(/^\+86/, '');
      if (digits.length >= 11) secrets.add(digits.toUpperCase());
    }
  };

  /** t.gql, keeping the raw body for the PII search. */
  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
  ): Promise<GraphQLResponse<T>> {
    const res = await t.gql<T>(query, variables, token);
    unchecked.push(JSON.stringify(res.body));
    return res;
  }

  /** A RegisterStaffInput (factories' defaults), its ID number and phone remembered as secrets. */
  const staff = (spec: StaffSpec) => {
    const row = staffInput(spec);
    remember(row.idNumber, row.phone);
    return row;
  };

  const register = async (input: Record<string, unknown>, token = tokens.MUNICIPAL_PLANNER) => {
    remember(input.idNumber, input.phone);
    const res = await gql<{ registerStaff: any }>(REGISTER, { input }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.registerStaff;
  };

  const batch = async (rows: Record<string, unknown>[], token = tokens.MUNICIPAL_PLANNER, dryRun?: boolean) => {
    rows.forEach((r) => remember(r.idNumber, r.phone));
    const res = await gql<{ registerStaffBatch: any }>(BATCH, { rows, dryRun }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.registerStaffBatch as {
      accepted: number;
      skipped: number;
      written: boolean;
      errors: RowErrorShape[];
    };
  };

  const counts = async (): Promise<Counts> =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM person) AS persons,
                               (SELECT count(*)::int FROM employment) AS employments,
                               (SELECT count(*)::int FROM audit_event) AS audits`)
    ).rows[0];

  const personRow = async (id: string) => (await t.db.query('SELECT * FROM person WHERE id = $1', [id])).rows[0];
  const employmentRow = async (id: string) =>
    (await t.db.query('SELECT * FROM employment WHERE id = $1', [id])).rows[0];
  const employmentsOf = async (personId: string) =>
    (
      await t.db.query(
        `SELECT id, institution_id, occupation, start_date::text AS start_date, end_date::text AS end_date, end_reason
           FROM employment WHERE person_id = $1 ORDER BY start_date, id`,
        [personId],
      )
    ).rows;

  /** Sends a mutation that must be refused with `code` (and exactly `fields`), and checks it wrote nothing. */
  const expectRefused = async (
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    code: string,
    fields?: string[],
  ) => {
    const before = await counts();
    const res = await gql(query, variables, token);
    expect(codes(res)).toEqual([code]);
    if (fields) expect([...res.body.errors![0].extensions!.fields].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  };

  const expectRegisterRefused = (
    input: Record<string, unknown>,
    code: string,
    fields?: string[],
    token = tokens.MUNICIPAL_PLANNER,
  ) => {
    remember(input.idNumber, input.phone);
    return expectRefused(REGISTER, { input }, token, code, fields);
  };

  const headcount = async (regionCode: string | null, asOf?: string) => {
    const res = await gql<{ workforceHeadcount: any }>(HEADCOUNT, { asOf, regionCode }, tokens.MUNICIPAL_PLANNER);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.workforceHeadcount;
  };
  const teamCount = (h: any, team: string) => h.byTeam.find((x: any) => x.team === team).count;

  describe('registerStaff', () => {
    it('registers a person and a job, deriving the team, sex and birth date, showing ID and phone masked', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500101' });
      // Birth dates given here lie outside 1970-1999: residentId() draws its default dates from those years, and a
      // number with a given date could equal a later default one (same date, sequence and sex).
      const idNumber = residentId({ address: '500101', birthDate: '1965-03-04', sex: 'FEMALE' });
      const phone = mobile();
      const name = uniqueName('刘芳');
      const before = await counts();
      const input = staff({
        institutionId,
        idNumber,
        name: ` ${name}  `,
        phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)} ${phone.slice(7)}`,
        occupation: 'NURSE',
        postType: 'PART_TIME',
        startDate: '2020-06-01',
        education: 'BACHELOR',
      });
      remember(phone);
      const created = await register(input);

      expect(created).toEqual({
        id: expect.any(String),
        occupation: 'NURSE',
        team: 'PROFESSIONAL_TECHNICAL',
        postType: 'PART_TIME',
        startDate: '2020-06-01',
        endDate: null,
        endReason: null,
        person: {
          id: expect.any(String),
          name,
          idNumberMasked: maskedId(idNumber),
          sex: 'FEMALE',
          birthDate: '1965-03-04',
          phoneMasked: maskedMobile(phone),
          education: 'BACHELOR',
        },
        institution: { id: institutionId, regionCode: '500101' },
      });
      expect(created.person.idNumberMasked).toMatch(/^500101\*{8}\d{3}[\dX]$/);
      expect(created.person.phoneMasked).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
      expect(await counts()).toEqual({
        persons: before.persons + 1,
        employments: before.employments + 1,
        audits: before.audits + 1,
      });

      expect(await employmentRow(created.id)).toMatchObject({
        person_id: created.person.id,
        institution_id: institutionId,
        occupation: 'NURSE',
        team: 'PROFESSIONAL_TECHNICAL',
        post_type: 'PART_TIME',
        end_date: null,
        end_reason: null,
      });
      expect(await personRow(created.person.id)).toMatchObject({
        name,
        sex: 'FEMALE',
        id_number_masked: maskedId(idNumber),
        phone_masked: maskedMobile(phone),
        education: 'BACHELOR',
      });
      const audit = await t.db.query('SELECT operation, record_type, record_id FROM audit_event WHERE record_id = $1', [
        created.id,
      ]);
      expect(audit.rows).toEqual([{ operation: 'registerStaff', record_type: 'Employment', record_id: created.id }]);

      // The other sex and the other teams are derived the same way.
      const man = await register(
        staff({
          institutionId,
          idNumber: residentId({ sex: 'MALE', birthDate: '1962-12-31' }),
          occupation: 'DIRECTOR',
        }),
      );
      expect(man).toMatchObject({
        team: 'MANAGEMENT',
        person: { sex: 'MALE', birthDate: '1962-12-31', phoneMasked: null, education: null },
      });
      const caregiver = await register(staff({ institutionId, occupation: 'CAREGIVER' }));
      expect(caregiver.team).toBe('CARE');
    });

    it('keeps one person for the same ID number at two institutions, counted once in the headcount', async () => {
      // 500154 is used by this test only, so its headcount is this test's alone.
      const a = await createInstitution(t, { regionCode: '500154' });
      const b = await createInstitution(t, { regionCode: '500154' });
      const idNumber = residentId();
      const name = uniqueName('陈静');
      const before = await counts();
      const cityBefore = (await headcount(null)).total;

      const atA = await register(
        staff({ institutionId: a, idNumber, name, occupation: 'CAREGIVER', startDate: '2021-01-01' }),
      );
      const atB = await register(
        staff({ institutionId: b, idNumber, name, occupation: 'NURSE', startDate: '2022-01-01' }),
      );

      expect(atB.person.id).toBe(atA.person.id);
      expect(atB.id).not.toBe(atA.id);
      const after = await counts();
      expect(after.persons).toBe(before.persons + 1);
      expect(after.employments).toBe(before.employments + 2);
      expect((await employmentsOf(atA.person.id)).map((e) => e.institution_id)).toEqual([a, b]);

      const region = await headcount('500154');
      expect(region.total).toBe(1);
      // Counted under the primary job (the one that started first): CARE, not PROFESSIONAL_TECHNICAL.
      expect(teamCount(region, 'CARE')).toBe(1);
      expect(teamCount(region, 'PROFESSIONAL_TECHNICAL')).toBe(0);
      expect(region.byRegion).toEqual([{ regionCode: '500154', count: 1 }]);
      expect((await headcount(null)).total).toBe(cityBefore + 1);
      // Before the second job started: still one person, the same one.
      expect((await headcount('500154', '2021-06-01')).total).toBe(1);
      expect((await headcount('500154', '2020-12-31')).total).toBe(0);
    });

    it('refuses the same ID number under another name with CONFLICT and writes nothing', async () => {
      const institutionId = await createInstitution(t);
      const other = await createInstitution(t);
      const idNumber = residentId();
      const name = uniqueName('张伟');
      const first = await register(staff({ institutionId, idNumber, name }));

      const res = await expectRegisterRefused(
        staff({ institutionId: other, idNumber, name: uniqueName('李娜'), phone: mobile(), education: 'BACHELOR' }),
        'CONFLICT',
        ['name'],
      );
      expect(res.body.errors![0].message).toContain('correctPerson');
      // The stored person is untouched (no phone or education filled in by the refused request).
      expect(await personRow(first.person.id)).toMatchObject({ name, phone_masked: null, education: null });
      expect(await employmentsOf(first.person.id)).toHaveLength(1);

      // A name differing only in white space is the same name.
      const linked = await register(staff({ institutionId: other, idNumber, name: `  ${name} ` }));
      expect(linked.person.id).toBe(first.person.id);
    });

    it('fills a missing phone or education when linking, and never overwrites one', async () => {
      const [a, b, c] = [await createInstitution(t), await createInstitution(t), await createInstitution(t)];
      const idNumber = residentId();
      const name = uniqueName('周敏');
      const first = await register(staff({ institutionId: a, idNumber, name }));
      expect(first.person).toMatchObject({ phoneMasked: null, education: null });

      const phone1 = `1380000${String(randomInt(1000, 5000))}`;
      const second = await register(staff({ institutionId: b, idNumber, name, phone: phone1, education: 'BACHELOR' }));
      expect(second.person).toMatchObject({
        id: first.person.id,
        phoneMasked: maskedMobile(phone1),
        education: 'BACHELOR',
      });

      const phone2 = `1390000${String(randomInt(5000, 10000))}`;
      const third = await register(
        staff({ institutionId: c, idNumber, name, phone: phone2, education: 'MASTER_OR_ABOVE' }),
      );
      expect(third.person).toMatchObject({
        id: first.person.id,
        phoneMasked: maskedMobile(phone1),
        education: 'BACHELOR',
      });
      const row = await personRow(first.person.id);
      expect(row).toMatchObject({ phone_masked: maskedMobile(phone1), education: 'BACHELOR' });
      expect(t.portal.app.get(PiiCipher).decrypt(row.phone_encrypted)).toBe(phone1);
    });

    it('answers an identical repeat with the stored employment and writes no second row', async () => {
      const institutionId = await createInstitution(t);
      const input = staff({ institutionId, occupation: 'SOCIAL_WORKER', startDate: '2023-04-01' });
      const first = await register(input);
      const before = await counts();

      const again = await register(input);
      expect(again.id).toBe(first.id);
      expect(again.person.id).toBe(first.person.id);
      const after = await counts();
      expect(after.persons).toBe(before.persons);
      expect(after.employments).toBe(before.employments);
      expect(await employmentsOf(first.person.id)).toHaveLength(1);
    });

    it('refuses a repeat with another post type, and an overlapping job, with CONFLICT', async () => {
      const institutionId = await createInstitution(t);
      const input = staff({ institutionId, occupation: 'CAREGIVER', postType: 'FULL_TIME', startDate: '2022-01-01' });
      const first = await register(input);

      await expectRegisterRefused({ ...input, postType: 'PART_TIME' }, 'CONFLICT', ['postType']);
      // The same job from a later date while the first is still open.
      await expectRegisterRefused({ ...input, startDate: '2023-01-01' }, 'CONFLICT', ['startDate']);
      expect(await employmentsOf(first.person.id)).toHaveLength(1);

      // Once the first ended, a later start that overlaps it is still refused; one on or after its end is not.
      const ended = await gql(
        END,
        { id: first.id, endDate: '2023-01-01', reason: 'CONTRACT_ENDED' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(ended.body.errors).toBeUndefined();
      await expectRegisterRefused({ ...input, startDate: '2022-12-31' }, 'CONFLICT', ['startDate']);
      const rehired = await register({ ...input, startDate: '2023-01-01' });
      expect(rehired.id).not.toBe(first.id);
      // Another occupation at the same place, or the same one elsewhere, overlaps nothing.
      await register({ ...input, occupation: 'MANAGER' });
      await register({ ...input, institutionId: await createInstitution(t) });
      expect(await employmentsOf(first.person.id)).toHaveLength(4);
    });

    describe('refuses every invalid field with BAD_USER_INPUT naming it, writing nothing', () => {
      const cases: [string, string, (institutionId: string) => Record<string, unknown>][] = [
        [
          'a wrong check character',
          'idNumber',
          (i) => staffInput({ institutionId: i, idNumber: withWrongCheck(residentId()) }),
        ],
        ['17 characters', 'idNumber', (i) => staffInput({ institutionId: i, idNumber: residentId().slice(0, 17) })],
        ['19 characters', 'idNumber', (i) => staffInput({ institutionId: i, idNumber: `${residentId()}1` })],
        [
          'a letter inside the number',
          'idNumber',
          (i) => staffInput({ institutionId: i, idNumber: `5001A1${residentId().slice(6)}` }),
        ],
        [
          'an unknown province',
          'idNumber',
          (i) => staffInput({ institutionId: i, idNumber: residentId({ address: '990101' }) }),
        ],
        [
          'a birth date in the future',
          'idNumber',
          (i) =>
            staffInput({
              institutionId: i,
              idNumber: residentId({ birthDate: '2090-01-01' }),
              startDate: '2024-01-01',
            }),
        ],
        [
          'a birth date that does not exist',
          'idNumber',
          (i) => staffInput({ institutionId: i, idNumber: residentId({ birthDate: '1985-02-30' }) }),
        ],
        ['a blank name', 'name', (i) => staffInput({ institutionId: i, name: ' \t ' })],
        ['a name of 51 characters', 'name', (i) => staffInput({ institutionId: i, name: '张'.repeat(51) })],
        ['a control character in the name', 'name', (i) => staffInput({ institutionId: i, name: '张\u0007三' })],
        ['a phone of 5 digits', 'phone', (i) => staffInput({ institutionId: i, phone: '12345' })],
        ['a mobile starting 12', 'phone', (i) => staffInput({ institutionId: i, phone: '12812345678' })],
        ['a phone with letters', 'phone', (i) => staffInput({ institutionId: i, phone: '138abcd5678' })],
        ['a future start date', 'startDate', (i) => staffInput({ institutionId: i, startDate: addDays(today, 1) })],
        [
          'a start before the 16th birthday',
          'startDate',
          (i) =>
            staffInput({
              institutionId: i,
              idNumber: residentId({ birthDate: '2000-05-10' }),
              startDate: '2016-05-09',
            }),
        ],
        [
          'a start before 1950',
          'startDate',
          (i) =>
            staffInput({
              institutionId: i,
              idNumber: residentId({ birthDate: '1930-01-01' }),
              startDate: '1949-12-31',
            }),
        ],
        // An institutionId that is no id is NOT_FOUND since issue 13 (corrections-workforce.e2e-spec.ts).
      ];
      it.each(cases)('%s', async (_label, field, make) => {
        const input = make(await createInstitution(t));
        const res = await expectRegisterRefused(input, 'BAD_USER_INPUT', [field]);
        expect(res.body.errors![0].extensions!.problems).toEqual([{ field, message: expect.any(String) }]);
      });
    });

    it('accepts the boundaries: 50-character name, start on the 16th birthday, start on 1950-01-01, today', async () => {
      const institutionId = await createInstitution(t);
      const long = await register(staff({ institutionId, name: `${uniqueName('长')}${'名'.repeat(50)}`.slice(0, 50) }));
      expect([...long.person.name]).toHaveLength(50);
      const sixteen = await register(
        staff({ institutionId, idNumber: residentId({ birthDate: '2000-05-10' }), startDate: '2016-05-10' }),
      );
      expect(sixteen.startDate).toBe('2016-05-10');
      const old = await register(
        staff({ institutionId, idNumber: residentId({ birthDate: '1930-01-01' }), startDate: '1950-01-01' }),
      );
      expect(old.person.birthDate).toBe('1930-01-01');
      const now = await register(staff({ institutionId, startDate: today }));
      expect(now.startDate).toBe(today);
      // A landline with its area code is a phone too.
      const landline = await register(staff({ institutionId, phone: '023-6789 1234' }));
      remember('02367891234');
      expect(landline.person.phoneMasked).toBe('023****1234');
    });

    it('accepts a lower-case x check character and stores it upper case', async () => {
      const institutionId = await createInstitution(t);
      const idNumber = idEndingInX();
      remember(idNumber);
      const input = staff({ institutionId, idNumber: idNumber.toLowerCase() });
      const created = await register(input);
      expect(created.person.idNumberMasked).toBe(maskedId(idNumber));
      expect(created.person.idNumberMasked.endsWith('X')).toBe(true);
      // The upper-case number is the same person and the same job.
      const again = await register({ ...input, idNumber });
      expect(again.id).toBe(created.id);
      expect((await personRow(created.person.id)).id_number_masked).toBe(maskedId(idNumber));
    });

    it('answers NOT_FOUND for an institution that does not exist', async () => {
      await expectRegisterRefused(staff({ institutionId: '7d1c3a52-0b7e-4f55-9a0e-3f6f3c9d2e11' }), 'NOT_FOUND');
    });

    it('reports several bad fields together in extensions.fields', async () => {
      // The institution is looked up first: an unknown or malformed one is NOT_FOUND (issue 13), so it is a real one
      // here.
      const res = await expectRegisterRefused(
        staffInput({
          institutionId: await createInstitution(t),
          idNumber: withWrongCheck(residentId()),
          name: '   ',
          phone: '000',
          startDate: addDays(today, 30),
        }),
        'BAD_USER_INPUT',
        ['idNumber', 'name', 'phone', 'startDate'],
      );
      expect(res.body.errors![0].extensions!.problems).toHaveLength(4);
    });

    it.each([
      ['510212', '1975-07-07'],
      ['510211', '1968-11-30'],
    ])('accepts the retired address code %s', async (address, birthDate) => {
      const institutionId = await createInstitution(t);
      const idNumber = residentId({ address, birthDate });
      const created = await register(staff({ institutionId, idNumber }));
      expect(created.person).toMatchObject({ idNumberMasked: maskedId(idNumber), birthDate });
      expect(created.person.idNumberMasked.startsWith(address)).toBe(true);
    });

    it('registers only where the caller may: own region, own institution', async () => {
      const own = await createInstitution(t, { regionCode: '500102' });
      const elsewhere = await createInstitution(t, { regionCode: '500101' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: own });

      expect((await register(staff({ institutionId: own }), tokens.DISTRICT_PLANNER)).institution.id).toBe(own);
      expect((await register(staff({ institutionId: own }), admin.token)).institution.id).toBe(own);
      await expectRegisterRefused(staff({ institutionId: elsewhere }), 'FORBIDDEN', undefined, tokens.DISTRICT_PLANNER);
      await expectRegisterRefused(staff({ institutionId: elsewhere }), 'FORBIDDEN', undefined, admin.token);
      await expectRegisterRefused(staff({ institutionId: own }), 'UNAUTHENTICATED', undefined, '');
    });

    it.each(['VOLUNTEER', 'EVALUATION_BODY', 'ADMIN'])('is refused to %s', async (role) => {
      const institutionId = await createInstitution(t);
      await expectRegisterRefused(staff({ institutionId }), 'FORBIDDEN', undefined, tokens[role]);
    });
  });

  describe('correctPerson', () => {
    it('corrects name, phone and education, keeps the reason in the audit trail, and links the new name', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500101' });
      const idNumber = residentId();
      const oldName = uniqueName('王小明');
      const newName = uniqueName('王晓明');
      const phone1 = mobile();
      const phone2 = mobile();
      remember(phone2);
      const created = await register(staff({ institutionId, idNumber, name: oldName, phone: phone1 }));
      const personId = created.person.id;
      const audits = await auditCount(t, 'correctPerson');

      const res = await gql<{ correctPerson: any }>(
        CORRECT,
        {
          id: personId,
          input: { name: newName, phone: phone2, education: 'JUNIOR_COLLEGE' },
          reason: '  身份证上是晓 ',
        },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.correctPerson).toEqual({
        id: personId,
        name: newName,
        idNumberMasked: maskedId(idNumber),
        sex: created.person.sex,
        birthDate: created.person.birthDate,
        phoneMasked: maskedMobile(phone2),
        education: 'JUNIOR_COLLEGE',
      });
      expect(await personRow(personId)).toMatchObject({
        name: newName,
        phone_masked: maskedMobile(phone2),
        education: 'JUNIOR_COLLEGE',
      });
      expect(await auditCount(t, 'correctPerson')).toBe(audits + 1);
      const { rows } = await t.db.query(
        `SELECT actor_role, record_type, summary FROM audit_event WHERE operation = 'correctPerson' AND record_id = $1`,
        [personId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_role: 'MUNICIPAL_PLANNER', record_type: 'Person' });
      expect(rows[0].summary).toEqual({
        reason: '身份证上是晓',
        before: { name: expect.stringMatching(/^王\*+$/), phone: maskedMobile(phone1), education: null },
        after: { name: expect.stringMatching(/^王\*+$/), phone: maskedMobile(phone2), education: 'JUNIOR_COLLEGE' },
      });
      const summaryText = JSON.stringify(rows[0].summary);
      for (const plain of [oldName, newName, phone1, phone2]) expect(summaryText).not.toContain(plain);

      // The corrected name now links a registration to this person; the old one is a conflict.
      const other = await createInstitution(t);
      const linked = await register(staff({ institutionId: other, idNumber, name: newName }));
      expect(linked.person.id).toBe(personId);
      await expectRegisterRefused(
        staff({ institutionId: other, idNumber, name: oldName, occupation: 'NURSE' }),
        'CONFLICT',
        ['name'],
      );
    });

    it('refuses a blank reason and an empty correction with BAD_USER_INPUT, changing nothing', async () => {
      const institutionId = await createInstitution(t);
      const created = await register(staff({ institutionId, phone: mobile() }));
      const personId = created.person.id;
      const row = await personRow(personId);

      await expectRefused(
        CORRECT,
        { id: personId, input: { name: uniqueName('新') }, reason: '   ' },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['reason'],
      );
      await expectRefused(
        CORRECT,
        { id: personId, input: {}, reason: 'typo' },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['input'],
      );
      await expectRefused(
        CORRECT,
        { id: personId, input: { name: ' ', phone: '999' }, reason: 'typo' },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['input.name', 'input.phone'],
      );
      expect(await personRow(personId)).toEqual(row);
    });

    it('lets a district planner correct only persons employed in its region', async () => {
      const inRegion = await register(staff({ institutionId: await createInstitution(t, { regionCode: '500102' }) }));
      const outside = await register(staff({ institutionId: await createInstitution(t, { regionCode: '500101' }) }));
      const name = uniqueName('改');
      const ok = await gql<{ correctPerson: any }>(
        CORRECT,
        { id: inRegion.person.id, input: { name }, reason: 'typo' },
        tokens.DISTRICT_PLANNER,
      );
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data!.correctPerson.name).toBe(name);
      await expectRefused(
        CORRECT,
        { id: outside.person.id, input: { name }, reason: 'typo' },
        tokens.DISTRICT_PLANNER,
        'FORBIDDEN',
      );
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: await createInstitution(t) });
      await expectRefused(
        CORRECT,
        { id: outside.person.id, input: { name }, reason: 'typo' },
        admin.token,
        'FORBIDDEN',
      );
      expect((await personRow(outside.person.id)).name).toBe(outside.person.name);
    });
  });

  describe('endEmployment and transfers', () => {
    it('ends a job, and refuses an end before the start, a second end and one more than a year ahead', async () => {
      const institutionId = await createInstitution(t);
      const job = await register(staff({ institutionId, startDate: '2022-01-01' }));

      const endRefused = async (id: string, endDate: string, fields: string[]) => {
        const row = await employmentRow(id);
        await expectRefused(
          END,
          { id, endDate, reason: 'RESIGNED' },
          tokens.MUNICIPAL_PLANNER,
          'BAD_USER_INPUT',
          fields,
        );
        expect(await employmentRow(id)).toEqual(row);
      };
      await endRefused(job.id, '2021-12-31', ['endDate']);
      await endRefused(job.id, addDays(today, 367), ['endDate']);

      const audits = await auditCount(t, 'endEmployment');
      const res = await gql<{ endEmployment: any }>(
        END,
        { id: job.id, endDate: '2023-06-30', reason: 'RESIGNED' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.endEmployment).toEqual({
        id: job.id,
        startDate: '2022-01-01',
        endDate: '2023-06-30',
        endReason: 'RESIGNED',
      });
      expect(await auditCount(t, 'endEmployment')).toBe(audits + 1);
      expect(await employmentsOf(job.person.id)).toEqual([
        expect.objectContaining({ id: job.id, end_date: '2023-06-30', end_reason: 'RESIGNED' }),
      ]);

      // Ending it again is refused, even with the same date.
      await endRefused(job.id, '2023-06-30', ['id']);
      await endRefused(job.id, '2024-01-01', ['id']);

      // An end up to 366 days ahead (notice given) is fine; so is one on the start date itself.
      const ahead = await register(staff({ institutionId, startDate: '2022-01-01' }));
      const aheadRes = await gql<{ endEmployment: any }>(
        END,
        { id: ahead.id, endDate: addDays(today, 366), reason: 'RETIRED' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(aheadRes.body.errors).toBeUndefined();
      expect(aheadRes.body.data!.endEmployment.endDate).toBe(addDays(today, 366));
      const sameDay = await register(staff({ institutionId, startDate: '2024-02-29' }));
      const sameDayRes = await gql<{ endEmployment: any }>(
        END,
        { id: sameDay.id, endDate: '2024-02-29', reason: 'OTHER' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(sameDayRes.body.errors).toBeUndefined();
      expect(sameDayRes.body.data!.endEmployment).toMatchObject({ startDate: '2024-02-29', endDate: '2024-02-29' });
    });

    it('refuses ending an unknown job (NOT_FOUND) and one outside the caller scope (FORBIDDEN)', async () => {
      await expectRefused(
        END,
        { id: '2c0a8f4e-6d0b-4b8e-9f57-8e0a5e7c1d23', endDate: '2024-01-01', reason: 'RESIGNED' },
        tokens.MUNICIPAL_PLANNER,
        'NOT_FOUND',
      );
      const job = await register(staff({ institutionId: await createInstitution(t, { regionCode: '500101' }) }));
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: await createInstitution(t) });
      for (const token of [tokens.DISTRICT_PLANNER, admin.token, tokens.VOLUNTEER]) {
        await expectRefused(END, { id: job.id, endDate: '2024-06-01', reason: 'RESIGNED' }, token, 'FORBIDDEN');
      }
      expect((await employmentRow(job.id)).end_date).toBeNull();
    });

    it('keeps the history of a transfer: an end at A and a start at B', async () => {
      // 500155 and 500156 are used by this test only.
      const a = await createInstitution(t, { regionCode: '500155' });
      const b = await createInstitution(t, { regionCode: '500156' });
      const name = uniqueName('调动');
      const idNumber = residentId();
      const atA = await register(staff({ institutionId: a, idNumber, name, startDate: '2020-01-01' }));
      const ended = await gql(
        END,
        { id: atA.id, endDate: '2023-03-01', reason: 'TRANSFERRED' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(ended.body.errors).toBeUndefined();
      const atB = await register(staff({ institutionId: b, idNumber, name, startDate: '2023-03-01' }));
      expect(atB.person.id).toBe(atA.person.id);

      expect(await employmentsOf(atA.person.id)).toEqual([
        {
          id: atA.id,
          institution_id: a,
          occupation: 'CAREGIVER',
          start_date: '2020-01-01',
          end_date: '2023-03-01',
          end_reason: 'TRANSFERRED',
        },
        {
          id: atB.id,
          institution_id: b,
          occupation: 'CAREGIVER',
          start_date: '2023-03-01',
          end_date: null,
          end_reason: null,
        },
      ]);

      const person = await gql<{ person: any }>(PERSON, { id: atA.person.id }, tokens.MUNICIPAL_PLANNER);
      expect(person.body.errors).toBeUndefined();
      expect(person.body.data!.person.employments).toEqual([
        expect.objectContaining({
          id: atA.id,
          endDate: '2023-03-01',
          endReason: 'TRANSFERRED',
          institution: { id: a, regionCode: '500155' },
        }),
        expect.objectContaining({
          id: atB.id,
          endDate: null,
          endReason: null,
          institution: { id: b, regionCode: '500156' },
        }),
      ]);
      const people = await gql<{ people: any }>(
        PEOPLE,
        { filter: { namePrefix: name }, first: 10 },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(people.body.errors).toBeUndefined();
      expect(people.body.data!.people.totalCount).toBe(1);
      expect(people.body.data!.people.edges[0].node.employments.map((e: any) => e.id)).toEqual([atA.id, atB.id]);

      // The end date is exclusive: on 2023-03-01 the person counts at B only.
      expect((await headcount('500155', '2023-02-28')).total).toBe(1);
      expect((await headcount('500156', '2023-02-28')).total).toBe(0);
      expect((await headcount('500155', '2023-03-01')).total).toBe(0);
      expect((await headcount('500156', '2023-03-01')).total).toBe(1);
    });
  });

  describe('registerStaffBatch', () => {
    it('writes nothing when rows are bad, and reports every bad row with index, field and code', async () => {
      const own = await createInstitution(t, { regionCode: '500102' });
      const elsewhere = await createInstitution(t, { regionCode: '500101' });
      const storedId = residentId();
      const stored = await register(staff({ institutionId: own, idNumber: storedId, name: uniqueName('赵六') }));
      const twin = residentId();
      const repeated = residentId();
      const rows = [
        staff({ institutionId: own }),
        staff({ institutionId: own, idNumber: withWrongCheck(residentId()) }),
        staff({ institutionId: 'e4f1b6a2-3c5d-4e7f-8a9b-0c1d2e3f4a5b' }),
        staff({ institutionId: elsewhere }),
        staff({ institutionId: own, idNumber: twin, name: uniqueName('甲') }),
        staff({ institutionId: own, idNumber: twin, name: uniqueName('乙') }),
        staff({ institutionId: own, idNumber: repeated, name: '重复', startDate: '2020-01-01' }),
        staff({ institutionId: own, idNumber: repeated, name: '重复', startDate: '2021-01-01' }),
        staff({ institutionId: own, idNumber: storedId, name: uniqueName('钱七') }),
        staff({ institutionId: own, name: '  ', startDate: addDays(today, 2), phone: '555' }),
        staff({ institutionId: 'bad', occupation: 'NURSE' }),
        staff({ institutionId: own }),
      ];
      const before = await counts();
      const result = await batch(rows, tokens.DISTRICT_PLANNER);

      expect(result).toMatchObject({ accepted: 0, skipped: 0, written: false });
      const expected: RowErrorShape[] = [
        { index: 1, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 2, field: 'institutionId', code: 'NOT_FOUND' },
        { index: 3, field: 'institutionId', code: 'FORBIDDEN' },
        { index: 5, field: 'name', code: 'CONFLICT' },
        { index: 7, field: null, code: 'CONFLICT' },
        { index: 8, field: 'name', code: 'CONFLICT' },
        { index: 9, field: 'name', code: 'BAD_USER_INPUT' },
        { index: 9, field: 'phone', code: 'BAD_USER_INPUT' },
        { index: 9, field: 'startDate', code: 'BAD_USER_INPUT' },
        // A malformed institution id names nothing: NOT_FOUND (issue 13).
        { index: 10, field: 'institutionId', code: 'NOT_FOUND' },
      ];
      expect(result.errors.map(({ index, field, code }) => ({ index, field, code })).sort(byIndexAndField)).toEqual(
        expected.sort(byIndexAndField),
      );
      expect(result.errors.map((e) => e.index)).toEqual([...result.errors.map((e) => e.index)].sort((x, y) => x - y));
      for (const e of result.errors) expect(e.message).toEqual(expect.any(String));
      // Nothing written; the row answered "registered under another name" is on the audit trail (issue 11).
      expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
      expect(await employmentsOf(stored.person.id)).toHaveLength(1);
    });

    it('writes nothing on dryRun but reports what would be accepted and skipped', async () => {
      const institutionId = await createInstitution(t);
      const rows = [staff({ institutionId }), staff({ institutionId, occupation: 'NURSE' }), staff({ institutionId })];
      const before = await counts();
      expect(await batch(rows, tokens.MUNICIPAL_PLANNER, true)).toEqual({
        accepted: 3,
        skipped: 0,
        written: false,
        errors: [],
      });
      expect(await counts()).toEqual(before);

      await register(rows[0]);
      const afterOne = await counts();
      expect(await batch(rows, tokens.MUNICIPAL_PLANNER, true)).toEqual({
        accepted: 2,
        skipped: 1,
        written: false,
        errors: [],
      });
      expect(await counts()).toEqual(afterOne);
    });

    it('skips every row of a retried batch and writes no new rows', async () => {
      const institutionId = await createInstitution(t);
      const rows = [0, 1, 2, 3].map(() => staff({ institutionId, phone: mobile() }));
      const before = await counts();
      expect(await batch(rows)).toEqual({ accepted: 4, skipped: 0, written: true, errors: [] });
      const afterFirst = await counts();
      expect(afterFirst).toEqual({
        persons: before.persons + 4,
        employments: before.employments + 4,
        audits: before.audits + 1,
      });

      expect(await batch(rows)).toEqual({ accepted: 0, skipped: 4, written: true, errors: [] });
      const afterRetry = await counts();
      expect(afterRetry.persons).toBe(afterFirst.persons);
      expect(afterRetry.employments).toBe(afterFirst.employments);
    });

    it('on a mixed retry writes the new rows only', async () => {
      const institutionId = await createInstitution(t);
      const other = await createInstitution(t);
      const old = [0, 1, 2].map(() => staff({ institutionId }));
      expect(await batch(old)).toMatchObject({ accepted: 3, skipped: 0, written: true });
      const before = await counts();

      const fresh = [
        staff({ institutionId }),
        staff({ institutionId }),
        // A stored person's second job (same name), at another institution.
        { ...old[0], institutionId: other, occupation: 'SOCIAL_WORKER' },
      ];
      expect(await batch([old[0], fresh[0], old[1], fresh[1], old[2], fresh[2]])).toEqual({
        accepted: 3,
        skipped: 3,
        written: true,
        errors: [],
      });
      expect(await counts()).toEqual({
        persons: before.persons + 2,
        employments: before.employments + 3,
        audits: before.audits + 1,
      });
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM employment WHERE institution_id = $1`, [
        institutionId,
      ]);
      expect(rows[0].n).toBe(5);
    });

    it('refuses more than 5,000 rows as a whole with BAD_USER_INPUT on rows', async () => {
      const institutionId = await createInstitution(t);
      const row = staff({ institutionId });
      await expectRefused(
        BATCH,
        { rows: Array.from({ length: 5001 }, () => row) },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['rows'],
      );
    });

    it('writes a 2,000-row batch in one go', async () => {
      // 500153 is used by this test only.
      const institutionId = await createInstitution(t, { regionCode: '500153' });
      const occupations = ['CAREGIVER', 'NURSE', 'SOCIAL_WORKER', 'MANAGER'];
      const rows = Array.from({ length: 2000 }, (_, i) =>
        staff({
          institutionId,
          occupation: occupations[i % 4],
          phone: i % 3 === 0 ? mobile() : null,
          startDate: '2024-01-01',
        }),
      );
      const before = await counts();
      const started = Date.now();
      expect(await batch(rows)).toEqual({ accepted: 2000, skipped: 0, written: true, errors: [] });
      const elapsed = Date.now() - started;
      expect(await counts()).toEqual({
        persons: before.persons + 2000,
        employments: before.employments + 2000,
        audits: before.audits + 1,
      });
      const { rows: written } = await t.db.query(
        `SELECT occupation, count(*)::int AS n FROM employment WHERE institution_id = $1 GROUP BY occupation ORDER BY occupation::text`,
        [institutionId],
      );
      expect(written).toEqual([...occupations].sort().map((occupation) => ({ occupation, n: 500 })));
      const h = await headcount('500153', '2024-01-01');
      expect(h.total).toBe(2000);
      expect(teamCount(h, 'CARE')).toBe(500);
      expect(teamCount(h, 'PROFESSIONAL_TECHNICAL')).toBe(1000);
      expect(teamCount(h, 'MANAGEMENT')).toBe(500);
      const { rows: audit } = await t.db.query(
        `SELECT summary FROM audit_event WHERE operation = 'registerStaffBatch' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit[0].summary).toEqual({ rows: 2000, accepted: 2000, skipped: 0, newPersons: 2000 });
      // Not a test of speed, only a guard against one statement per row on a slow machine.
      expect(elapsed).toBeLessThan(30_000);
    });

    it.each(['VOLUNTEER', 'EVALUATION_BODY', 'ADMIN'])('is refused to %s', async (role) => {
      const institutionId = await createInstitution(t);
      await expectRefused(BATCH, { rows: [staff({ institutionId })] }, tokens[role], 'FORBIDDEN');
    });
  });

  describe('personal data', () => {
    it('never shows or stores the full ID number or phone: responses, errors, batch errors, rows, logs', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500102' });
      const idNumber = idEndingInX();
      const phone = mobile();
      const name = uniqueName('隐私');
      const created = await register(staff({ institutionId, idNumber, name, phone }));
      // Responses that carry this person's data one way or another: reads, a conflict, bad input, batch errors.
      const bodies: string[] = [];
      const keep = (res: GraphQLResponse) => bodies.push(JSON.stringify(res.body));
      keep(await gql(PERSON, { id: created.person.id }, tokens.MUNICIPAL_PLANNER));
      keep(await gql(PEOPLE, { filter: { namePrefix: name } }, tokens.DISTRICT_PLANNER));
      keep(
        await gql(
          REGISTER,
          { input: staffInput({ institutionId, idNumber, name: uniqueName('冒名'), phone }) },
          tokens.MUNICIPAL_PLANNER,
        ),
      );
      keep(
        await gql(
          REGISTER,
          {
            input: staffInput({
              institutionId,
              idNumber: idNumber.toLowerCase(),
              name,
              phone,
              occupation: 'NURSE',
              startDate: addDays(today, 5),
            }),
          },
          tokens.MUNICIPAL_PLANNER,
        ),
      );
      keep(
        await gql(
          REGISTER,
          { input: staffInput({ institutionId, idNumber: withWrongCheck(idNumber), name, phone: `${phone}9` }) },
          tokens.MUNICIPAL_PLANNER,
        ),
      );
      remember(`${phone}9`);
      keep(
        await gql(
          BATCH,
          {
            rows: [
              staffInput({ institutionId, idNumber, name: uniqueName('冒名') }),
              staffInput({ institutionId, idNumber: withWrongCheck(idNumber), name, phone }),
              staffInput({ institutionId, idNumber, name, phone, postType: 'PART_TIME' }),
            ],
          },
          tokens.MUNICIPAL_PLANNER,
        ),
      );
      keep(
        await gql(
          CORRECT,
          { id: created.person.id, input: { phone: phone.slice(0, 10) }, reason: 'typo' },
          tokens.MUNICIPAL_PLANNER,
        ),
      );
      // Every one of them answered (the errors as errors, the batch with row errors).
      expect(bodies.map((b) => JSON.parse(b).errors?.[0]?.extensions?.code ?? null)).toEqual([
        null,
        null,
        'CONFLICT',
        'BAD_USER_INPUT',
        'BAD_USER_INPUT',
        null,
        'BAD_USER_INPUT',
      ]);
      expect(JSON.parse(bodies[5]).data.registerStaffBatch.errors.length).toBeGreaterThanOrEqual(3);
      for (const body of bodies) {
        expect(body).not.toContain(idNumber);
        expect(body.toUpperCase()).not.toContain(idNumber.toUpperCase());
        expect(body).not.toContain(phone);
      }
      expect(bodies[0]).toContain(maskedId(idNumber));
      expect(bodies[0]).toContain(maskedMobile(phone));

      // The stored row: encrypted, hashed, masked; never the plain number or phone.
      const row = await personRow(created.person.id);
      expect(row.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id_number_encrypted).toMatch(/^v1\./);
      expect(row.phone_encrypted).toMatch(/^v1\./);
      expect(row.id_number_masked).toBe(maskedId(idNumber));
      const rowText = JSON.stringify(row).toUpperCase();
      expect(rowText).not.toContain(idNumber);
      expect(rowText).not.toContain(phone);

      // No person row nor audit event of this whole file holds any number or phone sent in it, and the log neither.
      const everything = JSON.stringify([
        (await t.db.query('SELECT * FROM person')).rows,
        (await t.db.query('SELECT summary FROM audit_event')).rows,
        t.logs,
      ]).toUpperCase();
      expect([...secrets].filter((s) => everything.includes(s))).toEqual([]);
    });

    // graphql-js writes a variable that fails coercion into its message, a whole row for a missing or unknown field;
    // formatGraphQLError keeps only the variable, the path and the reason.
    it('does not echo the ID number or phone back when GraphQL itself rejects the input', async () => {
      const institutionId = await createInstitution(t);
      const idNumber = residentId();
      const phone = mobile();
      const row = () => staff({ institutionId, idNumber, phone });
      const { name: _name, ...withoutName } = row();
      const before = await counts();
      const responses = {
        missingField: await gql(REGISTER, { input: withoutName }, tokens.MUNICIPAL_PLANNER),
        unknownField: await gql(REGISTER, { input: { ...row(), idNo: 'x' } }, tokens.MUNICIPAL_PLANNER),
        batchRowMissingField: await gql(BATCH, { rows: [row(), withoutName] }, tokens.MUNICIPAL_PLANNER),
        badDate: await gql(BATCH, { rows: [{ ...row(), startDate: '2024/01/01' }] }, tokens.MUNICIPAL_PLANNER),
        badEnum: await gql(BATCH, { rows: [{ ...row(), occupation: 'COOK' }] }, tokens.MUNICIPAL_PLANNER),
      };
      const { badDate, ...refusedWhole } = responses;
      for (const res of Object.values(refusedWhole)) expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      // A malformed date is the service's to check, so a batch reports it as that row's error (DESIGN.md).
      expect(badDate.body.data?.registerStaffBatch).toMatchObject({
        written: false,
        errors: [expect.objectContaining({ index: 0, field: 'startDate', code: 'BAD_USER_INPUT' })],
      });
      expect(await counts()).toEqual(before);
      const leaking = Object.entries(responses)
        .filter(([, res]) => {
          const body = JSON.stringify(res.body);
          return body.includes(idNumber) || body.includes(phone);
        })
        .map(([label]) => label);
      expect(leaking).toEqual([]);
    });
  });
});
