// The files the upload page hands back: the template (headers, an example row, and a sheet explaining every
// column) and the clerk's own rows with an error column, to fix in Excel. ExcelJS loads only when needed.
import type { Template } from './templates';
import type { ReadSheet } from './read-file';

export function saveFile(data: ArrayBuffer | Uint8Array, fileName: string): void {
  const blob = new Blob([data as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3E3D3' } } as const;

export async function templateWorkbook(template: Template): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(template.name);
  sheet.columns = template.columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, c.example.length + 6),
    // Every column is text, so that Excel keeps ID numbers, phone numbers and leading zeros as typed.
    style: { numFmt: c.kind === 'date' ? 'yyyy-mm-dd' : '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  sheet.addRow(Object.fromEntries(template.columns.map((c) => [c.field, c.example])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '是否必填', key: 'required', width: 12 },
    { header: '填写说明', key: 'help', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  help.getRow(1).fill = HEADER_FILL;
  for (const c of template.columns) {
    help.addRow({ header: c.header, required: c.required ? '必填' : c.conditional ? '视情况' : '选填', help: c.help });
  }
  help.addRow({});
  help.addRow({
    header: '说明',
    help: '第一张工作表的第一行是列名，请勿修改列名；列的顺序可以调整，多余的列会被忽略，空行会被跳过。也可另存为 CSV（UTF-8 或 GB18030）上传。',
  });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return workbook.xlsx.writeBuffer();
}

/** The rows as read, each with its problems in a last column, so that the clerk fixes them in Excel. */
export async function errorsWorkbook(
  template: Template,
  sheet: ReadSheet,
  problemsOf: (rowNumber: number) => string,
  errorHeader: string,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet(template.name);
  out.addRow([...sheet.headers, errorHeader]);
  out.getRow(1).font = { bold: true };
  const errorColumn = sheet.headers.length + 1;
  for (const row of sheet.rows) {
    const cells = sheet.headers.map((_, i) => {
      const cell = row.cells[i] ?? null;
      return cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
    });
    const added = out.addRow([...cells, problemsOf(row.rowNumber)]);
    if (problemsOf(row.rowNumber)) added.getCell(errorColumn).font = { color: { argb: 'FFC00000' } };
  }
  // Text columns stay text (ID numbers typed as numbers are kept as read; the error column says so).
  sheet.headers.forEach((_, i) => (out.getColumn(i + 1).numFmt = '@'));
  out.getColumn(errorColumn).width = 60;
  return workbook.xlsx.writeBuffer();
}
