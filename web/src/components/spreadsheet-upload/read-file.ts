// Reads a chosen file into a header row and data rows: .xlsx through ExcelJS (its own chunk, loaded when a file
// is first read or a template first built), .csv as UTF-8 (with or without BOM) or, when it is not valid UTF-8,
// GB18030 (what Chinese Excel saves). The header row is the first non-empty row of the first sheet; empty rows
// are skipped; row numbers are the spreadsheet's own (spreadsheets.md).
import type { Cell } from './templates';

export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

export interface ReadSheet {
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
}

export class UnreadableFileError extends Error {
  constructor(readonly reason: 'type' | 'empty' | 'broken') {
    super(reason);
  }
}

const isEmpty = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

function toSheet(rows: SheetRow[]): ReadSheet {
  const nonEmpty = rows.filter((r) => !isEmpty(r.cells));
  if (nonEmpty.length === 0) throw new UnreadableFileError('empty');
  const [header, ...data] = nonEmpty;
  return {
    headerRowNumber: header.rowNumber,
    headers: header.cells.map((c) => (c === null ? '' : String(c).trim())),
    rows: data,
  };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      rows.push({ rowNumber: rowStart, cells });
      cells = [];
      field = '';
      line++;
      rowStart = line;
    } else field += c;
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    rows.push({ rowNumber: rowStart, cells });
  }
  return rows;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

type ExcelValue = import('exceljs').CellValue;

/** An ExcelJS cell value as text, number, date or boolean: formulas give their result, rich text its text. */
function cellOf(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellOf(value.result as ExcelValue);
  if ('text' in value) return String(value.text);
  return null;
}

async function readXlsx(buffer: ArrayBuffer): Promise<ReadSheet> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer);
  } catch {
    throw new UnreadableFileError('broken');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('empty');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellOf(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    rows.push({ rowNumber, cells });
  });
  return toSheet(rows);
}

export async function readSpreadsheet(file: File): Promise<ReadSheet> {
  const name = file.name.toLowerCase();
  const buffer = await file.arrayBuffer();
  if (name.endsWith('.xlsx')) return readXlsx(buffer);
  if (name.endsWith('.csv')) return toSheet(parseCsv(decodeCsv(new Uint8Array(buffer))));
  throw new UnreadableFileError('type');
}
