import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login } from '../../../test/helpers/factories.js';
import { startTestApp, TEST_PII_KEY, type TestApp } from '../../../test/helpers/test-app.js';
import { addYears, todayInShanghai } from '../../common/dates.js';
import { PiiCipher, parsePiiKey } from '../../common/pii.js';
import { isValidResidentId, parseResidentId } from '../../common/validation/resident-id.js';
import { DEMO_PASSWORD } from '../seed.service.js';
import { InstitutionType } from '../../institutions/institution.enums.js';
import {
  DEMO_WORKFORCE_ANCHOR,
  type DemoInstitutionRef,
  type DemoWorkforce,
  generateDemoWorkforce,
} from './workforce.js';
import { mulberry32 } from './random.js';
import { normalizeName, normalizePhone } from '../../workforce/persons.js';
import { EndReason, Occupation, TEAM_OF } from '../../workforce/workforce.enums.js';

/** The shape of the seed's demo institutions (SeedService), with made-up ids. */
const INSTITUTIONS: DemoInstitutionRef[] = (
  [
    ['500101', InstitutionType.CARE_HOME, 420, true],
    ['500101', InstitutionType.COMMUNITY_CENTER, null, false],
    ['500101', InstitutionType.CARE_HOME, 180, false],
    ['500103', InstitutionType.HOME_CARE_PROVIDER, null, false],
    ['500103', InstitutionType.CARE_HOME, 300, true],
    ['500105', InstitutionType.CARE_HOME, 150, false],
    ['500112', InstitutionType.CARE_HOME, 260, true],
    ['500112', InstitutionType.SOCIAL_WORK_ORG, null, true],
    ['500106', InstitutionType.HOSPITAL_CARE_UNIT, null, false],
    ['500107', InstitutionType.COMMUNITY_CENTER, null, false],
    ['500102', InstitutionType.CARE_HOME, 96, false],
    ['500110', InstitutionType.CARE_HOME, 120, false],
  ] as const
).map(([regionCode, type, beds, hasSocialWorkDepartment], i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  regionCode,
  type,
  beds,
  hasSocialWorkDepartment,
}));

const TODAY = '2026-11-29';
const active = (w: DemoWorkforce, on: string) =>
  w.employments.filter((e) => e.startDate <= on && (e.endDate === null || e.endDate > on));

