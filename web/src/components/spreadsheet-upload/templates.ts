// The spreadsheet templates of shared/contract/spreadsheets.md: headers, the API field each fills, the Chinese labels
// (or API codes) each enumerated column takes, and how one row becomes the API's input. The template files are
// Chinese, as the contract says (their headers are what clerks type); the page's own words are in the catalogues.
import type { MessageKey } from '../../i18n';
import { idNumberProblem } from './id-number';

/** A cell as read from the file: text, a number, a date (an Excel date cell), a boolean, or nothing. */
export type Cell = string | number | boolean | Date | null;

/** One problem of a row: the column it is in (null: the whole row), and its words (a catalogue key) or the API's. */
export interface RowProblem {
  header: string | null;
  key?: MessageKey;
  params?: Record<string, string | number>;
  /** The API's own message, where the page has no words of its own for it. */
  text?: string;
}

export interface Option {
  code: string;
  labels: string[];
}

export type ColumnKind = 'text' | 'idNumber' | 'phone' | 'enum' | 'date' | 'level' | 'yesNo';

export interface ColumnSpec {
  header: string;
  field: string;
  required: boolean;
  /** Required only in some rows (certificate level, profession): the template's explanation says when. */
  conditional?: boolean;
  kind: ColumnKind;
  options?: Option[];
  example: string;
  help: string;
}

export type RowInput = Record<string, string | number | boolean | null>;

export interface Template {
  /** The template's name and its first sheet's name (人员登记, 证书报送, 培训签到). */
  name: string;
  fileName: string;
  columns: ColumnSpec[];
  /** Checks across columns, after each column has its value. */
  crossCheck?(input: RowInput, problems: RowProblem[]): void;
}

const opt = (code: string, ...labels: string[]): Option => ({ code, labels });

export const OCCUPATIONS = [
  opt('CAREGIVER', '养老护理员'),
  opt('SOCIAL_WORKER', '社会工作者'),
  opt('CAPABILITY_ASSESSOR', '老年人能力评估师', '评估员', '老年人能力评估员'),
  opt('MEDICAL', '医生'),
  opt('NURSE', '护士'),
  opt('REHABILITATION', '康复治疗人员'),
  opt('NUTRITION', '营养人员'),
  opt('PSYCHOLOGICAL_COUNSELOR', '心理咨询人员'),
  opt('DIRECTOR', '院长'),
  opt('MANAGER', '管理人员'),
];
export const POST_TYPES = [opt('FULL_TIME', '全职'), opt('PART_TIME', '兼职')];
export const EDUCATIONS = [
  opt('PRIMARY_OR_BELOW', '小学及以下'),
  opt('JUNIOR_SECONDARY', '初中'),
  opt('SENIOR_SECONDARY', '高中'),
  opt('VOCATIONAL_SECONDARY', '中职', '中专'),
  opt('JUNIOR_COLLEGE', '大专'),
  opt('BACHELOR', '本科'),
  opt('MASTER_OR_ABOVE', '硕士及以上'),
];
export const CERTIFICATE_KINDS = [
  opt('NURSING_ASSISTANT_SKILL', '养老护理员职业技能等级'),
  opt('SOCIAL_WORK', '社会工作者职业资格'),
  opt('CAPABILITY_ASSESSOR', '老年人能力评估师'),
  opt('PROFESSIONAL_LICENSE', '执业资格'),
];
export const PROFESSIONS = [
  opt('NURSE', '护士'),
  opt('DOCTOR', '医师'),
  opt('THERAPIST', '康复治疗师'),
  opt('DIETITIAN', '营养师'),
  opt('COUNSELOR', '心理咨询师'),
];
export const SKILL_LEVELS: Record<number, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};
export const SOCIAL_WORK_LEVELS: Record<number, string> = { 3: '助理社会工作师', 2: '社会工作师', 1: '高级社会工作师' };
const YES_NO = [opt('true', '是'), opt('false', '否')];

const labelsOf = (options: Option[]) => options.map((o) => o.labels[0]).join('、');

