import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import {
  createEvaluationBody,
  createInstitution,
  createUser,
  login,
  registerStaff,
  residentId,
  signInRoles,
} from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 (first half), colleges and evaluation bodies: the certificates a body issued (certificatesIssued), their
// correction as a revocation plus a linked replacement (correctCertificate), what public verification says of both
// and of certificates employers recorded (source, expiresOn, supersededBy), and colleges' program years
// (collegeProgramYears). End to end through GraphQL on a real database.

const SUBMIT = `mutation($rows: [CertificateInput!]!, $dryRun: Boolean) {
  submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped valid written errors { index field code } }
}`;
const ISSUED = `query($filter: CertificatesIssuedFilter, $first: Int, $after: String) {
  certificatesIssued(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id certificateNumber kind level levelName issuedOn expiresOn revokedOn status
                          holder { name idNumberMasked } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CORRECT = `mutation($id: ID!, $i: CorrectCertificateInput!, $reason: String!) {
  correctCertificate(id: $id, input: $i, reason: $reason) {
    id certificateNumber kind level profession issuedOn expiresOn revokedOn status external issuerName
    holder { name idNumberMasked }
    supersedes { id certificateNumber revokedOn status supersededBy { id certificateNumber } }
  }
}`;
const REVOKE = `mutation($id: ID!) { revokeCertificate(id: $id, reason: "作废") { id revokedOn } }`;
const VERIFY = `query($n: String!, $m: String!) {
  verifyCertificate(certificateNumber: $n, name: $m) {
    matched status source expiresOn supersededBy level levelName issuingBodyName
  }
}`;
const EXTERNAL = `mutation($i: RecordExternalCertificateInput!) { recordExternalCertificate(input: $i) { id } }`;
const RECORD_YEAR = `mutation($i: RecordCollegeProgramYearInput!) { recordCollegeProgramYear(input: $i) { year major } }`;
const PROGRAM_YEARS = `query($filter: CollegeProgramYearFilter, $first: Int, $after: String) {
  collegeProgramYears(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { year major enrolled graduated graduatesEnteringElderCare college { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const today = todayInShanghai();
let serial = 0;
const certNo = (prefix = 'NA') =>
  `${prefix}-${(++serial).toString(36).toUpperCase()}-${randomBytes(3).toString('hex')}`;
const uniqueName = (prefix: string) => `${prefix}${(++serial).toString(36)}${randomBytes(2).toString('hex')}`;
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

interface Cert {
  id: string;
  certificateNumber: string;
  [k: string]: any;
}

describe('corrections: certificates, verification, program years (issue 13, first half)', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  /** Two colleges (500101, 500102), each with a signed-in account; a non-college body. */
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let association: { id: string; token: string };

  beforeAll(async () => {
    t = await startTestApp({ VERIFY_RATE_LIMIT: '1000000' });
    const institutionId = await createInstitution(t);
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500101' },
      { role: 'ADMIN' },
      { role: 'VOLUNTEER' },
      { role: 'INSTITUTION_ADMIN', institutionId },
    ]);
    a = await bodyAccount(await createEvaluationBody(t, { regionCode: '500101', filedFrom: '2020-01-01' }));
    b = await bodyAccount(await createEvaluationBody(t, { regionCode: '500102' }));
    const associationId = await createEvaluationBody(t, { regionCode: '500101' });
    await t.db.query(`UPDATE evaluation_body SET kind = 'INDUSTRY_ASSOCIATION' WHERE id = $1`, [associationId]);
    association = await bodyAccount(associationId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function bodyAccount(id: string) {
    const user = await createUser(t, { role: 'EVALUATION_BODY', evaluationBodyId: id });
    return { id, token: await login(t, user.username) };
  }

  async function ok<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await t.gql(query, variables, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as T;
  }

  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM certificate) AS certificates,
                               (SELECT count(*)::int FROM certificate WHERE revoked_on IS NOT NULL) AS revoked,
                               (SELECT count(*)::int FROM person) AS persons,
                               (SELECT count(*)::int FROM college_program_year) AS programYears,
                               (SELECT count(*)::int FROM audit_event) AS audits`)
    ).rows[0];

  /** A request refused with `code` (and exactly `fields`, when given) that wrote nothing. */
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
    if (fields) expect([...(res.body.errors![0].extensions!.fields ?? [])].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  }

  /** Certificates submitted by a body; returns the rows as sent, with their stored ids. */
  async function issue(
    token: string,
    rows: Record<string, unknown>[],
  ): Promise<(Record<string, any> & { id: string; idNumber: string; name: string })[]> {
    const full = rows.map((r) => ({
      idNumber: residentId(),
      name: uniqueName('持证人'),
      kind: 'NURSING_ASSISTANT_SKILL',
      level: 3,
      certificateNumber: certNo(),
      issuedOn: '2024-06-01',
      expiresOn: null,
      ...r,
    }));
    const result = (await ok(SUBMIT, { rows: full }, token)).submitCertificates;
    expect(result).toMatchObject({ written: true, errors: [] });
    const { rows: stored } = await t.db.query(
      'SELECT id, kind, certificate_number FROM certificate WHERE certificate_number = ANY($1)',
      [full.map((r) => String(r.certificateNumber).toUpperCase())],
    );
    return full.map((r) => ({
      ...r,
      id: stored.find((s) => s.certificate_number === String(r.certificateNumber).toUpperCase() && s.kind === r.kind)
        .id,
    })) as any;
  }

  const issued = async (filter: Record<string, unknown> | null, token: string, first = 100, after?: string) =>
    (await ok(ISSUED, { filter, first, after }, token)).certificatesIssued;

  // ---------------------------------------------------------------------------------------------------------------

  describe('certificatesIssued', () => {
    it('lists a body’s own certificates, newest issue date first, with the holder’s name and masked ID only', async () => {
      const body = await bodyAccount(await createEvaluationBody(t, { regionCode: '500101' }));
      const mine = await issue(body.token, [
        { issuedOn: '2023-01-10', name: '张一' + uniqueName('') },
        { issuedOn: '2025-02-20', kind: 'SOCIAL_WORK', level: 2 },
        { issuedOn: '2024-05-05' },
      ]);
      await issue(b.token, [{ issuedOn: '2025-12-01' }]);

      const list = await issued(null, body.token);
      expect(list.totalCount).toBe(3);
      expect(list.edges.map((e: any) => e.node.id)).toEqual([mine[1].id, mine[2].id, mine[0].id]);
      const first = list.edges[2].node;
      expect(first).toMatchObject({
        certificateNumber: String(mine[0].certificateNumber).toUpperCase(),
        kind: 'NURSING_ASSISTANT_SKILL',
        level: 3,
        levelName: '三级/高级工',
        issuedOn: '2023-01-10',
        status: 'VALID',
        holder: { name: mine[0].name, idNumberMasked: masked(mine[0].idNumber) },
      });
      expect(JSON.stringify(list)).not.toContain(mine[0].idNumber);

      // Pages: two, then the rest, nothing twice.
      const page1 = await issued(null, body.token, 2);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await issued(null, body.token, 2, page1.pageInfo.endCursor);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(
        list.edges.map((e: any) => e.node.id),
      );
      expect(page2.totalCount).toBe(3);
    });

    it('the holder type reaches nothing else of the person', async () => {
      const type = await ok('{ __type(name: "CertificateHolder") { fields { name } } }', {}, tokens.ADMIN);
      expect(type.__type.fields.map((f: any) => f.name).sort()).toEqual(['idNumberMasked', 'name']);
      const res = await t.gql('{ certificatesIssued { edges { node { holder { phoneMasked } } } } }', {}, a.token);
      expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('filters by kind, status, number or name, and issue dates', async () => {
      const body = await bodyAccount(await createEvaluationBody(t, { regionCode: '500101' }));
      const surname = `欧阳${uniqueName('')}`;
      const [skill, social, expired, revoked, named] = await issue(body.token, [
        { issuedOn: '2022-03-01', certificateNumber: certNo('QX') },
        { kind: 'SOCIAL_WORK', level: 3, issuedOn: '2023-03-01' },
        { issuedOn: '2021-01-01', expiresOn: '2022-12-31' },
        { issuedOn: '2024-01-01' },
        { issuedOn: '2025-01-01', name: `${surname}娜` },
      ]);
      await ok(REVOKE, { id: revoked.id }, body.token);
      const ids = async (filter: Record<string, unknown>) =>
        (await issued(filter, body.token)).edges.map((e: any) => e.node.id);

      expect(await ids({ kind: 'SOCIAL_WORK' })).toEqual([social.id]);
      expect(await ids({ status: 'REVOKED' })).toEqual([revoked.id]);
      expect(await ids({ status: 'EXPIRED' })).toEqual([expired.id]);
      expect((await ids({ status: 'VALID' })).sort()).toEqual([skill.id, social.id, named.id].sort());
      expect(await ids({ numberOrName: surname })).toEqual([named.id]);
      // A number is found by its start, in any letter case.
      expect(await ids({ numberOrName: String(skill.certificateNumber).slice(0, 6).toLowerCase() })).toEqual([
        skill.id,
      ]);
      expect(await ids({ numberOrName: '%' })).toEqual([]);
      expect(await ids({ issuedFrom: '2023-03-01', issuedTo: '2024-01-01' })).toEqual([revoked.id, social.id]);
      expect(await ids({ kind: 'NURSING_ASSISTANT_SKILL', status: 'VALID', issuedTo: '2024-12-31' })).toEqual([
        skill.id,
      ]);
    });

    it('a municipal planner sees every body’s certificates (one body’s with issuingBodyId), never employer-recorded ones', async () => {
      const [ofA] = await issue(a.token, [{}]);
      const [ofB] = await issue(b.token, [{}]);
      const institutionId = await createInstitution(t);
      const adminToken = (await signInRoles(t, [{ role: 'INSTITUTION_ADMIN', institutionId }])).INSTITUTION_ADMIN;
      const staff = await registerStaff(t, tokens.MUNICIPAL_PLANNER, { institutionId });
      const externalNumber = certNo('EXT');
      await ok(
        EXTERNAL,
        {
          i: {
            personId: staff.person.id,
            kind: 'SOCIAL_WORK',
            level: 2,
            certificateNumber: externalNumber,
            issuerName: '人力资源和社会保障部',
            issuedOn: '2022-06-01',
          },
        },
        adminToken,
      );

      const all = (await issued(null, tokens.MUNICIPAL_PLANNER)).edges.map((e: any) => e.node);
      expect(all.map((c: Cert) => c.id)).toEqual(expect.arrayContaining([ofA.id, ofB.id]));
      expect(all.map((c: Cert) => c.certificateNumber)).not.toContain(externalNumber.toUpperCase());
      const onlyB = await issued({ issuingBodyId: b.id }, tokens.MUNICIPAL_PLANNER);
      expect((await issued({ issuingBodyId: b.id.toUpperCase() }, tokens.MUNICIPAL_PLANNER)).totalCount).toBe(
        onlyB.totalCount,
      );
      expect(onlyB.edges.map((e: any) => e.node.id)).toContain(ofB.id);
      expect(onlyB.edges.map((e: any) => e.node.id)).not.toContain(ofA.id);
      const { rows } = await t.db.query(
        'SELECT count(*)::int AS n FROM certificate WHERE issuing_body_id = $1 AND NOT external',
        [b.id],
      );
      expect(onlyB.totalCount).toBe(rows[0].n);
    });

    it('refuses another body’s id, unknown ids, other roles and bad filters', async () => {
      // A body names only itself.
      expect((await issued({ issuingBodyId: a.id }, a.token)).totalCount).toBeGreaterThanOrEqual(0);
      await expectRefused(ISSUED, { filter: { issuingBodyId: b.id } }, a.token, 'FORBIDDEN');
      for (const id of [randomUUID(), 'not-an-id', '']) {
        await expectRefused(ISSUED, { filter: { issuingBodyId: id } }, a.token, 'NOT_FOUND');
        await expectRefused(ISSUED, { filter: { issuingBodyId: id } }, tokens.MUNICIPAL_PLANNER, 'NOT_FOUND');
      }
      for (const role of ['DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused(ISSUED, {}, tokens[role], 'FORBIDDEN');
      }
      await expectRefused(ISSUED, {}, undefined, 'UNAUTHENTICATED');
      await expectRefused(ISSUED, { filter: { issuedFrom: '2024-02-30' } }, a.token, 'BAD_USER_INPUT', [
        'filter.issuedFrom',
      ]);
      await expectRefused(
        ISSUED,
        { filter: { issuedFrom: '2024-02-01', issuedTo: '2024-01-31' } },
        a.token,
        'BAD_USER_INPUT',
        ['filter.issuedTo'],
      );
      const forged = Buffer.from(JSON.stringify(['not-a-date', randomUUID()])).toString('base64url');
      await expectRefused(ISSUED, { after: forged }, a.token, 'BAD_USER_INPUT', ['after']);
      await expectRefused(ISSUED, { after: 'nonsense' }, a.token, 'BAD_USER_INPUT', ['after']);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------

  describe('correctCertificate', () => {
    it('revokes the old certificate and issues the corrected one, linked and audited, in one step', async () => {
      const [old] = await issue(a.token, [{ level: 3, issuedOn: '2024-06-01', expiresOn: '2029-05-31' }]);
      const before = await counts();
      const newNumber = certNo('FIX').toLowerCase();
      const res = await ok(
        CORRECT,
        { id: old.id, i: { certificateNumber: ` ${newNumber} `, level: 2 }, reason: '  等级录入错误 ' },
        a.token,
      );
      const fixed = res.correctCertificate;
      expect(fixed).toMatchObject({
        certificateNumber: newNumber.toUpperCase(),
        kind: 'NURSING_ASSISTANT_SKILL',
        level: 2,
        issuedOn: '2024-06-01',
        expiresOn: '2029-05-31',
        revokedOn: null,
        status: 'VALID',
        external: false,
        holder: { name: old.name, idNumberMasked: masked(old.idNumber) },
        supersedes: {
          id: old.id,
          certificateNumber: String(old.certificateNumber).toUpperCase(),
          revokedOn: today,
          status: 'REVOKED',
          supersededBy: { id: fixed.id, certificateNumber: newNumber.toUpperCase() },
        },
      });
      expect(fixed.id).not.toBe(old.id);
      expect(await counts()).toEqual({
        ...before,
        certificates: before.certificates + 1,
        revoked: before.revoked + 1,
        audits: before.audits + 1,
      });
      const { rows } = await t.db.query(
        `SELECT id, person_id, issuing_body_id, supersedes_id, revoked_on::text, revocation_reason
           FROM certificate WHERE id = ANY($1) ORDER BY created_at`,
        [[old.id, fixed.id]],
      );
      expect(rows[0]).toMatchObject({ id: old.id, revoked_on: today, revocation_reason: '等级录入错误' });
      expect(rows[1]).toMatchObject({
        id: fixed.id,
        person_id: rows[0].person_id,
        issuing_body_id: a.id,
        supersedes_id: old.id,
        revoked_on: null,
      });
      const audit = await t.db.query(
        `SELECT actor_role, record_type, record_id, summary FROM audit_event WHERE operation = 'correctCertificate'
          AND record_id = $1`,
        [fixed.id],
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({ actor_role: 'EVALUATION_BODY', record_type: 'Certificate' });
      expect(audit.rows[0].summary).toEqual({
        reason: '等级录入错误',
        supersedes: old.id,
        revokedOn: today,
        before: { certificateNumber: String(old.certificateNumber).toUpperCase(), level: 3 },
        after: { certificateNumber: newNumber.toUpperCase(), level: 2 },
      });
      expect(JSON.stringify(audit.rows[0].summary)).not.toContain(old.name);
    });

    it('verifying the old number answers REVOKED and names the replacement, through every later correction', async () => {
      const [old] = await issue(a.token, [{ issuedOn: '2023-03-03', expiresOn: '2028-03-02' }]);
      const v = async (n: string) =>
        (await ok(VERIFY, { n, m: old.name })).verifyCertificate as Record<string, unknown>;
      expect(await v(old.certificateNumber)).toMatchObject({
        matched: true,
        status: 'VALID',
        source: 'EVALUATION_BODY',
        expiresOn: '2028-03-02',
        supersededBy: null,
      });
      const second = certNo('V2');
      const fixed = (
        await ok(CORRECT, { id: old.id, i: { certificateNumber: second, level: 4 }, reason: '错' }, a.token)
      ).correctCertificate;
      expect(await v(old.certificateNumber)).toMatchObject({
        matched: true,
        status: 'REVOKED',
        supersededBy: second.toUpperCase(),
        level: 3,
      });
      expect(await v(second)).toMatchObject({ matched: true, status: 'VALID', supersededBy: null, level: 4 });

      // Corrected again (by a municipal planner): the oldest paper certificate leads to the latest number.
      const third = certNo('V3');
      await ok(
        CORRECT,
        { id: fixed.id, i: { certificateNumber: third, expiresOn: null }, reason: '再改' },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(await v(old.certificateNumber)).toMatchObject({ status: 'REVOKED', supersededBy: third.toUpperCase() });
      expect(await v(second)).toMatchObject({ status: 'REVOKED', supersededBy: third.toUpperCase() });
      expect(await v(third)).toMatchObject({ status: 'VALID', supersededBy: null, expiresOn: null, level: 4 });

      // A wrong name still learns nothing, replacement included.
      expect((await ok(VERIFY, { n: old.certificateNumber, m: '王五' })).verifyCertificate).toEqual({
        matched: false,
        status: null,
        source: null,
        expiresOn: null,
        supersededBy: null,
        level: null,
        levelName: null,
        issuingBodyName: null,
      });
    });

    it('verification says EMPLOYER_RECORDED for a certificate an employer typed in, with its expiry', async () => {
      const institutionId = await createInstitution(t);
      const adminToken = (await signInRoles(t, [{ role: 'INSTITUTION_ADMIN', institutionId }])).INSTITUTION_ADMIN;
      const staff = await registerStaff(t, tokens.MUNICIPAL_PLANNER, { institutionId });
      const number = certNo('RN');
      await ok(
        EXTERNAL,
        {
          i: {
            personId: staff.person.id,
            kind: 'PROFESSIONAL_LICENSE',
            profession: 'NURSE',
            certificateNumber: number,
            issuerName: '国家卫生健康委员会',
            issuedOn: '2020-01-01',
            expiresOn: '2030-01-01',
          },
        },
        adminToken,
      );
      expect((await ok(VERIFY, { n: number, m: staff.person.name })).verifyCertificate).toEqual({
        matched: true,
        status: 'VALID',
        source: 'EMPLOYER_RECORDED',
        expiresOn: '2030-01-01',
        supersededBy: null,
        level: null,
        levelName: null,
        issuingBodyName: '国家卫生健康委员会',
      });
      // The schema says what each source means.
      const type = await ok(
        '{ __type(name: "CertificateSource") { description enumValues { name description } } }',
        {},
        tokens.ADMIN,
      );
      expect(type.__type.enumValues.map((v: any) => v.name).sort()).toEqual(['EMPLOYER_RECORDED', 'EVALUATION_BODY']);
      for (const v of type.__type.enumValues) expect(v.description.length).toBeGreaterThan(40);
    });

    it('a municipal planner may correct any certificate, an employer-recorded one staying employer-recorded', async () => {
      const [ofB] = await issue(b.token, [{ kind: 'SOCIAL_WORK', level: 3 }]);
      const fixed = (
        await ok(
          CORRECT,
          { id: ofB.id, i: { certificateNumber: certNo('SW'), level: 1 }, reason: '核对' },
          tokens.MUNICIPAL_PLANNER,
        )
      ).correctCertificate;
      expect(fixed).toMatchObject({ kind: 'SOCIAL_WORK', level: 1, supersedes: { id: ofB.id } });
      const audit = await t.db.query(
        `SELECT actor_role FROM audit_event WHERE operation = 'correctCertificate' AND record_id = $1`,
        [fixed.id],
      );
      expect(audit.rows).toEqual([{ actor_role: 'MUNICIPAL_PLANNER' }]);

      const institutionId = await createInstitution(t);
      const adminToken = (await signInRoles(t, [{ role: 'INSTITUTION_ADMIN', institutionId }])).INSTITUTION_ADMIN;
      const staff = await registerStaff(t, tokens.MUNICIPAL_PLANNER, { institutionId });
      const external = (
        await ok(
          EXTERNAL,
          {
            i: {
              personId: staff.person.id,
              kind: 'PROFESSIONAL_LICENSE',
              profession: 'NURSE',
              certificateNumber: certNo('RN'),
              issuerName: '卫健委',
              issuedOn: '2021-01-01',
            },
          },
          adminToken,
        )
      ).recordExternalCertificate;
      const number = certNo('DR');
      const fixedExternal = (
        await ok(
          CORRECT,
          { id: external.id, i: { certificateNumber: number, profession: 'DOCTOR' }, reason: '职业填错' },
          tokens.MUNICIPAL_PLANNER,
        )
      ).correctCertificate;
      expect(fixedExternal).toMatchObject({ external: true, issuerName: '卫健委', profession: 'DOCTOR', level: null });
      expect((await ok(VERIFY, { n: number, m: staff.person.name })).verifyCertificate.source).toBe(
        'EMPLOYER_RECORDED',
      );
      // Not by its employer: corrections are the issuer's and the municipal planner's.
      await expectRefused(
        CORRECT,
        { id: fixedExternal.id, i: { certificateNumber: certNo('X') }, reason: 'x' },
        adminToken,
        'FORBIDDEN',
      );
    });

    it('refuses other bodies and roles, unknown ids, and bad corrections, writing nothing', async () => {
      const [cert, other] = await issue(a.token, [{ issuedOn: '2024-06-01' }, { kind: 'SOCIAL_WORK', level: 3 }]);
      const fresh = () => certNo('R');
      const correct = (id: string, i: Record<string, unknown>, reason = '更正') => ({
        id,
        i: { certificateNumber: fresh(), ...i },
        reason,
      });
      await expectRefused(CORRECT, correct(cert.id, {}), b.token, 'FORBIDDEN');
      for (const role of ['DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused(CORRECT, correct(cert.id, {}), tokens[role], 'FORBIDDEN');
      }
      await expectRefused(CORRECT, correct(cert.id, {}), undefined, 'UNAUTHENTICATED');
      for (const id of [randomUUID(), 'not-an-id']) {
        await expectRefused(CORRECT, correct(id, {}), a.token, 'NOT_FOUND');
        await expectRefused(CORRECT, correct(id, {}), tokens.MUNICIPAL_PLANNER, 'NOT_FOUND');
      }

      const bad: [string, Record<string, unknown>, string[], string?][] = [
        [
          'the same number',
          { certificateNumber: ` ${String(cert.certificateNumber).toLowerCase()} ` },
          ['input.certificateNumber'],
        ],
        ['a malformed number', { certificateNumber: '#' }, ['input.certificateNumber']],
        ['a level the kind does not have', { level: 6 }, ['input.level']],
        ['no level on a skill certificate', { level: null }, ['input.level']],
        ['a profession on a skill certificate', { profession: 'NURSE' }, ['input.profession']],
        ['a future issue date', { issuedOn: addDays(today, 1) }, ['input.issuedOn']],
        ['an impossible date', { issuedOn: '2024-02-30' }, ['input.issuedOn']],
        ['an expiry before the issue', { expiresOn: '2024-05-31' }, ['input.expiresOn']],
        ['a blank reason', {}, ['reason'], '   '],
        ['several at once', { level: 0, expiresOn: '2000-01-01' }, ['input.level', 'input.expiresOn', 'reason'], ''],
      ];
      const before = await counts();
      for (const [label, input, fields, reason] of bad) {
        const res = await t.gql(CORRECT, correct(cert.id, input, reason ?? '更正'), a.token);
        expect([label, codes(res)]).toEqual([label, ['BAD_USER_INPUT']]);
        expect([label, [...res.body.errors![0].extensions!.fields].sort()]).toEqual([label, [...fields].sort()]);
      }
      expect(await counts()).toEqual(before);
      // Numbers are unique per kind: another certificate's number of the same kind is a CONFLICT (of another kind
      // not: below).
      const [sameKind] = await issue(a.token, [{}]);
      await expectRefused(
        CORRECT,
        { id: cert.id, i: { certificateNumber: sameKind.certificateNumber }, reason: 'x' },
        a.token,
        'CONFLICT',
        ['input.certificateNumber'],
      );
      // The body's filing (from 2020-01-01) must cover the corrected issue date.
      await expectRefused(CORRECT, correct(cert.id, { issuedOn: '2019-12-31' }), a.token, 'FORBIDDEN');
      // Nothing of the above touched the certificate.
      const { rows } = await t.db.query('SELECT revoked_on FROM certificate WHERE id = $1', [cert.id]);
      expect(rows[0].revoked_on).toBeNull();
      const fixed = (
        await ok(CORRECT, { id: cert.id, i: { certificateNumber: other.certificateNumber }, reason: 'x' }, a.token)
      ).correctCertificate;
      expect(fixed).toMatchObject({
        kind: 'NURSING_ASSISTANT_SKILL',
        certificateNumber: String(other.certificateNumber).toUpperCase(),
      });
    });

    it('refuses a revoked or already corrected certificate', async () => {
      const [revoked, corrected] = await issue(a.token, [{}, {}]);
      await ok(REVOKE, { id: revoked.id }, a.token);
      await expectRefused(
        CORRECT,
        { id: revoked.id, i: { certificateNumber: certNo() }, reason: 'x' },
        a.token,
        'BAD_USER_INPUT',
        ['id'],
      );
      await ok(CORRECT, { id: corrected.id, i: { certificateNumber: certNo() }, reason: 'x' }, a.token);
      await expectRefused(
        CORRECT,
        { id: corrected.id, i: { certificateNumber: certNo() }, reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['id'],
      );
    });

    it('two corrections of one certificate at once: one wins, the other is refused', async () => {
      const [cert] = await issue(a.token, [{}]);
      const results = await Promise.all(
        [1, 2].map(() => t.gql(CORRECT, { id: cert.id, i: { certificateNumber: certNo() }, reason: '并发' }, a.token)),
      );
      expect(results.map((r) => codes(r)[0] ?? 'OK').sort()).toEqual(['BAD_USER_INPUT', 'OK']);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM certificate WHERE supersedes_id = $1', [
        cert.id,
      ]);
      expect(rows[0].n).toBe(1);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------

  describe('collegeProgramYears', () => {
    const figures = (major: string, year: number, enrolled = 40) => ({
      major,
      year,
      enrolled,
      graduated: 30,
      graduatesEnteringElderCare: 20,
    });
    const years = async (filter: Record<string, unknown> | null, token: string, first = 100, after?: string) =>
      (await ok(PROGRAM_YEARS, { filter, first, after }, token)).collegeProgramYears;
    let recorded = false;
    async function recordAll() {
      if (recorded) return;
      recorded = true;
      for (const f of [
        figures('ELDER_CARE_SERVICES', 2024),
        figures('ELDER_CARE_SERVICES', 2025, 55),
        figures('ELDER_SOCIAL_WORK', 2025),
      ]) {
        await ok(RECORD_YEAR, { i: f }, a.token);
      }
      await ok(RECORD_YEAR, { i: figures('REHABILITATION_NURSING', 2025) }, b.token);
    }

    it('a college sees its own program years, newest year first, by year if asked', async () => {
      await recordAll();
      const own = await years(null, a.token);
      expect(own.totalCount).toBe(3);
      expect(own.edges.map((e: any) => [e.node.year, e.node.major, e.node.college.id])).toEqual([
        [2025, 'ELDER_SOCIAL_WORK', a.id],
        [2025, 'ELDER_CARE_SERVICES', a.id],
        [2024, 'ELDER_CARE_SERVICES', a.id],
      ]);
      expect(own.edges[1].node).toMatchObject({ enrolled: 55, graduated: 30, graduatesEnteringElderCare: 20 });
      expect((await years({ year: 2024 }, a.token)).totalCount).toBe(1);
      expect((await years({ collegeId: a.id, year: 2025 }, a.token)).totalCount).toBe(2);
      // Pages.
      const p1 = await years(null, a.token, 2);
      const p2 = await years(null, a.token, 2, p1.pageInfo.endCursor);
      expect([...p1.edges, ...p2.edges].map((e: any) => e.cursor)).toEqual(own.edges.map((e: any) => e.cursor));
      expect(p2.pageInfo.hasNextPage).toBe(false);
    });

    it('a municipal planner sees every college’s, a district planner those of colleges in its region', async () => {
      await recordAll();
      const all = await years({ year: 2025 }, tokens.MUNICIPAL_PLANNER);
      const colleges = new Set(all.edges.map((e: any) => e.node.college.id));
      expect(colleges).toEqual(new Set([a.id, b.id]));
      expect((await years({ collegeId: b.id }, tokens.MUNICIPAL_PLANNER)).totalCount).toBe(1);
      expect((await years({ collegeId: b.id.toUpperCase() }, tokens.MUNICIPAL_PLANNER)).totalCount).toBe(1);
      const district = await years(null, tokens.DISTRICT_PLANNER);
      expect(new Set(district.edges.map((e: any) => e.node.college.id))).toEqual(new Set([a.id]));
      expect(district.totalCount).toBe(3);
    });

    it('refuses other colleges, unknown ids, non-colleges, other roles and bad filters', async () => {
      await recordAll();
      await expectRefused(PROGRAM_YEARS, { filter: { collegeId: b.id } }, a.token, 'FORBIDDEN');
      await expectRefused(PROGRAM_YEARS, { filter: { collegeId: b.id } }, tokens.DISTRICT_PLANNER, 'FORBIDDEN');
      for (const id of [randomUUID(), 'not-an-id']) {
        for (const token of [a.token, tokens.MUNICIPAL_PLANNER, tokens.DISTRICT_PLANNER]) {
          await expectRefused(PROGRAM_YEARS, { filter: { collegeId: id } }, token, 'NOT_FOUND');
        }
      }
      await expectRefused(PROGRAM_YEARS, {}, association.token, 'FORBIDDEN');
      for (const role of ['INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused(PROGRAM_YEARS, {}, tokens[role], 'FORBIDDEN');
      }
      await expectRefused(PROGRAM_YEARS, {}, undefined, 'UNAUTHENTICATED');
      await expectRefused(PROGRAM_YEARS, { filter: { year: 1999 } }, a.token, 'BAD_USER_INPUT', ['filter.year']);
      const forged = Buffer.from(JSON.stringify([2025, randomUUID(), "'; DROP TABLE x"])).toString('base64url');
      expect((await years(null, a.token, 10, forged)).edges).toEqual(expect.any(Array));
      await expectRefused(PROGRAM_YEARS, { after: 'nonsense' }, a.token, 'BAD_USER_INPUT', ['after']);
    });
  });
});
