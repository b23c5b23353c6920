import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInstitution, registerStaff, residentId, signIn, staffInput } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

const BATCH = `mutation($rows: [RegisterStaffInput!]!) {
  registerStaffBatch(rows: $rows) { accepted skipped written errors { index field code } }
}`;
const REGISTER = `mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }`;

describe('workforce: edges of the input rules', () => {
  let t: TestApp;
  let planner: string;
  let wanzhouPlanner: string;
  let wanzhouHome: string;
  let fulingHome: string;

  beforeAll(async () => {
    t = await startTestApp();
    planner = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
    wanzhouPlanner = (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' })).token;
    wanzhouHome = await createInstitution(t, { regionCode: '500101' });
    fulingHome = await createInstitution(t, { regionCode: '500102' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const rowsIn = async () => (await t.db.query('SELECT count(*)::int AS n FROM employment')).rows[0].n as number;

  it('reports a row with an impossible date as that row’s error, beside the other bad rows', async () => {
    const before = await rowsIn();
    const rows = [
      staffInput({ institutionId: wanzhouHome }),
      staffInput({ institutionId: wanzhouHome, startDate: '2022-02-30' }),
      { ...staffInput({ institutionId: wanzhouHome }), idNumber: '123' },
    ];
    const res = await t.gql(BATCH, { rows }, planner);
    expect(res.body.data?.registerStaffBatch).toEqual({
      accepted: 0,
      skipped: 0,
      written: false,
      errors: [
        { index: 1, field: 'startDate', code: 'BAD_USER_INPUT' },
        { index: 2, field: 'idNumber', code: 'BAD_USER_INPUT' },
      ],
    });
    expect(await rowsIn()).toBe(before);
  });

  it('names the field of an impossible date in a single registration', async () => {
    const res = await t.gql(
      REGISTER,
      { i: staffInput({ institutionId: wanzhouHome, startDate: '2022-13-01' }) },
      planner,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.fields).toEqual(['startDate']);
  });

  it('never echoes an ID number or phone sent as a number', async () => {
    const idNumber = residentId();
    const phone = 13812345678;
    const responses = [
      await t.gql(REGISTER, { i: { ...staffInput({ institutionId: wanzhouHome, idNumber }), phone } }, planner),
      await t.gql(
        REGISTER,
        { i: { ...staffInput({ institutionId: wanzhouHome }), idNumber: Number(idNumber.slice(0, 17)) } },
        planner,
      ),
      await t.gql(BATCH, { rows: [{ ...staffInput({ institutionId: wanzhouHome }), phone }] }, planner),
      await t.gql(
        `mutation { registerStaff(input: { institutionId: "${wanzhouHome}", idNumber: ${idNumber.slice(0, 17)},
           name: "甲", occupation: CAREGIVER, postType: FULL_TIME, startDate: "2024-01-01" }) { id } }`,
        {},
        planner,
      ),
    ];
    for (const res of responses) {
      expect(codes(res)[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      const body = JSON.stringify(res.body);
      expect(body).not.toContain(String(phone));
      expect(body).not.toContain(idNumber.slice(0, 17));
    }
    expect(responses[0].body.errors![0].extensions!.fields).toEqual(['i.phone']);
  });

  it('refuses a district planner’s people filter naming an institution outside its region', async () => {
    const outside = await t.gql(
      `{ people(filter: { institutionId: "${fulingHome}" }) { totalCount } }`,
      {},
      wanzhouPlanner,
    );
    expect(codes(outside)).toEqual(['FORBIDDEN']);
    const inside = await t.gql(
      `{ people(filter: { institutionId: "${wanzhouHome}" }) { totalCount } }`,
      {},
      wanzhouPlanner,
    );
    expect(codes(inside)).toEqual([]);
  });

  it('refuses an institution admin’s people filter naming another region', async () => {
    const admin = (await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: wanzhouHome })).token;
    const other = await t.gql('{ people(filter: { regionCode: "500102" }) { totalCount } }', {}, admin);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const own = await t.gql('{ people(filter: { regionCode: "500101" }) { totalCount } }', {}, admin);
    expect(codes(own)).toEqual([]);
  });

  it('answers an empty or unknown region in the headcount with BAD_USER_INPUT', async () => {
    for (const regionCode of ['', '999999']) {
      const res = await t.gql(
        'query($r: String) { workforceHeadcount(regionCode: $r) { total } }',
        { r: regionCode },
        planner,
      );
      expect({ regionCode, codes: codes(res) }).toEqual({ regionCode, codes: ['BAD_USER_INPUT'] });
    }
  });

  it('refuses a correction that names no field to change (a null name is no change)', async () => {
    const job = await registerStaff(t, planner, { institutionId: wanzhouHome });
    const res = await t.gql(
      'mutation($id: ID!) { correctPerson(id: $id, input: { name: null }, reason: "typo") { id } }',
      { id: job.person.id },
      planner,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('checks the people filter’s activeOn date', async () => {
    const res = await t.gql('{ people(filter: { activeOn: "2025-02-30" }) { totalCount } }', {}, planner);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.fields).toEqual(['filter.activeOn']);
  });
});
