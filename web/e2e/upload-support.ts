// What the upload pages' browser tests share: spreadsheets built as a clerk's Excel would save them (.xlsx with
// text and number cells, .csv in GB18030), a care home and an admin of its own (so that counts change only by
// what the test does), and choosing a file on a page.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import type { Api } from './support';

export type SheetCell = string | number | null;

/** An .xlsx whose first sheet holds the header row and the rows; numbers are number cells, the rest text. */
export async function xlsx(headers: string[], rows: SheetCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV as Chinese Excel saves it: GB18030, CRLF line ends, no BOM. */
export function gb18030Csv(headers: string[], rows: SheetCell[][]): Buffer {
  const quote = (v: SheetCell) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  return iconv.encode(text, 'gb18030');
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A checksum-valid unified social credit code (GB 32100-2015) for a Wanzhou organisation. */
export function creditCode(): string {
  let body = '52500101';
  for (let i = 0; i < 9; i++) body += CREDIT_CHARS[Math.floor(Math.random() * 31)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]) * CREDIT_WEIGHTS[i];
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** A new care home in Wanzhou (250 beds: 3 social workers required) and an admin account for it. */
export async function freshCareHome(api: Api): Promise<{ institutionId: string; username: string; password: string }> {
  const data = await api.gql<{ registerInstitution: { id: string } }>(
    `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
    {
      input: {
        name: `测试养老院${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`,
        creditCode: creditCode(),
        regionCode: '500101',
        type: 'CARE_HOME',
        ownership: 'PRIVATE_NON_PROFIT',
        beds: 250,
      },
    },
    await api.token('planner'),
  );
  const institutionId = data.registerInstitution.id;
  const account = await api.createAccount('INSTITUTION_ADMIN', { institutionId });
  return { institutionId, username: account.username, password: account.password };
}

/** Chooses a file in the upload's 选择文件 input. */
export async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const mimeType = name.endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page.getByLabel('选择文件').setInputFiles({ name, mimeType, buffer });
}