export const STAFF_TEMPLATE: Template = {
  name: '人员登记',
  fileName: '人员登记模板.xlsx',
  columns: [
    { header: '姓名', field: 'name', required: true, kind: 'text', example: '张丽华', help: '与身份证一致' },
    {
      header: '身份证号',
      field: 'idNumber',
      required: true,
      kind: 'idNumber',
      example: '500101198503150027',
      help: '18 位居民身份证号码。请把本列设为“文本”格式，否则 Excel 会把号码变成科学计数法并丢失末尾数字',
    },
    { header: '手机号', field: 'phone', required: false, kind: 'phone', example: '13800138000', help: '11 位手机号码' },
    {
      header: '岗位',
      field: 'occupation',
      required: true,
      kind: 'enum',
      options: OCCUPATIONS,
      example: '养老护理员',
      help: `可填：${labelsOf(OCCUPATIONS)}（“评估员”也可）`,
    },
    {
      header: '用工形式',
      field: 'postType',
      required: true,
      kind: 'enum',
      options: POST_TYPES,
      example: '全职',
      help: '可填：全职、兼职',
    },
    {
      header: '入职日期',
      field: 'startDate',
      required: true,
      kind: 'date',
      example: '2024-03-01',
      help: 'Excel 日期，或 2024-03-01、2024/3/1、2024年3月1日',
    },
    {
      header: '学历',
      field: 'education',
      required: false,
      kind: 'enum',
      options: EDUCATIONS,
      example: '中职',
      help: `可填：${labelsOf(EDUCATIONS)}（“中专”也可）`,
    },
  ],
};

export const CERTIFICATE_TEMPLATE: Template = {
  name: '证书报送',
  fileName: '证书报送模板.xlsx',
  columns: [
    { header: '姓名', field: 'name', required: true, kind: 'text', example: '张丽华', help: '与身份证一致' },
    {
      header: '身份证号',
      field: 'idNumber',
      required: true,
      kind: 'idNumber',
      example: '500101198503150027',
      help: '18 位居民身份证号码。请把本列设为“文本”格式',
    },
    {
      header: '证书类别',
      field: 'kind',
      required: true,
      kind: 'enum',
      options: CERTIFICATE_KINDS,
      example: '养老护理员职业技能等级',
      help: `可填：${labelsOf(CERTIFICATE_KINDS)}`,
    },
    {
      header: '等级',
      field: 'level',
      required: false,
      conditional: true,
      kind: 'level',
      example: '四级/中级工',
      help:
        '执业资格以外必填。技能等级填 1-5 或五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师；' +
        '社会工作者职业资格填 1-3 或助理社会工作师、社会工作师、高级社会工作师',
    },
    {
      header: '执业类别',
      field: 'profession',
      required: false,
      conditional: true,
      kind: 'enum',
      options: PROFESSIONS,
      example: '',
      help: `仅执业资格填写，可填：${labelsOf(PROFESSIONS)}`,
    },
    {
      header: '证书编号',
      field: 'certificateNumber',
      required: true,
      kind: 'text',
      example: 'CQ2024-000123',
      help: '同一证书类别内不可重复',
    },
    {
      header: '发证日期',
      field: 'issuedOn',
      required: true,
      kind: 'date',
      example: '2024-06-30',
      help: 'Excel 日期，或 2024-06-30、2024/6/30、2024年6月30日',
    },
    {
      header: '有效期至',
      field: 'expiresOn',
      required: false,
      kind: 'date',
      example: '',
      help: '长期有效的证书不填',
    },
  ],
  crossCheck(input, problems) {
    const kind = input.kind as string | null;
    if (!kind) return;
    if (kind === 'PROFESSIONAL_LICENSE') {
      if (input.level !== null) problems.push({ header: '等级', key: 'upload.problem.levelNotForLicense' });
      if (input.profession === null) problems.push({ header: '执业类别', key: 'upload.problem.professionRequired' });
    } else {
      if (input.profession !== null) problems.push({ header: '执业类别', key: 'upload.problem.professionOnlyLicense' });
      const levels = kind === 'SOCIAL_WORK' ? SOCIAL_WORK_LEVELS : SKILL_LEVELS;
      if (input.level === null) problems.push({ header: '等级', key: 'upload.problem.levelRequired' });
      else if (!levels[input.level as number])
        problems.push({
          header: '等级',
          key: 'upload.problem.levelOutOfRange',
          params: { max: kind === 'SOCIAL_WORK' ? 3 : 5 },
        });
    }
    if (input.issuedOn && input.expiresOn && (input.expiresOn as string) <= (input.issuedOn as string))
      problems.push({ header: '有效期至', key: 'upload.problem.expiryBeforeIssue' });
  },
};

