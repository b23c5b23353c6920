import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { en } from '../../src/i18n/messages.en.js';
import { zhCN } from '../../src/i18n/messages.zh-CN.js';
import {
  createInstitution,
  earnCredits,
  registerRelative,
  registerVolunteer,
  residentId,
  signInRoles,
  staffInput,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Chinese first (DESIGN.md "Language"): every text meant for a person in Chinese by default and in English when the
// request prefers it; codes, fields and enum values the same in both.

const ZH = { 'accept-language': 'zh-CN' };
const EN = { 'accept-language': 'en' };

/** A catalogue message as a pattern: its parameters match anything. */
const pattern = (text: string) =>
  new RegExp(text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[\\s\\S]*?'));
/** English sentences of the catalogue long enough to be unmistakable (not a bare placeholder or a single word). */
const ENGLISH_SENTENCES = Object.entries(en)
  .filter(
    ([, text]) =>
      text
        .replace(/\{\w+\}/g, '')
        .trim()
        .split(/\s+/).length >= 3,
  )
  .map(([key, text]) => ({ key, re: pattern(text) }));

describe('language of messages (Accept-Language)', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let site: string;
  const siteName = '万州区测试福利院';
  /** Every answer to a Chinese request, for the last check. */
  const chineseAnswers: string[] = [];

  const zh = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const res = await t.gql(query, variables, token, ZH);
    chineseAnswers.push(JSON.stringify(res.body));
    return res;
  };
  const both = async (query: string, variables?: Record<string, unknown>, token?: string) =>
    [await zh(query, variables, token), await t.gql(query, variables, token, EN)] as const;
  const firstError = (res: GraphQLResponse) => res.body.errors![0];

  beforeAll(async () => {
    t = await startTestApp();
    site = await createInstitution(t, { regionCode: '500101', name: siteName });
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500101' },
      { role: 'INSTITUTION_ADMIN', institutionId: site },
    ]);
  });
  afterAll(() => t?.close());

  it('answers a bad request with the same code and fields in Chinese and in English, worded in each', async () => {
    const [zhRes, enRes] = await both(
      `mutation($i: RecordFundAllocationInput!) { recordFundAllocation(input: $i) { id } }`,
      { i: { source: 'FISCAL', year: 2026, amount: '99999999999999999.99', purpose: 'TRAINING' } },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(codes(zhRes)).toEqual(['BAD_USER_INPUT']);
    expect(codes(enRes)).toEqual(['BAD_USER_INPUT']);
    expect(firstError(zhRes).extensions!.fields).toEqual(['amount']);
    expect(firstError(enRes).extensions!.fields).toEqual(firstError(zhRes).extensions!.fields);
    // It has two decimals: what is wrong is its size.
    expect(firstError(zhRes).message).toBe('金额过大：最多 9999999999999.99 元');
    expect(firstError(enRes).message).toBe('The amount is too large: at most 9999999999999.99 yuan');
    expect(firstError(zhRes).extensions!.problems).toEqual([
      { field: 'amount', message: '金额过大：最多 9999999999999.99 元' },
    ]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM fund_allocation')).rows[0].n).toBe(0);
  });

  it('says that 2026-02-30 is a date that does not exist', async () => {
    const [zhRes, enRes] = await both(
      'query { workforceHeadcount(asOf: "2026-02-30") { total } }',
      {},
      tokens.MUNICIPAL_PLANNER,
    );
    expect(codes(zhRes)).toEqual(['BAD_USER_INPUT']);
    expect(firstError(zhRes).extensions!.fields).toEqual(['asOf']);
    expect(firstError(enRes).extensions!.fields).toEqual(['asOf']);
    expect(firstError(zhRes).message).toBe('截至日期：2026-02-30 这一天并不存在');
    expect(firstError(enRes).message).toBe('The as-of date: 2026-02-30 is a date that does not exist');
  });

  it('words batch row errors in Chinese, naming the field in the user’s words, with the same codes', async () => {
    const rows = [
      staffInput({ institutionId: site, idNumber: '500101199001011230' }),
      staffInput({ institutionId: site, startDate: '2024-02-30' }),
    ];
    const query = `mutation($rows: [RegisterStaffInput!]!) {
      registerStaffBatch(rows: $rows, dryRun: true) { written errors { index field code message } } }`;
    const [zhRes, enRes] = await both(query, { rows }, tokens.INSTITUTION_ADMIN);
    const zhErrors = zhRes.body.data!.registerStaffBatch.errors;
    const enErrors = enRes.body.data!.registerStaffBatch.errors;
    expect(zhErrors.map((e: any) => [e.index, e.field, e.code])).toEqual(
      enErrors.map((e: any) => [e.index, e.field, e.code]),
    );
    expect(zhErrors).toEqual([
      {
        index: 0,
        field: 'idNumber',
        code: 'BAD_USER_INPUT',
        message: '身份证号码不是有效的 18 位居民身份证号码（GB 11643-1999）',
      },
      { index: 1, field: 'startDate', code: 'BAD_USER_INPUT', message: '开始日期：2024-02-30 这一天并不存在' },
    ]);
    expect(enErrors[0].message).toBe('The ID number is not a valid 18-character resident ID number (GB 11643-1999)');
  });

  it('words access and not-found errors, and errors before GraphQL runs', async () => {
    const [zhRes, enRes] = await both('query { me { id } }');
    expect(codes(zhRes)).toEqual(['UNAUTHENTICATED']);
    expect(firstError(zhRes).message).toBe('请先登录');
    expect(firstError(enRes).message).toBe('Authentication required');

    const missing = await zh(
      'query($id: ID!) { institution(id: $id) { id } }',
      { id: '00000000-0000-4000-8000-000000000000' },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect(firstError(missing).message).toBe('未找到机构');

    for (const [lang, words] of [
      ['zh-CN', '请求体不是有效的 JSON'],
      ['en', 'The body is not valid JSON'],
    ]) {
      const res = await request(t.server)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('accept-language', lang)
        .send('{"query": ');
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({ message: words, extensions: { code: 'BAD_REQUEST' } });
      if (lang === 'zh-CN') chineseAnswers.push(JSON.stringify(res.body));
    }
  });

  it('answers in Chinese without an Accept-Language header, and when Chinese is preferred', async () => {
    const res = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: 'query { me { id } }' });
    expect(res.body.errors[0].message).toBe('请先登录');
    const preferred = await t.gql('query { me { id } }', {}, undefined, {
      'accept-language': 'en;q=0.5, zh-CN;q=0.9',
    });
    expect(preferred.body.errors![0].message).toBe('请先登录');
  });

  it('words notes on figures in the request’s language', async () => {
    const query = `query { workforceProgress(regionCode: "500101") { note } }`;
    const [zhRes, enRes] = await both(query, {}, tokens.MUNICIPAL_PLANNER);
    expect(zhRes.body.data!.workforceProgress.note).toMatch(
      /^\d{4} 年及以后未设定本区县的人才总量目标，全市目标不是区县的目标/,
    );
    expect(enRes.body.data!.workforceProgress.note).toMatch(/^No headcount target is set for this district or county/);
  });

  it('words statement lines from their facts: the service, the transfer and who sent it', async () => {
    const volunteer = await registerVolunteer(t, { name: '李淑芬' });
    const spouseId = residentId({ birthDate: '1960-05-05' });
    const spouse = await registerVolunteer(t, { idNumber: spouseId, name: '张建国' });
    const relative = await registerRelative(t, volunteer.token, { idNumber: spouseId, name: '张建国' });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await earnCredits(t, volunteer.token, tokens.INSTITUTION_ADMIN, { institutionId: site, minutes: 150 });
    const transfer = await t.gql(
      'mutation($i: TransferCreditsInput!) { transferCredits(input: $i) { id note } }',
      { i: { toRelativeId: relative, minutes: 30, idempotencyKey: 'zh-1' } },
      volunteer.token,
    );
    expect(transfer.body.errors).toBeUndefined();
    const statement = 'query { myTimeBank { entries(first: 10) { edges { node { kind currency note } } } } }';
    const notes = async (token: string, headers: Record<string, string>) => {
      const res = await t.gql(statement, {}, token, headers);
      if (headers === ZH) chineseAnswers.push(JSON.stringify(res.body));
      return res.body.data!.myTimeBank.entries.edges.map((e: any) => [e.node.kind, e.node.currency, e.node.note]);
    };
    const mine = await notes(volunteer.token, ZH);
    expect(mine).toHaveLength(3);
    expect(mine[0]).toEqual(['TRANSFER_OUT', 'TIME', '转赠给配偶 张建国']);
    expect(mine).toEqual(
      expect.arrayContaining([
        ['EARN', 'TIME', `${today} 在 ${siteName} 陪伴服务 2 小时 30 分钟`],
        ['EARN', 'POINTS', `${today} 在 ${siteName} 陪伴服务 2 小时 30 分钟`],
      ]),
    );
    expect(await notes(spouse.token, ZH)).toEqual([['TRANSFER_IN', 'TIME', '收到 李淑芬 转赠']]);
    expect(await notes(volunteer.token, EN)).toEqual(
      expect.arrayContaining([
        ['TRANSFER_OUT', 'TIME', 'Transfer to your spouse 张建国'],
        ['EARN', 'TIME', `${today} at ${siteName}: companionship, 2 h 30 min`],
      ]),
    );
  });

  it('writes the export’s notes in the request’s language', async () => {
    const download = async (lang: string) => {
      const res = await request(t.server)
        .get('/exports/planning.xlsx')
        .set('authorization', `Bearer ${tokens.DISTRICT_PLANNER}`)
        .set('accept-language', lang)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const texts: string[] = [];
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value)))),
      );
      return texts;
    };
    const notePatterns = (catalogue: Record<string, string>) =>
      Object.entries(catalogue)
        .filter(([key]) => key.startsWith('note.'))
        .map(([, text]) => pattern(text));
    const zhTexts = await download('zh-CN');
    const enTexts = await download('en');
    const zhNotes = zhTexts.filter((s) => notePatterns(zhCN).some((re) => re.test(s)));
    expect(zhNotes.length).toBeGreaterThan(0);
    expect(zhNotes.some((s) => s.includes('未设定本区县的人才总量目标'))).toBe(true);
    expect(zhTexts.filter((s) => notePatterns(en).some((re) => re.test(s)))).toEqual([]);
    expect(enTexts.some((s) => s.startsWith('No headcount target is set for this district or county'))).toBe(true);
    chineseAnswers.push(...zhNotes);
  });

  it('never answers a Chinese request with an English sentence of the catalogue', () => {
    expect(chineseAnswers.length).toBeGreaterThan(8);
    const found = chineseAnswers.flatMap((answer) =>
      ENGLISH_SENTENCES.filter(({ re }) => re.test(answer)).map(({ key }) => ({ key, answer: answer.slice(0, 200) })),
    );
    expect(found).toEqual([]);
  });
});
