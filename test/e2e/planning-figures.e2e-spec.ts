import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import {
  auditCount,
  createInstitution,
  earnCredits,
  registerStaff,
  registerVolunteer,
  residentId,
  signIn,
  signInRoles,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Figures a district planner can defend (issue 12): district targets shared out of the city's, and the time bank
// as it stood at the end of a past date, each on a small world worked out by hand.

const APPORTION = `mutation($i: ApportionTargetInput!) {
  apportionTarget(input: $i) { written cityTarget targets { regionCode value } } }`;
const PROGRESS = `query($asOf: Date, $regionCode: String) {
  workforceProgress(asOf: $asOf, regionCode: $regionCode) { targets { year target } note } }`;
const SUMMARY = `query($r: String, $asOf: Date) { timeBankSummary(regionCode: $r, asOf: $asOf) {
  asOf regionCode volunteers activeVolunteers shareAged60To69 minutesIssued minutesRedeemed minutesPendingRedemption
  minutesTransferred minutesGranted minutesToPool publicPoolMinutes
  regions { regionCode volunteers minutesIssued minutesRedeemed minutesPendingRedemption } } }`;

const TODAY = todayInShanghai();
const fields = (res: GraphQLResponse) =>
  (res.body.errors ?? []).flatMap((e) => (e.extensions?.fields as string[]) ?? []);

describe('figures a district planner can defend', () => {
  let t: TestApp;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500101' },
      { role: 'ADMIN' },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const apportion = (input: Record<string, unknown>, token = tokens.MUNICIPAL_PLANNER) =>
    t.gql(APPORTION, { i: input }, token);
  const stored = async (metric: string, year: number) =>
    (
      await t.db.query(
        `SELECT region_code AS "regionCode", value::float8 AS value FROM target
          WHERE metric = $1 AND year = $2 AND region_code IS NOT NULL ORDER BY region_code`,
        [metric, year],
      )
    ).rows;
  const setTarget = (metric: string, regionCode: string | null, year: number, value: number) =>
    t.db.query('INSERT INTO target (metric, region_code, year, value) VALUES ($1, $2, $3, $4)', [
      metric,
      regionCode,
      year,
      value,
    ]);
  const targetsTable = async () =>
    (await t.db.query('SELECT metric, region_code, year, value::float8 AS value FROM target ORDER BY 1, 2, 3')).rows;

  describe('apportionTarget', () => {
    beforeAll(async () => {
      // Older adults: only these figures. 500101 3,000; 500102 1,000; 500103 a figure of 0; 500104 2,000 (its
      // 2020 figure of 999 is older); nobody else has one.
      await t.db.query('DELETE FROM region_population');
      for (const [code, year, older] of [
        ['500101', 2024, 3000],
        ['500102', 2024, 1000],
        ['500103', 2024, 0],
        ['500104', 2020, 999],
        ['500104', 2024, 2000],
      ] as const) {
        await t.db.query(
          `INSERT INTO region_population (region_code, year, total, older_adults, total_basis, older_adults_basis)
           VALUES ($1, $2, $3, $4, 'CENSUS', 'CENSUS')`,
          [code, year, older * 5, older],
        );
      }
      await setTarget('TALENT_HEADCOUNT', null, 2031, 1000);
      // Earlier district targets of that metric and year, and others that must stay as they are.
      await setTarget('TALENT_HEADCOUNT', '500103', 2031, 77);
      await setTarget('TALENT_HEADCOUNT', '500105', 2031, 5);
      await setTarget('TALENT_HEADCOUNT', '500101', 2030, 400);
      await setTarget('TRAINING_PERSON_SESSIONS', '500101', 2031, 90);
    });

    it('previews the shares with dryRun, writing nothing and auditing nothing', async () => {
      const before = await targetsTable();
      const audits = await auditCount(t);
      const res = await apportion({ metric: 'TALENT_HEADCOUNT', year: 2031, basis: 'OLDER_ADULTS', dryRun: true });
      expect(res.body.errors).toBeUndefined();
      // 1,000 by 3,000 : 1,000 : 0 : 2,000 (6,000): quotas 500, 166.67, 0, 333.33 -> 500, 166, 0, 333 and the one
      // left to the largest remainder (500102's 0.67). 500103's share is 0: no target, not listed.
      expect(res.body.data!.apportionTarget).toEqual({
        written: false,
        cityTarget: 1000,
        targets: [
          { regionCode: '500101', value: 500 },
          { regionCode: '500102', value: 167 },
          { regionCode: '500104', value: 333 },
        ],
      });
      expect(await targetsTable()).toEqual(before);
      expect(await auditCount(t)).toBe(audits);
    });

    it('writes them, replacing every earlier district target of that metric and year, with one audit event', async () => {
      const audits = await auditCount(t);
      const res = await apportion({ metric: 'TALENT_HEADCOUNT', year: 2031, basis: 'OLDER_ADULTS' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.apportionTarget.written).toBe(true);
      const after = await stored('TALENT_HEADCOUNT', 2031);
      expect(after).toEqual([
        { regionCode: '500101', value: 500 },
        { regionCode: '500102', value: 167 },
        { regionCode: '500104', value: 333 },
      ]);
      expect(after.reduce((n, r) => n + r.value, 0)).toBe(1000);
      // The others are untouched: the city's, 500101's 2030 and its training target.
      expect(await targetsTable()).toEqual(
        expect.arrayContaining([
          { metric: 'TALENT_HEADCOUNT', region_code: null, year: 2031, value: 1000 },
          { metric: 'TALENT_HEADCOUNT', region_code: '500101', year: 2030, value: 400 },
          { metric: 'TRAINING_PERSON_SESSIONS', region_code: '500101', year: 2031, value: 90 },
        ]),
      );
      expect(await auditCount(t)).toBe(audits + 1);
      const { rows } = await t.db.query(
        `SELECT record_type, summary FROM audit_event WHERE operation = 'apportionTarget' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0].record_type).toBe('Target');
      expect(rows[0].summary).toEqual({
        metric: 'TALENT_HEADCOUNT',
        year: 2031,
        basis: 'OLDER_ADULTS',
        cityTarget: 1000,
        before: [
          { regionCode: '500103', value: 77 },
          { regionCode: '500105', value: 5 },
        ],
        after: [
          { regionCode: '500101', value: 500 },
          { regionCode: '500102', value: 167 },
          { regionCode: '500104', value: 333 },
        ],
      });
      // The district's own target now shows on its progress; the city's other years still do not.
      const progress = await t.gql(PROGRESS, { regionCode: '500101' }, tokens.DISTRICT_PLANNER);
      expect(progress.body.data!.workforceProgress.targets).toEqual(
        [
          { year: 2030, target: 400 },
          { year: 2031, target: 500 },
        ].filter((x) => x.year >= Number(TODAY.slice(0, 4))),
      );
    });

    it('adds up exactly when the city target is smaller than the number of regions: ties go by region code', async () => {
      // Seven care homes of 100 beds in seven districts; 5 person-sessions: 5 / 7 each, all remainders equal, so
      // the first five codes get one.
      const homes = ['500110', '500103', '500107', '500105', '500106', '500109', '500108'];
      for (const regionCode of homes) await createInstitution(t, { regionCode, beds: 100 });
      await setTarget('TRAINING_PERSON_SESSIONS', null, 2031, 5);
      const res = await apportion({ metric: 'TRAINING_PERSON_SESSIONS', year: 2031, basis: 'CARE_HOME_BEDS' });
      expect(res.body.errors).toBeUndefined();
      const shares = ['500103', '500105', '500106', '500107', '500108'].map((regionCode) => ({ regionCode, value: 1 }));
      expect(res.body.data!.apportionTarget).toEqual({ written: true, cityTarget: 5, targets: shares });
      // 500101's earlier 90 is replaced (its share, with no beds, is 0).
      expect(await stored('TRAINING_PERSON_SESSIONS', 2031)).toEqual(shares);
    });

    it('shares by headcount on the primary-job rule: someone with jobs in two districts counts once', async () => {
      const [a, b] = [
        await createInstitution(t, { regionCode: '500111', type: 'COMMUNITY_CENTER' }),
        await createInstitution(t, { regionCode: '500112', type: 'COMMUNITY_CENTER' }),
      ];
      for (let i = 0; i < 3; i++) {
        await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
          institutionId: a,
          idNumber: residentId({ birthDate: '1990-01-01' }),
          startDate: '2020-01-01',
        });
      }
      // Primary job at b (the earlier start), second at a.
      const idNumber = residentId({ birthDate: '1991-01-01' });
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: b,
        idNumber,
        name: '两处',
        startDate: '2019-01-01',
      });
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: a,
        idNumber,
        name: '两处',
        startDate: '2021-01-01',
      });
      await setTarget('TALENT_HEADCOUNT', null, 2032, 10);
      // 10 by 3 : 1 -> 7.5 and 2.5: 7 and 2, the one left to the tie's lower code.
      const res = await apportion({ metric: 'TALENT_HEADCOUNT', year: 2032, basis: 'HEADCOUNT', dryRun: true });
      expect(res.body.data!.apportionTarget.targets).toEqual([
        { regionCode: '500111', value: 8 },
        { regionCode: '500112', value: 2 },
      ]);
    });

    it('refuses ratio metrics, a year without a city target and a basis with nothing, writing nothing', async () => {
      const before = await targetsTable();
      const audits = await auditCount(t);
      const cases: [Record<string, unknown>, string][] = [
        [{ metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 2031, basis: 'OLDER_ADULTS' }, 'metric'],
        [{ metric: 'TALENT_HEADCOUNT', year: 2033, basis: 'OLDER_ADULTS' }, 'year'],
        [{ metric: 'TALENT_HEADCOUNT', year: 1999, basis: 'OLDER_ADULTS' }, 'year'],
      ];
      for (const [input, field] of cases) {
        const res = await apportion(input);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(fields(res)).toEqual([field]);
      }
      // No district has any older adults recorded any more: nothing to share by.
      await t.db.query('UPDATE region_population SET older_adults = 0');
      const empty = await apportion({ metric: 'TALENT_HEADCOUNT', year: 2031, basis: 'OLDER_ADULTS' });
      expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
      expect(fields(empty)).toEqual(['basis']);
      expect(await targetsTable()).toEqual(before);
      expect(await auditCount(t)).toBe(audits);
    });

    it('is for the municipal planner only', async () => {
      const institution = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: await createInstitution(t) });
      const input = { metric: 'TALENT_HEADCOUNT', year: 2031, basis: 'HEADCOUNT', dryRun: true };
      for (const token of [tokens.DISTRICT_PLANNER, tokens.ADMIN, institution.token]) {
        expect(codes(await apportion(input, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await t.gql(APPORTION, { i: input }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('timeBankSummary as of a date', () => {
    const REGION = '500119';
    let v: TestVolunteer;

    /** Moves a journal and its postings to a moment in the past (history is append-only: triggers are bypassed). */
    const at = async (sql: string, values: unknown[]) => {
      await t.db.query('SET session_replication_role = replica');
      try {
        await t.db.query(sql, values);
      } finally {
        await t.db.query('SET session_replication_role = DEFAULT');
      }
    };
    const moveJournal = async (journalId: string, when: string) => {
      await at('UPDATE journal SET created_at = $2 WHERE id = $1', [journalId, when]);
      await at('UPDATE posting SET created_at = $2 WHERE journal_id = $1', [journalId, when]);
    };

    beforeAll(async () => {
      // One volunteer (born 1964-03-15) in 500119 with this history (times are 10:00 in Shanghai):
      //   2025-01-01 signs up
      //   2025-03-01 300 min credited for service on 2025-02-28
      //   2025-04-01 redeems 60 for care (still pending)
      //   2025-04-10 redeems 30 for care, confirmed 2025-05-10
      //   2025-04-20 donates 20 to the pool
      //   2025-05-01 90 min credited for service on 2025-04-29, reversed 2025-06-15
      const site = await createInstitution(t, { regionCode: '500101', type: 'COMMUNITY_CENTER' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: site });
      v = await registerVolunteer(t, { regionCode: REGION, birthDate: '1964-03-15' });
      const first = await earnCredits(t, v.token, admin.token, { institutionId: site, minutes: 300 });
      const redeem = async (minutes: number, key: string) =>
        (
          await t.gql<{ redeemTime: { id: string; journalId: string } }>(
            'mutation($i: RedeemTimeInput!) { redeemTime(input: $i) { id journalId } }',
            { i: { minutes, institutionId: site, idempotencyKey: key } },
            v.token,
          )
        ).body.data!.redeemTime;
      const pending = await redeem(60, 'asof-1');
      const confirmed = await redeem(30, 'asof-2');
      const ok = await t.gql(
        'mutation($id: ID!) { confirmCareRedemption(id: $id) { id } }',
        { id: confirmed.id },
        admin.token,
      );
      expect(ok.body.errors).toBeUndefined();
      const donation = await t.gql<{ transferCredits: { id: string } }>(
        'mutation($i: TransferCreditsInput!) { transferCredits(input: $i) { id } }',
        { i: { toPublicPool: true, minutes: 20, idempotencyKey: 'asof-3' } },
        v.token,
      );
      const second = await earnCredits(t, v.token, admin.token, { institutionId: site, minutes: 90 });
      const journalOf = async (recordId: string) =>
        (await t.db.query('SELECT journal_id::text AS id FROM service_record WHERE id = $1', [recordId])).rows[0].id;
      const reversal = await t.gql<{ reverseJournal: { id: string } }>(
        'mutation($id: ID!) { reverseJournal(id: $id, reason: "logged twice") { id } }',
        { id: await journalOf(second.id) },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(reversal.body.errors).toBeUndefined();

      const shanghai = (date: string) => `${date}T10:00:00+08:00`;
      await at('UPDATE volunteer SET created_at = $2 WHERE id = $1', [v.id, shanghai('2025-01-01')]);
      const service = (recordId: string, serviceDate: string, when: string) =>
        at('UPDATE service_record SET service_date = $2, created_at = $3, decided_at = $3 WHERE id = $1', [
          recordId,
          serviceDate,
          shanghai(when),
        ]);
      await service(first.id, '2025-02-28', '2025-03-01');
      await moveJournal(await journalOf(first.id), shanghai('2025-03-01'));
      await moveJournal(pending.journalId, shanghai('2025-04-01'));
      await at('UPDATE care_redemption SET created_at = $2 WHERE id = $1', [pending.id, shanghai('2025-04-01')]);
      await moveJournal(confirmed.journalId, shanghai('2025-04-10'));
      await at('UPDATE care_redemption SET created_at = $2, decided_at = $3 WHERE id = $1', [
        confirmed.id,
        shanghai('2025-04-10'),
        shanghai('2025-05-10'),
      ]);
      await moveJournal(donation.body.data!.transferCredits.id, shanghai('2025-04-20'));
      await service(second.id, '2025-04-29', '2025-05-01');
      await moveJournal(await journalOf(second.id), shanghai('2025-05-01'));
      await moveJournal(reversal.body.data!.reverseJournal.id, shanghai('2025-06-15'));
    });

    const summary = async (asOf?: string, token = tokens.MUNICIPAL_PLANNER, r: string | null = REGION) => {
      const res = await t.gql(SUMMARY, { r, asOf }, token);
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.timeBankSummary;
    };
    const zero = {
      minutesIssued: 0,
      minutesRedeemed: 0,
      minutesPendingRedemption: 0,
      minutesTransferred: 0,
      minutesGranted: 0,
      minutesToPool: 0,
    };

    it('counts what had happened by the end of each date', async () => {
      // Signed up, but the service of 28 February was logged only on 1 March: nothing yet, nobody active.
      expect(await summary('2025-02-28')).toMatchObject({
        asOf: '2025-02-28',
        volunteers: 1,
        activeVolunteers: 0,
        ...zero,
        publicPoolMinutes: 0,
      });
      expect(await summary('2024-12-31')).toMatchObject({ volunteers: 0, ...zero });
      expect(await summary('2025-03-01')).toMatchObject({
        volunteers: 1,
        activeVolunteers: 1,
        shareAged60To69: 1,
        minutesIssued: 300,
      });
      // Both redemptions debited, neither confirmed: pending, not redeemed. The donation is in the pool.
      expect(await summary('2025-04-30')).toMatchObject({
        ...zero,
        minutesIssued: 300,
        minutesPendingRedemption: 90,
        minutesToPool: 20,
        publicPoolMinutes: 20,
      });
      // The 30 confirmed on 10 May are redeemed; the second credit not yet reversed.
      expect(await summary('2025-05-31')).toMatchObject({
        minutesIssued: 390,
        minutesRedeemed: 30,
        minutesPendingRedemption: 60,
      });
      // Reversed on 15 June: left out from then on. Still active by the service of 29 April (within 90 days).
      const june = await summary('2025-06-30');
      expect(june).toMatchObject({
        activeVolunteers: 1,
        minutesIssued: 300,
        minutesRedeemed: 30,
        minutesPendingRedemption: 60,
        minutesToPool: 20,
        publicPoolMinutes: 20,
      });
      expect(june.regions).toEqual([
        {
          regionCode: REGION,
          volunteers: 1,
          minutesIssued: 300,
          minutesRedeemed: 30,
          minutesPendingRedemption: 60,
        },
      ]);
    });

    it('reads today from the stored running totals, and a past date from the postings, to the same figures', async () => {
      const today = await summary();
      expect(today).toMatchObject({
        asOf: TODAY,
        volunteers: 1,
        activeVolunteers: 0,
        minutesIssued: 300,
        minutesRedeemed: 30,
        minutesPendingRedemption: 60,
        minutesToPool: 20,
        publicPoolMinutes: 20,
      });
      const { asOf: _a, ...rest } = today;
      const { asOf: _b, ...yesterday } = await summary(addDays(TODAY, -1));
      expect(yesterday).toEqual(rest);
      const { asOf: _c, ...city } = await summary(undefined, tokens.MUNICIPAL_PLANNER, null);
      const { asOf: _d, ...cityYesterday } = await summary(addDays(TODAY, -1), tokens.MUNICIPAL_PLANNER, null);
      expect(cityYesterday).toEqual(city);
    });

    it('refuses a bad or future asOf naming the field, and keeps a district planner to its region', async () => {
      for (const asOf of ['2025-02-30', addDays(TODAY, 1), '1999-12-31']) {
        const res = await t.gql(SUMMARY, { r: REGION, asOf }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(fields(res)).toEqual(['asOf']);
      }
      expect(codes(await t.gql(SUMMARY, { r: REGION, asOf: '2025-04-30' }, tokens.DISTRICT_PLANNER))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await summary('2025-04-30', tokens.DISTRICT_PLANNER, null)).toMatchObject({
        regionCode: '500101',
        volunteers: 0,
      });
    });
  });
});