export const ATTENDANCE_TEMPLATE: Template = {
  name: '培训签到',
  fileName: '培训签到模板.xlsx',
  columns: [
    { header: '姓名', field: 'name', required: true, kind: 'text', example: '张丽华', help: '与身份证一致' },
    {
      header: '身份证号',
      field: 'idNumber',
      required: true,
      kind: 'idNumber',
      example: '500101198503150027',
      help: '18 位居民身份证号码。请把本列设为“文本”格式',
    },
    {
      header: '是否结业',
      field: 'completed',
      required: true,
      kind: 'yesNo',
      options: YES_NO,
      example: '是',
      help: '可填：是、否（只有结业的学员计入培训人次）',
    },
  ],
};

/** A cell's text: trimmed, with Excel's formula results and rich text already resolved by the reader. */
function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel date cells, YYYY-MM-DD, YYYY/M/D and YYYY年M月D日 (spreadsheets.md). */
export function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  const value = text(cell);
  const match = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(value);
  if (!match) return null;
  const [m, d] = match[2] ? [match[2], match[3]] : match[4] ? [match[4], match[5]] : [match[6], match[7]];
  return isoDate(Number(match[1]), Number(m), Number(d));
}

function findOption(options: Option[], value: string): Option | undefined {
  return options.find((o) => o.code === value || o.labels.includes(value));
}

/** A certificate level: 1-5, or a level's name (五级/初级工, 五级, 初级工, 社会工作师 ...). */
function parseLevel(value: string): number | null {
  if (/^[1-5]$/.test(value)) return Number(value);
  for (const [level, name] of Object.entries(SKILL_LEVELS)) {
    if (name === value || name.split('/').includes(value)) return Number(level);
  }
  for (const [level, name] of Object.entries(SOCIAL_WORK_LEVELS)) if (name === value) return Number(level);
  return null;
}

/** A number Excel wrote in scientific notation (an ID number typed into a number cell, then saved as CSV). */
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;

/** One row's API input and its problems, worded by column header. */
export function checkRow(template: Template, cells: Record<string, Cell>): { input: RowInput; problems: RowProblem[] } {
  const input: RowInput = {};
  const problems: RowProblem[] = [];
  for (const column of template.columns) {
    const cell = cells[column.field] ?? null;
    const value = text(cell);
    const problem = (key: MessageKey, params?: Record<string, string | number>) =>
      problems.push({ header: column.header, key, params });
    input[column.field] = null;
    if (value === '') {
      if (column.required) problem('upload.problem.required');
      continue;
    }
    switch (column.kind) {
      case 'text':
        input[column.field] = value;
        break;
      case 'idNumber': {
        if (typeof cell === 'number' || SCIENTIFIC.test(value)) {
          problem('upload.problem.idNumberNumeric');
          break;
        }
        const id = value.replace(/\s/g, '').toUpperCase();
        const issue = idNumberProblem(id);
        if (issue) problem(`upload.problem.idNumber.${issue}`);
        else input[column.field] = id;
        break;
      }
      case 'phone': {
        const phone = value.replace(/[\s-]/g, '');
        if (!/^1\d{10}$/.test(phone)) problem('upload.problem.phone');
        else input[column.field] = phone;
        break;
      }
      case 'enum': {
        const option = findOption(column.options!, value);
        if (!option) problem('upload.problem.enum', { value, allowed: labelsOf(column.options!) });
        else input[column.field] = option.code;
        break;
      }
      case 'yesNo': {
        const option =
          findOption(column.options!, value) ?? (typeof cell === 'boolean' ? opt(String(cell)) : undefined);
        if (!option) problem('upload.problem.enum', { value, allowed: labelsOf(column.options!) });
        else input[column.field] = option.code === 'true';
        break;
      }
      case 'date': {
        const date = parseDate(cell);
        if (!date) problem('upload.problem.date', { value });
        else input[column.field] = date;
        break;
      }
      case 'level': {
        const level = parseLevel(value);
        if (level === null) problem('upload.problem.level', { value });
        else input[column.field] = level;
        break;
      }
    }
  }
  template.crossCheck?.(input, problems);
  return { input, problems };
}

/** The header of an API field (for the server's row errors), or null for the whole row. */
export function headerOf(template: Template, field: string | null | undefined): string | null {
  return template.columns.find((c) => c.field === field)?.header ?? null;
}