describe('demo workforce generator', () => {
  const w = generateDemoWorkforce(INSTITUTIONS, TODAY);

  it('is deterministic for a given day and seed, and another seed gives other people', () => {
    expect(generateDemoWorkforce(INSTITUTIONS, TODAY)).toEqual(w);
    const other = generateDemoWorkforce(INSTITUTIONS, TODAY, 7);
    expect(other.persons[0].idNumber).not.toBe(w.persons[0].idNumber);
  });

  it('mulberry32 gives the same floats in [0, 1) from the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });

  it('makes about 3,000 people with valid, unique resident ID numbers from Chongqing, sex and birth date from them', () => {
    expect(w.persons.length).toBeGreaterThanOrEqual(2700);
    expect(w.persons.length).toBeLessThanOrEqual(3300);
    expect(new Set(w.persons.map((p) => p.idNumber)).size).toBe(w.persons.length);
    for (const p of w.persons) {
      expect(isValidResidentId(p.idNumber)).toBe(true);
      const id = parseResidentId(p.idNumber);
      expect(id.addressCode).toMatch(/^50\d{4}$/);
      expect([id.sex, id.birthDate]).toEqual([p.sex, p.birthDate]);
      expect(normalizeName(p.name)).toBe(p.name);
      expect([...p.name].length).toBeGreaterThanOrEqual(2);
      expect([...p.name].length).toBeLessThanOrEqual(3);
      if (p.phone !== null) expect(normalizePhone(p.phone)).toMatch(/^1[3-9]\d{9}$/);
    }
    const withPhone = w.persons.filter((p) => p.phone).length / w.persons.length;
    expect(withPhone).toBeGreaterThan(0.6);
    expect(withPhone).toBeLessThan(0.95);
    expect(w.persons.filter((p) => p.education).length / w.persons.length).toBeGreaterThan(0.8);
  });

  it('draws occupations in realistic proportions, with the team of each occupation', () => {
    const share = (o: Occupation) => w.employments.filter((e) => e.occupation === o).length / w.employments.length;
    expect(share(Occupation.CAREGIVER)).toBeGreaterThan(0.62);
    expect(share(Occupation.CAREGIVER)).toBeLessThan(0.72);
    for (const o of Object.values(Occupation)) expect(share(o)).toBeGreaterThan(0);
    for (const e of w.employments) expect(e.team).toBe(TEAM_OF[e.occupation]);
  });

  it('gives every institution exactly one active director, and staff in proportion to beds', () => {
    const today = active(w, TODAY);
    const staff = (i: DemoInstitutionRef) =>
      new Set(today.filter((e) => e.institutionId === i.id).map((e) => e.person));
    for (const inst of INSTITUTIONS) {
      const directors = today.filter((e) => e.institutionId === inst.id && e.occupation === Occupation.DIRECTOR);
      expect(directors).toHaveLength(1);
      expect(staff(inst).size).toBeGreaterThanOrEqual(40);
    }
    const careHomes = INSTITUTIONS.filter((i) => i.type === InstitutionType.CARE_HOME);
    const bySize = [...careHomes].sort((a, b) => a.beds! - b.beds!).map((i) => staff(i).size);
    expect(bySize).toEqual([...bySize].sort((a, b) => a - b));
  });

  it('staffs the institution-admin home and Wanzhou with dozens of people, social workers among them', () => {
    const today = active(w, TODAY);
    const first = today.filter((e) => e.institutionId === INSTITUTIONS[0].id);
    expect(new Set(first.map((e) => e.person)).size).toBeGreaterThan(100);
    expect(first.filter((e) => e.occupation === Occupation.SOCIAL_WORKER).length).toBeGreaterThanOrEqual(3);
    const wanzhou = new Set(INSTITUTIONS.filter((i) => i.regionCode === '500101').map((i) => i.id));
    const inWanzhou = today.filter((e) => wanzhou.has(e.institutionId));
    expect(new Set(inWanzhou.map((e) => e.person)).size).toBeGreaterThan(300);
    expect(inWanzhou.filter((e) => e.occupation === Occupation.SOCIAL_WORKER).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps caregivers mostly 40-60 and professionals younger, everyone at least 16 at the start', () => {
    const ageOn = (birth: string, day: string) => {
      let age = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
      if (day.slice(5) < birth.slice(5)) age--;
      return age;
    };
    const ages = (o: Occupation) =>
      w.employments.filter((e) => e.occupation === o).map((e) => ageOn(w.persons[e.person].birthDate, TODAY));
    const caregivers = ages(Occupation.CAREGIVER);
    expect(caregivers.filter((a) => a >= 40 && a <= 60).length / caregivers.length).toBeGreaterThan(0.75);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(ages(Occupation.SOCIAL_WORKER))).toBeLessThan(median(caregivers) - 8);
    expect(median(ages(Occupation.NURSE))).toBeLessThan(median(caregivers) - 8);
    for (const e of w.employments) {
      expect(e.startDate >= addYears(w.persons[e.person].birthDate, 16)).toBe(true);
    }
  });

  it('spreads starts from 2015 to a few months ago; about a tenth ended, after they started, never in the future', () => {
    const starts = w.employments.map((e) => e.startDate).sort();
    expect(starts[0] >= '2015-01-01').toBe(true);
    expect(starts[0] < '2015-07-01').toBe(true);
    expect(starts[starts.length - 1] < DEMO_WORKFORCE_ANCHOR).toBe(true);
    expect(starts[starts.length - 1] > '2026-06-01').toBe(true);
    const ended = w.employments.filter((e) => e.endDate !== null);
    expect(ended.length / w.employments.length).toBeGreaterThan(0.08);
    expect(ended.length / w.employments.length).toBeLessThan(0.13);
    for (const e of ended) {
      expect(e.endDate! > e.startDate).toBe(true);
      expect(e.endDate! <= TODAY).toBe(true);
      expect(Object.values(EndReason)).toContain(e.endReason);
    }
    for (const e of w.employments.filter((x) => x.endDate === null)) expect(e.endReason).toBeNull();
    expect(new Set(ended.map((e) => e.endReason)).size).toBeGreaterThanOrEqual(4);
  });

  it('clamps every date to today when today is before the anchor', () => {
    const early = generateDemoWorkforce(INSTITUTIONS, '2026-03-01');
    expect(early.persons).toEqual(w.persons);
    for (const e of early.employments) {
      expect(e.startDate <= '2026-03-01').toBe(true);
      if (e.endDate) expect(e.endDate >= e.startDate && e.endDate <= '2026-03-01').toBe(true);
    }
  });

  it('gives about one person in twenty a second concurrent job elsewhere, part-time or in another occupation', () => {
    const jobs = new Map<number, typeof w.employments>();
    for (const e of active(w, TODAY)) jobs.set(e.person, [...(jobs.get(e.person) ?? []), e]);
    const two = [...jobs.values()].filter((list) => list.length > 1);
    expect(two.length / w.persons.length).toBeGreaterThan(0.04);
    expect(two.length / w.persons.length).toBeLessThan(0.06);
    for (const [a, b] of two) {
      expect(a.institutionId).not.toBe(b.institutionId);
      expect(a.occupation !== b.occupation || a.postType === 'PART_TIME' || b.postType === 'PART_TIME').toBe(true);
    }
    // Social workers of the social-work organisation stationed in care homes.
    const stationed = two.filter(([a, b]) => a.occupation === 'SOCIAL_WORKER' && b.occupation === 'SOCIAL_WORKER');
    expect(stationed.length).toBeGreaterThan(0);
  });

  it('records transfers: ended TRANSFERRED at one institution, started at another later', () => {
    const byPerson = new Map<number, typeof w.employments>();
    for (const e of w.employments) byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), e]);
    const transfers = [...byPerson.values()].filter(
      (list) =>
        list.length > 1 &&
        list.some(
          (a) =>
            a.endReason === EndReason.TRANSFERRED &&
            list.some((b) => b.institutionId !== a.institutionId && b.endDate === null && b.startDate >= a.endDate!),
        ),
    );
    expect(transfers.length).toBeGreaterThanOrEqual(2);
  });

  it('never has the same person twice in one job at one institution (the service would refuse it)', () => {
    const keys = w.employments.map((e) => `${e.person}|${e.institutionId}|${e.occupation}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

// Needs the database that `npm test` prepares; `npm run test:unit` runs the generator tests alone.
const withDatabase = process.env.TEST_DB_MODE ? describe : describe.skip;

withDatabase('demo seed (SeedService) on a real database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t?.close());

  // How long seeding takes is measured by the smoke start (.ci/run prints it), not asserted here: a timed test fails
  // on a busy machine and says nothing a benchmark would not.
  it('stores the generated workforce in the forms the service uses', async () => {
    const { rows: institutions } = await t.db.query<DemoInstitutionRef & { credit_code: string }>(
      `SELECT id, region_code AS "regionCode", type, beds, has_social_work_department AS "hasSocialWorkDepartment"
         FROM institution ORDER BY substring(credit_code FROM 11 FOR 7)`,
    );
    const expected = generateDemoWorkforce(institutions, todayInShanghai());
    const { rows: counts } = await t.db.query<{ persons: number; employments: number }>(
      // The time bank's demo volunteers are persons too, without jobs.
      `SELECT (SELECT count(*)::int FROM person p
                WHERE NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.person_id = p.id)) AS persons,
              (SELECT count(*)::int FROM employment) AS employments`,
    );
    expect(counts[0]).toEqual({ persons: expected.persons.length, employments: expected.employments.length });

    const pii = new PiiCipher(parsePiiKey(TEST_PII_KEY));
    const sample = expected.persons.filter((_, i) => i % 97 === 0);
    const { rows } = await t.db.query<{
      id_number_hash: string;
      id_number_encrypted: string;
      id_number_masked: string;
      name: string;
      phone_encrypted: string | null;
      phone_masked: string | null;
    }>('SELECT * FROM person WHERE id_number_hash = ANY($1)', [sample.map((p) => pii.lookupHash(p.idNumber))]);
    expect(rows).toHaveLength(sample.length);
    for (const p of sample) {
      const row = rows.find((r) => r.id_number_hash === pii.lookupHash(p.idNumber))!;
      expect(pii.decrypt(row.id_number_encrypted)).toBe(p.idNumber);
      expect(row.id_number_masked).toBe(`${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}`);
      expect(row.name).toBe(p.name);
      expect(row.phone_encrypted ? pii.decrypt(row.phone_encrypted) : null).toBe(p.phone);
      expect(row.phone_masked).toBe(p.phone ? `${p.phone.slice(0, 3)}****${p.phone.slice(7)}` : null);
    }
  });

  it('shows the demo accounts meaningful numbers: headcounts, staff and social workers', async () => {
    const planner = await login(t, 'planner', DEMO_PASSWORD);
    const all = await t.gql(
      '{ workforceHeadcount { total byTeam { team count } byRegion { regionCode count } } }',
      {},
      planner,
    );
    const headcount = all.body.data!.workforceHeadcount;
    expect(headcount.total).toBeGreaterThan(2000);
    expect(headcount.byRegion.find((r: { regionCode: string }) => r.regionCode === '500101').count).toBeGreaterThan(
      300,
    );

    const wanzhou = await login(t, 'wanzhou-planner', DEMO_PASSWORD);
    const district = await t.gql(
      `{ workforceHeadcount { regionCode total byOccupation { occupation count } }
         people(filter: { occupation: SOCIAL_WORKER }, first: 100) { totalCount edges { node { idNumberMasked } } } }`,
      {},
      wanzhou,
    );
    expect(district.body.errors).toBeUndefined();
    expect(district.body.data!.workforceHeadcount.regionCode).toBe('500101');
    expect(district.body.data!.workforceHeadcount.total).toBeGreaterThan(300);
    expect(district.body.data!.people.totalCount).toBeGreaterThanOrEqual(5);

    const admin = await login(t, 'institution-admin', DEMO_PASSWORD);
    const own = await t.gql(
      `{ institutions(first: 5) { edges { node { name activeStaffCount socialWorkerCount requiredSocialWorkers } } }
         people(first: 1) { totalCount } }`,
      {},
      admin,
    );
    const home = own.body.data!.institutions.edges.map((e: { node: unknown }) => e.node);
    expect(home).toEqual([expect.objectContaining({ name: '万州区社会福利院', requiredSocialWorkers: 5 }) as unknown]);
    expect(home[0].activeStaffCount).toBeGreaterThan(100);
    expect(home[0].socialWorkerCount).toBeGreaterThanOrEqual(3);
    expect(own.body.data!.people.totalCount).toBeGreaterThan(home[0].activeStaffCount);
  });

  it('lets a registration of a demo person under the same ID number and name link to that person', async () => {
    const planner = await login(t, 'planner', DEMO_PASSWORD);
    const { rows: institutions } = await t.db.query<DemoInstitutionRef & { credit_code: string }>(
      `SELECT id, region_code AS "regionCode", type, beds, has_social_work_department AS "hasSocialWorkDepartment"
         FROM institution ORDER BY substring(credit_code FROM 11 FOR 7)`,
    );
    const expected = generateDemoWorkforce(institutions, todayInShanghai());
    const person = expected.persons[0];
    const before = await t.db.query('SELECT count(*)::int AS n FROM person');
    const res = await t.gql(
      `mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { person { name idNumberMasked } } }`,
      {
        input: {
          institutionId: institutions[10].id,
          idNumber: person.idNumber,
          name: person.name,
          occupation: 'MANAGER',
          postType: 'PART_TIME',
          startDate: '2026-09-01',
        },
      },
      planner,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.registerStaff.person.name).toBe(person.name);
    await expect(t.db.query('SELECT count(*)::int AS n FROM person')).resolves.toMatchObject({ rows: before.rows });
  });
});
