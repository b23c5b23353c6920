import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, todayInShanghai } from '../../src/common/dates.js';
import { PiiCipher } from '../../src/common/pii.js';
import { TargetMetric } from '../../src/targets/target.enums.js';
import { TargetsService } from '../../src/targets/targets.service.js';
import {
  auditCount,
  createInstitution,
  creditCode,
  registerStaff,
  residentId,
  signIn,
  signInRoles,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Training sessions, attendance batches and training progress, end to end through GraphQL. Aggregates are
// city-wide or per region, so each test counts in a year or region of its own (named where it arranges its data),
// and no test depends on another's data.

const SESSION_FIELDS = `id title audience regionCode startDate endDate hours capacity provider { id name }
  attendeeCount completedCount`;
const CREATE = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { ${SESSION_FIELDS} } }`;
const RECORD = `mutation($s: ID!, $rows: [AttendanceInput!]!, $dryRun: Boolean) {
  recordAttendance(sessionId: $s, rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } }
}`;
const SESSIONS = `query($filter: TrainingSessionFilter, $first: Int, $after: String) {
  trainingSessions(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${SESSION_FIELDS} } }
  }
}`;
const PROGRESS = `query($year: Int!, $regionCode: String, $asOf: Date) {
  trainingProgress(year: $year, regionCode: $regionCode, asOf: $asOf) {
    year asOf regionCode target note completedPersonSessions expectedToDate onTrack
    byAudience { audience count } byRegion { regionCode count } byMonth { month count }
  }
}`;

const AUDIENCES = ['CAREGIVER', 'DIRECTOR', 'SOCIAL_WORKER', 'CAPABILITY_ASSESSOR', 'OTHER'];
const today = todayInShanghai();
const currentYear = Number(today.slice(0, 4));

interface RowErrorShape {
  index: number;
  field: string | null;
  code: string;
  message: string;
}
interface Batch {
  accepted: number;
  skipped: number;
  written: boolean;
  errors: RowErrorShape[];
}
interface Attendee {
  idNumber: string;
  name: string;
  completed: boolean;
}

let serial = 0;
const uniqueName = (prefix: string) => `${prefix}${(++serial).toString(36)}${randomBytes(2).toString('hex')}`;
const attendee = (completed = true): Attendee => ({ idNumber: residentId(), name: uniqueName('学员'), completed });
const attendees = (n: number, completed = true) => Array.from({ length: n }, () => attendee(completed));

/** The same ID number with a wrong check character. */
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const roundTrips = (res: GraphQLResponse) => Number(res.headers['x-sql-round-trips']);

/** Every audience / month with its count, zeros for the rest. */
const audienceCounts = (counts: Record<string, number>) =>
  AUDIENCES.map((audience) => ({ audience, count: counts[audience] ?? 0 }));
const monthCounts = (counts: Record<number, number>) =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: counts[i + 1] ?? 0 }));

/** Day of the year of `date` (1 January = 1). */
const dayOfYear = (date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / 86_400_000) + 1;
const daysIn = (year: number) => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365);

describe('training', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  /** A training provider filed 2000-2030 that may train, and its account. */
  let trainer: { id: string; token: string };

  beforeAll(async () => {
    // EXPOSE_QUERY_COUNT only adds the x-sql-round-trips header, so one app serves every test here.
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    const institutionId = await createInstitution(t, { regionCode: '500101' });
    Object.assign(
      tokens,
      await signInRoles(t, [
        { role: 'MUNICIPAL_PLANNER' },
        { role: 'DISTRICT_PLANNER', regionCode: '500102' },
        { role: 'INSTITUTION_ADMIN', institutionId },
        { role: 'ADMIN' },
        { role: 'VOLUNTEER' },
      ]),
    );
    trainer = await bodyAccount({ name: '重庆养老培训中心' });
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- arranging data ----

  interface BodySpec {
    name?: string;
    kind?: string;
    regionCode?: string;
    filedFrom?: string;
    filedTo?: string;
    mayTrain?: boolean;
  }

  /** Files a body directly and signs in an account for it. */
  async function bodyAccount(spec: BodySpec = {}): Promise<{ id: string; token: string; name: string }> {
    const regionCode = spec.regionCode ?? '500101';
    const name = spec.name ?? uniqueName('培训机构');
    const { rows } = await t.db.query(
      `INSERT INTO evaluation_body (name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
                                    certificate_kinds, may_train)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{NURSING_ASSISTANT_SKILL}', $8) RETURNING id`,
      [
        name,
        spec.kind ?? 'TRAINING_PROVIDER',
        creditCode(regionCode),
        regionCode,
        `渝备-${randomBytes(6).toString('hex')}`,
        spec.filedFrom ?? '2000-01-01',
        spec.filedTo ?? '2030-12-31',
        spec.mayTrain ?? true,
      ],
    );
    const id = rows[0].id as string;
    const { token } = await signIn(t, { role: 'EVALUATION_BODY', evaluationBodyId: id });
    return { id, token, name };
  }

  const sessionInput = (over: Record<string, unknown> = {}) => ({
    title: uniqueName('养老护理员技能培训'),
    audience: 'CAREGIVER',
    regionCode: '500101',
    startDate: '2025-03-01',
    endDate: '2025-03-03',
    hours: 16,
    capacity: 50,
    ...over,
  });

  /** Creates a session through the API (throws on any error). */
  async function createSession(over: Record<string, unknown> = {}, token = trainer.token) {
    const res = await t.gql<{ createTrainingSession: any }>(CREATE, { input: sessionInput(over) }, token);
    if (!res.body.data?.createTrainingSession) throw new Error(`createTrainingSession: ${JSON.stringify(res.body)}`);
    return res.body.data.createTrainingSession;
  }

  async function record(sessionId: string, rows: Attendee[], dryRun?: boolean, token = trainer.token) {
    const res = await t.gql<{ recordAttendance: Batch }>(RECORD, { s: sessionId, rows, dryRun }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.recordAttendance;
  }

  /** A session with these attendees recorded (throws unless written). */
  async function sessionWith(over: Record<string, unknown>, rows: Attendee[], token = trainer.token) {
    const session = await createSession(over, token);
    if (rows.length > 0) {
      const result = await record(session.id, rows, false, token);
      if (!result.written) throw new Error(`recordAttendance: ${JSON.stringify(result)}`);
    }
    return session;
  }

  async function progress(year: number, regionCode?: string | null, token = tokens.MUNICIPAL_PLANNER, asOf?: string) {
    const res = await t.gql<{ trainingProgress: any }>(PROGRESS, { year, regionCode, asOf }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.trainingProgress;
  }

  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM person) AS persons,
                               (SELECT count(*)::int FROM training_session) AS sessions,
                               (SELECT count(*)::int FROM attendance) AS attendances,
                               (SELECT count(*)::int FROM audit_event) AS audits`)
    ).rows[0];

  /** Stored attendance of a session: completed by person name. */
  const storedAttendance = async (sessionId: string) =>
    Object.fromEntries(
      (
        await t.db.query(
          `SELECT p.name, a.completed FROM attendance a JOIN person p ON p.id = a.person_id WHERE a.session_id = $1`,
          [sessionId],
        )
      ).rows.map((r) => [r.name, r.completed]),
    );

  const personByIdNumber = async (idNumber: string) =>
    (
      await t.db.query('SELECT * FROM person WHERE id_number_hash = $1', [
        t.portal.app.get(PiiCipher).lookupHash(idNumber.toUpperCase()),
      ])
    ).rows[0];

  /** Sends an operation that must be refused with `code` (and exactly `fields`), and checks it wrote nothing. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    code: string,
    fields?: string[],
  ) {
    const before = await counts();
    const res = await t.gql(query, variables, token);
    expect(codes(res)).toEqual([code]);
    if (fields) expect([...res.body.errors![0].extensions!.fields].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  }

  const setTarget = (metric: string, regionCode: string | null, year: number, value: number) =>
    t.db.query('INSERT INTO target (metric, region_code, year, value) VALUES ($1, $2, $3, $4)', [
      metric,
      regionCode,
      year,
      value,
    ]);

  // ---- createTrainingSession ----

  describe('createTrainingSession', () => {
    it('creates a session of the caller’s body, with its provider and no attendees yet, and one audit event', async () => {
      const audits = await auditCount(t, 'createTrainingSession');
      const title = uniqueName('院长管理培训');
      const created = await createSession({
        title: `  ${title} `,
        audience: 'DIRECTOR',
        regionCode: '500103',
        startDate: '2025-05-06',
        endDate: '2025-05-08',
        hours: 2.5,
        capacity: 30,
      });
      expect(created).toEqual({
        id: expect.any(String),
        title,
        audience: 'DIRECTOR',
        regionCode: '500103',
        startDate: '2025-05-06',
        endDate: '2025-05-08',
        hours: 2.5,
        capacity: 30,
        provider: { id: trainer.id, name: '重庆养老培训中心' },
        attendeeCount: 0,
        completedCount: 0,
      });
      const { rows } = await t.db.query('SELECT * FROM training_session WHERE id = $1', [created.id]);
      expect(rows[0]).toMatchObject({ provider_id: trainer.id, title, hours: '2.5', capacity: 30 });
      expect(await auditCount(t, 'createTrainingSession')).toBe(audits + 1);
      const event = (
        await t.db.query(`SELECT * FROM audit_event WHERE operation = 'createTrainingSession' AND record_id = $1`, [
          created.id,
        ])
      ).rows[0];
      expect(event.summary.after).toMatchObject({ providerId: trainer.id, title, hours: 2.5, capacity: 30 });
    });

    it('accepts the edges of every range', async () => {
      const latest = addYears(today, 2);
      const a = await createSession({ startDate: '2000-01-01', endDate: '2000-01-01', hours: 0.1, capacity: 1 });
      expect(a).toMatchObject({ startDate: '2000-01-01', endDate: '2000-01-01', hours: 0.1, capacity: 1 });
      const b = await createSession({ startDate: latest, endDate: latest, hours: 2000, capacity: 10000 });
      expect(b).toMatchObject({ startDate: latest, endDate: latest, hours: 2000, capacity: 10000 });
      // A county and an autonomous county are county-level too.
      await createSession({ regionCode: '500229' });
      await createSession({ regionCode: '500240' });
    });

    it('reports every bad field at once and writes nothing', async () => {
      const res = await expectRefused(
        CREATE,
        {
          input: sessionInput({
            title: '   ',
            regionCode: 'Z01',
            startDate: '1999-12-31',
            endDate: addDays(addYears(today, 2), 1),
            hours: 0,
            capacity: 0,
          }),
        },
        trainer.token,
        'BAD_USER_INPUT',
        ['title', 'regionCode', 'startDate', 'endDate', 'hours', 'capacity'],
      );
      expect(res.body.errors![0].message).toMatch(/title/);
      await expectRefused(
        CREATE,
        {
          input: sessionInput({
            title: 'x'.repeat(201),
            regionCode: '999999',
            startDate: '2025-03-05',
            endDate: '2025-03-04',
            hours: 2000.5,
            capacity: 10001,
          }),
        },
        trainer.token,
        'BAD_USER_INPUT',
        ['title', 'regionCode', 'endDate', 'hours', 'capacity'],
      );
      // More than one decimal, and negative hours.
      await expectRefused(CREATE, { input: sessionInput({ hours: 2.55 }) }, trainer.token, 'BAD_USER_INPUT', ['hours']);
      await expectRefused(CREATE, { input: sessionInput({ hours: -1 }) }, trainer.token, 'BAD_USER_INPUT', ['hours']);
      // A city is not a district.
      await expectRefused(CREATE, { input: sessionInput({ regionCode: '' }) }, trainer.token, 'BAD_USER_INPUT', [
        'regionCode',
      ]);
    });

    it('refuses an unknown audience in the request itself', async () => {
      const before = await counts();
      const res = await t.gql(CREATE, { input: sessionInput({ audience: 'NURSE' }) }, trainer.token);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(await counts()).toEqual(before);
    });

    it('is for a body allowed to train whose filing covers the start date; nobody else', async () => {
      const input = sessionInput();
      // Not an evaluation body at all.
      for (const role of ['MUNICIPAL_PLANNER', 'DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused(CREATE, { input }, tokens[role], 'FORBIDDEN');
      }
      await expectRefused(CREATE, { input }, undefined, 'UNAUTHENTICATED');
      // A body not filed to train.
      const certifier = await bodyAccount({ kind: 'INDUSTRY_ASSOCIATION', mayTrain: false });
      await expectRefused(CREATE, { input }, certifier.token, 'FORBIDDEN');
      // A filing that expired before the start date, and one that starts after it.
      const expired = await bodyAccount({ filedFrom: '2020-01-01', filedTo: '2025-02-28' });
      await expectRefused(CREATE, { input }, expired.token, 'FORBIDDEN');
      const later = await bodyAccount({ filedFrom: '2025-03-02', filedTo: '2030-12-31' });
      await expectRefused(CREATE, { input }, later.token, 'FORBIDDEN');
      // The filing's own first and last days are covered; the end date may run past the filing.
      const edge = await bodyAccount({ filedFrom: '2025-03-01', filedTo: '2025-03-01' });
      const session = await createSession({ startDate: '2025-03-01', endDate: '2025-03-05' }, edge.token);
      expect(session.provider.id).toBe(edge.id);
      const last = await bodyAccount({ filedFrom: '2020-01-01', filedTo: '2025-03-01' });
      await createSession({ startDate: '2025-03-01' }, last.token);
    });
  });

  // ---- trainingSessions ----

  describe('trainingSessions', () => {
    const list = async (filter: Record<string, unknown>, token: string, first?: number, after?: string) => {
      const res = await t.gql<{ trainingSessions: any }>(SESSIONS, { filter, first, after }, token);
      expect(res.body.errors).toBeUndefined();
      return { ...res.body.data!.trainingSessions, roundTrips: roundTrips(res) };
    };

    it('shows planners every session, a district planner its region, and a body its own', async () => {
      // Year 2006, regions 500102 and 500104.
      const other = await bodyAccount();
      const own = await createSession({ regionCode: '500102', startDate: '2006-04-01', endDate: '2006-04-02' });
      const others = await createSession(
        { regionCode: '500102', startDate: '2006-05-01', endDate: '2006-05-02' },
        other.token,
      );
      const elsewhere = await createSession({ regionCode: '500104', startDate: '2006-06-01', endDate: '2006-06-02' });
      const ids = (c: any) => c.edges.map((e: any) => e.node.id);

      expect(ids(await list({ year: 2006 }, tokens.MUNICIPAL_PLANNER))).toEqual([elsewhere.id, others.id, own.id]);
      expect(ids(await list({ year: 2006 }, tokens.DISTRICT_PLANNER))).toEqual([others.id, own.id]);
      expect(ids(await list({ year: 2006, regionCode: '500102' }, tokens.DISTRICT_PLANNER))).toEqual([
        others.id,
        own.id,
      ]);
      expect(ids(await list({ year: 2006 }, trainer.token))).toEqual([elsewhere.id, own.id]);
      expect(ids(await list({ year: 2006 }, other.token))).toEqual([others.id]);
      expect(ids(await list({ year: 2006, regionCode: '500104' }, other.token))).toEqual([]);

      const refused = await t.gql(SESSIONS, { filter: { regionCode: '500104' } }, tokens.DISTRICT_PLANNER);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      for (const role of ['INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        expect(codes(await t.gql(SESSIONS, {}, tokens[role]))).toEqual(['FORBIDDEN']);
      }
    });

    it('filters by the year a session ends, region and audience, and pages newest first', async () => {
      // Year 2007 (region 500105).
      const spanning = await createSession({ regionCode: '500105', startDate: '2006-12-30', endDate: '2007-01-02' });
      const made = [spanning];
      for (const [i, audience] of ['CAREGIVER', 'SOCIAL_WORKER', 'SOCIAL_WORKER', 'DIRECTOR'].entries()) {
        made.push(
          await createSession({
            regionCode: '500105',
            audience,
            startDate: `2007-0${i + 2}-01`,
            endDate: `2007-0${i + 2}-03`,
          }),
        );
      }
      const all = await list({ year: 2007, regionCode: '500105' }, tokens.MUNICIPAL_PLANNER);
      expect(all.totalCount).toBe(5);
      expect(all.edges.map((e: any) => e.node.id)).toEqual(made.map((s) => s.id).reverse());
      // Counted in the year it ends, not the year it starts.
      const in2006 = await list({ year: 2006, regionCode: '500105' }, tokens.MUNICIPAL_PLANNER);
      expect(in2006.totalCount).toBe(0);

      const social = await list(
        { year: 2007, regionCode: '500105', audience: 'SOCIAL_WORKER' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(social.edges.map((e: any) => e.node.id)).toEqual([made[3].id, made[2].id]);

      const page1 = await list({ year: 2007, regionCode: '500105' }, tokens.MUNICIPAL_PLANNER, 2);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await list(
        { year: 2007, regionCode: '500105' },
        tokens.MUNICIPAL_PLANNER,
        2,
        page1.pageInfo.endCursor,
      );
      const page3 = await list(
        { year: 2007, regionCode: '500105' },
        tokens.MUNICIPAL_PLANNER,
        2,
        page2.pageInfo.endCursor,
      );
      expect([...page1.edges, ...page2.edges, ...page3.edges].map((e: any) => e.node.id)).toEqual(
        made.map((s) => s.id).reverse(),
      );
      expect(page3.pageInfo.hasNextPage).toBe(false);
      expect(page2.totalCount).toBe(5);
    });

    it('counts attendees and completions of a whole page in one query', async () => {
      // Year 2008 (region 500106).
      const made = [];
      for (let i = 0; i < 4; i++) {
        made.push(
          await sessionWith({ regionCode: '500106', startDate: `2008-0${i + 1}-01`, endDate: `2008-0${i + 1}-02` }, [
            ...attendees(i + 1, true),
            ...attendees(i, false),
          ]),
        );
      }
      const one = await list({ year: 2008, regionCode: '500106' }, tokens.MUNICIPAL_PLANNER, 1);
      const page = await list({ year: 2008, regionCode: '500106' }, tokens.MUNICIPAL_PLANNER, 10);
      expect(page.edges.map((e: any) => [e.node.attendeeCount, e.node.completedCount])).toEqual([
        [7, 4],
        [5, 3],
        [3, 2],
        [1, 1],
      ]);
      expect(page.edges.every((e: any) => e.node.provider.id === trainer.id)).toBe(true);
      // The caller, the page, its providers, its counts: the same for one session as for four.
      expect(page.roundTrips).toBe(one.roundTrips);
      expect(page.roundTrips).toBeLessThanOrEqual(4);
    });

    it('refuses a year out of range and a cursor from elsewhere', async () => {
      for (const year of [1999, 2101]) {
        const res = await t.gql(SESSIONS, { filter: { year } }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual(['filter.year']);
      }
      for (const after of ['nonsense', Buffer.from(JSON.stringify(['x', randomUUID()])).toString('base64url')]) {
        const res = await t.gql(SESSIONS, { after }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      }
    });
  });

  // ---- recordAttendance ----

  describe('recordAttendance', () => {
    it('records attendees, creating persons not in the registry and linking those who are', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500101' });
      const staff = await registerStaff(t, tokens.MUNICIPAL_PLANNER, { institutionId, name: uniqueName('护理员') });
      const session = await createSession({ capacity: 10, regionCode: '500109' });
      const fresh = [attendee(true), attendee(false)];
      // The registry's person, written with a lower-case x or spaces, is the same person.
      const known: Attendee = {
        idNumber: ` ${(await idNumberOf(staff.person.id)).toLowerCase()} `,
        name: ` ${staff.person.name} `,
        completed: true,
      };
      const before = await counts();
      const audits = await auditCount(t, 'recordAttendance');

      const result = await record(session.id, [...fresh, known]);
      expect(result).toEqual({ accepted: 3, skipped: 0, written: true, errors: [] });
      expect(await counts()).toEqual({
        ...before,
        persons: before.persons + 2,
        attendances: before.attendances + 3,
        audits: before.audits + 1,
      });
      expect(await auditCount(t, 'recordAttendance')).toBe(audits + 1);
      expect(await storedAttendance(session.id)).toEqual({
        [fresh[0].name]: true,
        [fresh[1].name]: false,
        [staff.person.name]: true,
      });
      // New persons carry the name, birth date and sex the ID number gives; the number itself only encrypted.
      const created = await personByIdNumber(fresh[0].idNumber);
      expect(created).toMatchObject({ name: fresh[0].name, id_number_masked: expect.stringMatching(/^\d{6}\*{8}/) });
      expect(JSON.stringify(created)).not.toContain(fresh[0].idNumber);

      const res = await t.gql<{ trainingSessions: any }>(
        SESSIONS,
        { filter: { year: 2025, regionCode: '500109' }, first: 100 },
        trainer.token,
      );
      const node = res.body.data!.trainingSessions.edges.find((e: any) => e.node.id === session.id).node;
      expect([node.attendeeCount, node.completedCount]).toEqual([3, 2]);
    });

    /** The full ID number of a stored person (decrypted, as only a test may). */
    async function idNumberOf(personId: string): Promise<string> {
      const { rows } = await t.db.query('SELECT id_number_encrypted FROM person WHERE id = $1', [personId]);
      return t.portal.app.get(PiiCipher).decrypt(rows[0].id_number_encrypted);
    }

    it('reports every bad row by index, writes nothing, and accepts the same rows once fixed', async () => {
      const session = await createSession();
      const registered = attendee();
      await sessionWith({}, [registered]);
      const good = attendees(3);
      const badId = attendee();
      const rows: Attendee[] = [
        good[0],
        { ...badId, idNumber: withWrongCheck(badId.idNumber) },
        { ...attendee(), name: '   ' },
        { idNumber: '12345', name: '\u0007', completed: true },
        good[1],
        { ...good[0], name: good[0].name, completed: false },
        { ...registered, name: uniqueName('别名') },
        good[2],
      ];
      const before = await counts();
      const result = await record(session.id, rows);
      expect(result.written).toBe(false);
      expect(result.accepted).toBe(0);
      expect(result.skipped).toBe(0);
      expect(result.errors.map(({ index, field, code }) => ({ index, field, code }))).toEqual([
        { index: 1, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 2, field: 'name', code: 'BAD_USER_INPUT' },
        { index: 3, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 3, field: 'name', code: 'BAD_USER_INPUT' },
        { index: 5, field: 'idNumber', code: 'CONFLICT' },
        { index: 6, field: 'name', code: 'CONFLICT' },
      ]);
      expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
      expect(result.errors[4].message).toMatch(/Row 0/);
      // Nothing written; the row answered "registered under another name" is on the audit trail (issue 11).
      expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
      // No full ID number comes back in any message.
      expect(JSON.stringify(result)).not.toContain(badId.idNumber.slice(0, 17));

      const fixed = await record(session.id, good);
      expect(fixed).toEqual({ accepted: 3, skipped: 0, written: true, errors: [] });
    });

    it('answers a dry run as the real run would, and writes nothing', async () => {
      const session = await createSession();
      const rows = attendees(4);
      const before = await counts();
      expect(await record(session.id, rows, true)).toEqual({ accepted: 4, skipped: 0, written: false, errors: [] });
      const bad = [...rows, { ...rows[0] }];
      const dryBad = await record(session.id, bad, true);
      expect(dryBad).toMatchObject({
        accepted: 0,
        written: false,
        errors: [{ index: 4, field: 'idNumber', code: 'CONFLICT' }],
      });
      expect(await counts()).toEqual(before);
      expect(await record(session.id, rows, false)).toEqual({ accepted: 4, skipped: 0, written: true, errors: [] });
      // A dry run of the same rows now: all would be skipped.
      expect(await record(session.id, rows, true)).toEqual({ accepted: 0, skipped: 4, written: false, errors: [] });
    });

    it('skips rows identical to stored attendance and updates those whose completion changed', async () => {
      const session = await createSession({ capacity: 5 });
      const rows = [attendee(false), attendee(false), attendee(true)];
      expect(await record(session.id, rows)).toEqual({ accepted: 3, skipped: 0, written: true, errors: [] });

      const before = await counts();
      expect(await record(session.id, rows)).toEqual({ accepted: 0, skipped: 3, written: true, errors: [] });
      expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });

      // Completed after all: the stored attendance is updated, not duplicated; one new attendee added.
      const extra = attendee(true);
      const changed = [{ ...rows[0], completed: true }, rows[1], rows[2], extra];
      expect(await record(session.id, changed)).toEqual({ accepted: 2, skipped: 2, written: true, errors: [] });
      expect(await storedAttendance(session.id)).toEqual({
        [rows[0].name]: true,
        [rows[1].name]: false,
        [rows[2].name]: true,
        [extra.name]: true,
      });
      expect(await counts()).toEqual({
        ...before,
        persons: before.persons + 1,
        attendances: before.attendances + 1,
        audits: before.audits + 2,
      });
    });

    it('refuses attendees beyond the capacity, completed or not, row by row', async () => {
      const session = await createSession({ capacity: 4 });
      const stored = [attendee(false), attendee(true)];
      await record(session.id, stored);
      const before = await counts();
      // Two stored (one changing), then three new for two free places: the third new row is over.
      const rows = [
        { ...stored[0], completed: true },
        attendee(false),
        stored[1],
        attendee(true),
        attendee(true),
        attendee(false),
      ];
      const result = await record(session.id, rows);
      expect(result.written).toBe(false);
      expect(result.errors.map(({ index, field, code }) => ({ index, field, code }))).toEqual([
        { index: 4, field: null, code: 'BAD_USER_INPUT' },
        { index: 5, field: null, code: 'BAD_USER_INPUT' },
      ]);
      expect(result.errors[0].message).toMatch(/capacity/i);
      expect(await counts()).toEqual(before);
      // Exactly full is fine.
      expect(await record(session.id, rows.slice(0, 4))).toEqual({
        accepted: 3,
        skipped: 1,
        written: true,
        errors: [],
      });
      expect(await record(session.id, [attendee()])).toMatchObject({
        written: false,
        errors: [{ index: 0, field: null, code: 'BAD_USER_INPUT' }],
      });
    });

    it('keeps the capacity when two batches for one session arrive at once', async () => {
      const session = await createSession({ capacity: 5 });
      const [a, b] = [attendees(3), attendees(3)];
      const results = await Promise.all([
        t.gql<{ recordAttendance: Batch }>(RECORD, { s: session.id, rows: a }, trainer.token),
        t.gql<{ recordAttendance: Batch }>(RECORD, { s: session.id, rows: b }, trainer.token),
      ]);
      expect(results.map((r) => r.body.data!.recordAttendance.written).sort()).toEqual([false, true]);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [
        session.id,
      ]);
      expect(rows[0].n).toBe(3);
    });

    it('is for the session’s provider only; an unknown session is not found', async () => {
      const session = await createSession();
      const rows = attendees(2);
      const other = await bodyAccount();
      await expectRefused(RECORD, { s: session.id, rows }, other.token, 'FORBIDDEN');
      for (const role of ['MUNICIPAL_PLANNER', 'DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused(RECORD, { s: session.id, rows }, tokens[role], 'FORBIDDEN');
      }
      await expectRefused(RECORD, { s: session.id, rows }, undefined, 'UNAUTHENTICATED');
      await expectRefused(RECORD, { s: randomUUID(), rows }, trainer.token, 'NOT_FOUND');
      await expectRefused(RECORD, { s: 'not-a-session', rows }, trainer.token, 'NOT_FOUND');
      // Its own session upper-cased is still its own.
      expect(await record(session.id.toUpperCase(), rows)).toMatchObject({ accepted: 2, written: true });
    });

    it('takes up to 10,000 rows, and refuses more as a whole', async () => {
      const session = await createSession({ capacity: 10000 });
      const before = await counts();
      const rows = attendees(10000);
      await expectRefused(RECORD, { s: session.id, rows: [...rows, attendee()] }, trainer.token, 'BAD_USER_INPUT', [
        'rows',
      ]);
      expect(await record(session.id, rows)).toEqual({ accepted: 10000, skipped: 0, written: true, errors: [] });
      expect(await counts()).toMatchObject({
        persons: before.persons + 10000,
        attendances: before.attendances + 10000,
        audits: before.audits + 1,
      });
    });

    it('writes a batch in the same number of SQL round trips whatever its size', async () => {
      const trips = async (size: number) => {
        const session = await createSession({ capacity: 5000 });
        // Half already in the registry (through an earlier session), half new.
        const rows = attendees(size);
        await sessionWith({ capacity: 5000 }, rows.slice(0, size / 2));
        const changed = rows.map((r, i) => (i % 4 === 0 ? { ...r, completed: false } : r));
        const first = await t.gql<{ recordAttendance: Batch }>(RECORD, { s: session.id, rows: changed }, trainer.token);
        expect(first.body.data!.recordAttendance).toMatchObject({ accepted: size, written: true });
        // Again, with some completions changed: updates and skips.
        const second = await t.gql<{ recordAttendance: Batch }>(RECORD, { s: session.id, rows }, trainer.token);
        expect(second.body.data!.recordAttendance).toMatchObject({ accepted: size / 4, skipped: (size * 3) / 4 });
        return [roundTrips(first), roundTrips(second)];
      };
      const small = await trips(4);
      const large = await trips(1000);
      expect(large).toEqual(small);
      // Guard, BEGIN, session, persons, attendance, new persons, insert (or update), audit, COMMIT.
      expect(Math.max(...small)).toBeLessThanOrEqual(10);
    });
  });

  // ---- trainingProgress ----

  describe('trainingProgress', () => {
    it('counts a session in the year it ends: 2024-12-30 to 2025-01-02 counts in 2025', async () => {
      // Region 500229, 2024 and 2025.
      const spanning = [attendee(true), attendee(true), attendee(false)];
      await sessionWith({ regionCode: '500229', startDate: '2024-12-30', endDate: '2025-01-02' }, spanning);
      await sessionWith({ regionCode: '500229', startDate: '2024-12-30', endDate: '2024-12-31', audience: 'OTHER' }, [
        attendee(true),
      ]);
      const y2025 = await progress(2025, '500229');
      expect(y2025).toMatchObject({
        year: 2025,
        regionCode: '500229',
        completedPersonSessions: 2,
        byAudience: audienceCounts({ CAREGIVER: 2 }),
        byRegion: [{ regionCode: '500229', count: 2 }],
        byMonth: monthCounts({ 1: 2 }),
      });
      const y2024 = await progress(2024, '500229');
      expect(y2024).toMatchObject({
        completedPersonSessions: 1,
        byAudience: audienceCounts({ OTHER: 1 }),
        byMonth: monthCounts({ 12: 1 }),
      });
    });

    it('counts a person at three sessions three times, and attendance not completed not at all', async () => {
      // Region 500230, 2023.
      const person = attendee(true);
      const dropout = attendee(false);
      await sessionWith({ regionCode: '500230', startDate: '2023-02-01', endDate: '2023-02-02' }, [person, dropout]);
      await sessionWith(
        { regionCode: '500230', startDate: '2023-05-01', endDate: '2023-05-02', audience: 'DIRECTOR' },
        [person, { ...dropout }],
      );
      await sessionWith(
        { regionCode: '500230', startDate: '2023-05-10', endDate: '2023-05-12', audience: 'DIRECTOR' },
        [person, attendee(true)],
      );
      const result = await progress(2023, '500230');
      expect(result.completedPersonSessions).toBe(4);
      expect(result.byAudience).toEqual(audienceCounts({ CAREGIVER: 1, DIRECTOR: 3 }));
      expect(result.byMonth).toEqual(monthCounts({ 2: 1, 5: 3 }));
      // One person, three person-sessions.
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM attendance a JOIN person p ON p.id = a.person_id WHERE p.name = $1 AND a.completed`,
        [person.name],
      );
      expect(rows[0].n).toBe(3);
    });

    it('sums the city over regions with the city-wide target, listing only regions with person-sessions', async () => {
      // Year 2019, city-wide (regions 500107 and 500108).
      await sessionWith({ regionCode: '500108', startDate: '2019-03-01', endDate: '2019-03-02' }, attendees(3));
      await sessionWith(
        { regionCode: '500107', startDate: '2019-11-01', endDate: '2019-11-30', audience: 'SOCIAL_WORKER' },
        [...attendees(2), attendee(false)],
      );
      const other = await bodyAccount();
      await sessionWith(
        { regionCode: '500107', startDate: '2019-11-01', endDate: '2019-11-02', audience: 'CAPABILITY_ASSESSOR' },
        attendees(1),
        other.token,
      );
      const result = await progress(2019);
      // No city target for 2019: the nearest later one (2025's 20,000); a past year expects all of it.
      expect(result).toEqual({
        year: 2019,
        asOf: today,
        regionCode: null,
        target: 20000,
        note: null,
        completedPersonSessions: 6,
        expectedToDate: 20000,
        onTrack: false,
        byAudience: audienceCounts({ CAREGIVER: 3, SOCIAL_WORKER: 2, CAPABILITY_ASSESSOR: 1 }),
        byRegion: [
          { regionCode: '500107', count: 3 },
          { regionCode: '500108', count: 3 },
        ],
        byMonth: monthCounts({ 3: 3, 11: 3 }),
      });
    });

    it('expects a share of the target by days elapsed: all of a past year, today’s share of this one, none of a future one', async () => {
      // Region 500231 with its own targets for the previous, current and next years.
      const [past, next] = [currentYear - 1, currentYear + 1];
      await setTarget('TRAINING_PERSON_SESSIONS', '500231', past, 1000);
      await setTarget('TRAINING_PERSON_SESSIONS', '500231', currentYear, 3650);
      await setTarget('TRAINING_PERSON_SESSIONS', '500231', next, 500);
      await sessionWith({ regionCode: '500231', startDate: `${past}-06-01`, endDate: `${past}-06-02` }, attendees(2));
      await sessionWith(
        { regionCode: '500231', startDate: `${currentYear}-01-01`, endDate: `${currentYear}-01-01` },
        attendees(3),
      );
      await sessionWith({ regionCode: '500231', startDate: `${next}-01-05`, endDate: `${next}-01-06` }, attendees(1));

      expect(await progress(past, '500231')).toMatchObject({
        target: 1000,
        completedPersonSessions: 2,
        expectedToDate: 1000,
        onTrack: false,
      });
      const expected = Math.round((3650 * dayOfYear(today)) / daysIn(currentYear));
      expect(await progress(currentYear, '500231')).toMatchObject({
        target: 3650,
        completedPersonSessions: 3,
        expectedToDate: expected,
        onTrack: 3 >= expected,
      });
      // Next year has not started: its session (in January) has not ended by today, nothing is expected yet, and it
      // is neither on nor off track.
      const future = await progress(next, '500231');
      expect(future).toMatchObject({
        target: 500,
        completedPersonSessions: 0,
        expectedToDate: 0,
        onTrack: null,
      });
      expect(future.note).toMatch(/not started/);
    });

    it('counts as of a date: sessions ending in the year up to asOf, expected to date counted to asOf', async () => {
      // Region 500242, 2024 (a leap year): sessions ending 31 January, 30 June and 1 July; target 3,660.
      await setTarget('TRAINING_PERSON_SESSIONS', '500242', 2024, 3660);
      await sessionWith({ regionCode: '500242', startDate: '2024-01-30', endDate: '2024-01-31' }, attendees(2));
      await sessionWith(
        { regionCode: '500242', startDate: '2024-06-29', endDate: '2024-06-30', audience: 'DIRECTOR' },
        attendees(3),
      );
      await sessionWith({ regionCode: '500242', startDate: '2024-06-30', endDate: '2024-07-01' }, attendees(4));
      // On 2024-06-30: 2 + 3 (the session ending 1 July not yet); 182 of 366 days -> 3,660 x 182 / 366 = 1,820.
      const midYear = await progress(2024, '500242', tokens.MUNICIPAL_PLANNER, '2024-06-30');
      expect(midYear).toEqual({
        year: 2024,
        asOf: '2024-06-30',
        regionCode: '500242',
        target: 3660,
        note: null,
        completedPersonSessions: 5,
        expectedToDate: 1820,
        onTrack: false,
        byAudience: audienceCounts({ CAREGIVER: 2, DIRECTOR: 3 }),
        byRegion: [{ regionCode: '500242', count: 5 }],
        byMonth: monthCounts({ 1: 2, 6: 3 }),
      });
      // Month by month: the running total, and the target pro-rated to each month's last day (31 January: 310; 29
      // February, day 60: 600; 30 June, day 182: 1,820; 31 December: all 3,660).
      const MONTHS = `query { trainingProgress(year: 2024, regionCode: "500242", asOf: "2024-06-30") {
        byMonth { month count cumulativeCount expectedByMonthEnd } } }`;
      const months = await t.gql<{
        trainingProgress: {
          byMonth: { month: number; count: number; cumulativeCount: number; expectedByMonthEnd: number | null }[];
        };
      }>(MONTHS, {}, tokens.MUNICIPAL_PLANNER);
      expect(months.body.errors).toBeUndefined();
      const byMonth = months.body.data!.trainingProgress.byMonth;
      expect(byMonth.map((m) => m.cumulativeCount)).toEqual([2, 2, 2, 2, 2, 5, 5, 5, 5, 5, 5, 5]);
      expect(byMonth.map((m) => m.expectedByMonthEnd)).toEqual([
        310, 600, 910, 1210, 1520, 1820, 2130, 2440, 2740, 3050, 3350, 3660,
      ]);
      // On 31 January: 31 days -> 310; 2 done.
      expect(await progress(2024, '500242', tokens.MUNICIPAL_PLANNER, '2024-01-31')).toMatchObject({
        completedPersonSessions: 2,
        expectedToDate: 310,
      });
      // A later asOf: the whole year, all of the target.
      expect(await progress(2024, '500242', tokens.MUNICIPAL_PLANNER, '2025-03-01')).toMatchObject({
        asOf: '2025-03-01',
        completedPersonSessions: 9,
        expectedToDate: 3660,
        onTrack: false,
      });
      // An earlier asOf: the year has not started.
      const before = await progress(2024, '500242', tokens.MUNICIPAL_PLANNER, '2023-12-31');
      expect(before).toMatchObject({ completedPersonSessions: 0, expectedToDate: 0, onTrack: null });
      expect(before.note).toMatch(/2024 has not started on 2023-12-31/);
      // A bad or future asOf is refused, naming the field.
      for (const asOf of ['2024-02-30', addDays(today, 1), '1999-12-31']) {
        const res = await t.gql(PROGRESS, { year: 2024, regionCode: '500242', asOf }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual(['asOf']);
      }
    });

    it('uses only a region’s own target for a region: the city’s count target never stands in (DESIGN.md)', async () => {
      // Regions 500233 and 500235, 2017: the city's targets are for 2025-2029, so 2017 takes the nearest later one
      // for the city; 500235 has none of its own, so none at all.
      await setTarget('TRAINING_PERSON_SESSIONS', '500233', 2017, 1200);
      await sessionWith({ regionCode: '500233', startDate: '2017-05-01', endDate: '2017-05-02' }, attendees(2));
      await sessionWith({ regionCode: '500235', startDate: '2017-05-01', endDate: '2017-05-02' }, attendees(1));
      expect(await progress(2017, '500233')).toMatchObject({
        target: 1200,
        completedPersonSessions: 2,
        expectedToDate: 1200,
        onTrack: false,
      });
      const without = await progress(2017, '500235');
      expect(without).toMatchObject({
        regionCode: '500235',
        target: null,
        completedPersonSessions: 1,
        expectedToDate: null,
        onTrack: null,
      });
      expect(without.note).toMatch(/^No training target is set for this district or county/);
      expect(await progress(2017)).toMatchObject({ target: 20000, expectedToDate: 20000, note: null });
    });

    it('takes the target of the year, else the nearest later year, else the latest earlier one', async () => {
      // Region 500236 with its own targets for 2010, 2012 and 2020.
      await setTarget('TRAINING_PERSON_SESSIONS', '500236', 2010, 100);
      await setTarget('TRAINING_PERSON_SESSIONS', '500236', 2012, 300);
      await setTarget('TRAINING_PERSON_SESSIONS', '500236', 2020, 500);
      const targetOf = async (year: number) => (await progress(year, '500236')).target;
      expect(await targetOf(2005)).toBe(100);
      expect(await targetOf(2010)).toBe(100);
      expect(await targetOf(2011)).toBe(300);
      expect(await targetOf(2012)).toBe(300);
      expect(await targetOf(2013)).toBe(500);
      // Later years: the latest earlier of its own (the city's 2025-2029 are never the region's).
      expect(await targetOf(2021)).toBe(500);
      expect(await targetOf(2100)).toBe(500);
      // The city: 2025-2029 seeded; 2031 takes 2029's.
      expect((await progress(2031)).target).toBe(20000);
    });

    it('targetFor: a region’s own target overrides the city’s for the same year, and the year is chosen among both', async () => {
      const targets = t.portal.app.get(TargetsService);
      const metric = TargetMetric.SOCIAL_WORKERS_PER_100_BEDS;
      await setTarget(metric, null, 2090, 1);
      await setTarget(metric, null, 2094, 3);
      await setTarget(metric, '500237', 2092, 2);
      await setTarget(metric, '500237', 2094, 4);
      const value = async (year: number, region: string | null) =>
        (await targets.targetFor(metric, year, region))?.value ?? null;
      expect(await value(2091, '500237')).toBe(2);
      expect(await value(2093, '500237')).toBe(4);
      expect(await value(2094, '500237')).toBe(4);
      expect(await value(2095, '500237')).toBe(4);
      expect(await value(2090, '500237')).toBe(1);
      expect(await value(2093, null)).toBe(3);
      expect(await value(2091, '500238')).toBe(3);
      // A count metric never falls back: the city's 2090 headcount target is nobody's in 500237.
      await setTarget(TargetMetric.TALENT_HEADCOUNT, null, 2090, 100);
      expect((await targets.targetFor(TargetMetric.TALENT_HEADCOUNT, 2090, null))?.value).toBe(100);
      expect(await targets.targetFor(TargetMetric.TALENT_HEADCOUNT, 2090, '500237')).toBeNull();
    });

    it('is for planners; a district planner gets its region by default and no other', async () => {
      // Region 500102 (the district planner's), 2018.
      await sessionWith({ regionCode: '500102', startDate: '2018-07-01', endDate: '2018-07-02' }, attendees(2));
      await sessionWith({ regionCode: '500104', startDate: '2018-07-01', endDate: '2018-07-02' }, attendees(5));
      const own = await progress(2018, undefined, tokens.DISTRICT_PLANNER);
      expect(own).toMatchObject({
        regionCode: '500102',
        completedPersonSessions: 2,
        byRegion: [{ regionCode: '500102', count: 2 }],
      });
      expect(await progress(2018, '500102', tokens.DISTRICT_PLANNER)).toEqual(own);
      const refused = await t.gql(PROGRESS, { year: 2018, regionCode: '500104' }, tokens.DISTRICT_PLANNER);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.body.data).toBeNull();
      for (const token of [trainer.token, tokens.INSTITUTION_ADMIN, tokens.ADMIN, tokens.VOLUNTEER]) {
        expect(codes(await t.gql(PROGRESS, { year: 2018 }, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await t.gql(PROGRESS, { year: 2018 }))).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a year outside 2000-2100 and a region that is not a district or county', async () => {
      for (const year of [1999, 2101]) {
        const res = await t.gql(PROGRESS, { year }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual(['year']);
      }
      for (const regionCode of ['Z01', '999999', '']) {
        const res = await t.gql(PROGRESS, { year: 2025, regionCode }, tokens.MUNICIPAL_PLANNER);
        expect([regionCode, codes(res)]).toEqual([regionCode, ['BAD_USER_INPUT']]);
        expect(res.body.errors![0].extensions!.fields).toEqual(['regionCode']);
      }
      expect((await progress(2000)).year).toBe(2000);
      expect((await progress(2100)).year).toBe(2100);
    });

    it('costs one aggregate statement and the target, whatever the data', async () => {
      // Region 500238, 2016.
      const trips = async (regionCode?: string) => {
        const res = await t.gql(PROGRESS, { year: 2016, regionCode }, tokens.MUNICIPAL_PLANNER);
        expect(res.body.errors).toBeUndefined();
        return roundTrips(res);
      };
      const empty = [await trips(), await trips('500238')];
      for (let i = 0; i < 3; i++) {
        await sessionWith(
          {
            regionCode: '500238',
            audience: AUDIENCES[i],
            startDate: `2016-0${i + 1}-01`,
            endDate: `2016-0${i + 1}-02`,
          },
          attendees(4),
        );
      }
      expect([await trips(), await trips('500238')]).toEqual(empty);
      // The guard costs nothing: the caller's account comes from the account cache, kept since sign-in (issue 20).
      expect(empty).toEqual([2, 2]);
      const district = await t.gql(PROGRESS, { year: 2016 }, tokens.DISTRICT_PLANNER);
      expect(roundTrips(district)).toBe(2);
    });
  });
});
