import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { idNumberProblem } from './id-number';
import { decodeCsv, parseCsv } from './read-file';
import { CERTIFICATE_TEMPLATE, checkRow, parseDate, STAFF_TEMPLATE } from './templates';

const keys = (problems: { header: string | null; key?: string }[]) => problems.map((p) => `${p.header}:${p.key}`);

describe('the spreadsheet templates', () => {
  it('check ID numbers: length, characters, birth date, checksum', () => {
    expect(idNumberProblem('500101198503150024')).toBeNull();
    expect(idNumberProblem('500101198503150025')).toBe('checksum');
    expect(idNumberProblem('50010119850315002')).toBe('length');
    expect(idNumberProblem('50010119850315002Y')).toBe('characters');
    expect(idNumberProblem('500101198502300024')).toBe('birthDate');
  });

  it('read dates as Excel cells and the three text forms, and nothing else', () => {
    expect(parseDate(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(['2024-03-01', '2024/3/1', '2024年3月1日'].map(parseDate)).toEqual([
      '2024-03-01',
      '2024-03-01',
      '2024-03-01',
    ]);
    expect(['2024-02-30', '3/1/2024', '2024.3.1', ''].map(parseDate)).toEqual([null, null, null, null]);
  });

  it('map Chinese labels to API codes and word every problem by header', () => {
    const good = checkRow(STAFF_TEMPLATE, {
      name: ' 张丽华 ',
      idNumber: '500101198503150024',
      phone: '138-0013-8000',
      occupation: '评估员',
      postType: '兼职',
      startDate: '2024年3月1日',
      education: '中专',
    });
    expect(good.problems).toEqual([]);
    expect(good.input).toEqual({
      name: '张丽华',
      idNumber: '500101198503150024',
      phone: '13800138000',
      occupation: 'CAPABILITY_ASSESSOR',
      postType: 'PART_TIME',
      startDate: '2024-03-01',
      education: 'VOCATIONAL_SECONDARY',
    });
    const bad = checkRow(STAFF_TEMPLATE, {
      name: '',
      idNumber: 500101198503150000,
      occupation: '保洁员',
      postType: 'FULL_TIME',
      startDate: '2024-13-01',
    });
    expect(keys(bad.problems)).toEqual([
      '姓名:upload.problem.required',
      '身份证号:upload.problem.idNumberNumeric',
      '岗位:upload.problem.enum',
      '入职日期:upload.problem.date',
    ]);
    // Excel's scientific notation, as a CSV keeps an ID number typed into a number cell.
    expect(keys(checkRow(STAFF_TEMPLATE, { idNumber: '5.00101E+17' }).problems)).toContain(
      '身份证号:upload.problem.idNumberNumeric',
    );
  });

  it('take certificate levels as numbers or names, by kind', () => {
    const row = (kind: string, level: string | null, profession: string | null = null) =>
      checkRow(CERTIFICATE_TEMPLATE, {
        name: '张丽华',
        idNumber: '500101198503150024',
        kind,
        level,
        profession,
        certificateNumber: 'X-1',
        issuedOn: '2025-06-30',
      });
    expect(row('养老护理员职业技能等级', '四级/中级工').input.level).toBe(4);
    expect(row('养老护理员职业技能等级', '高级工').input.level).toBe(3);
    expect(row('社会工作者职业资格', '社会工作师').input.level).toBe(2);
    expect(keys(row('社会工作者职业资格', '5').problems)).toEqual(['等级:upload.problem.levelOutOfRange']);
    expect(keys(row('执业资格', '3').problems)).toEqual([
      '等级:upload.problem.levelNotForLicense',
      '执业类别:upload.problem.professionRequired',
    ]);
    expect(row('执业资格', null, '护士').input).toMatchObject({ kind: 'PROFESSIONAL_LICENSE', profession: 'NURSE' });
  });
});

describe('CSV files', () => {
  it('decode UTF-8 with or without BOM, and GB18030', () => {
    const text = '姓名,身份证号\r\n欧阳娜,500101198503150024\r\n';
    expect(decodeCsv(new TextEncoder().encode(text))).toBe(text);
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
    expect(decodeCsv(new Uint8Array(iconv.encode(text, 'gb18030')))).toBe(text);
  });

  it('parse quoted fields with commas, quotes and line breaks, keeping the spreadsheet row numbers', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","1\n2"\n\nlast,row')).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['x, "y"', '1\n2'] },
      { rowNumber: 4, cells: [''] },
      { rowNumber: 5, cells: ['last', 'row'] },
    ]);
  });
});
