// The one spreadsheet upload of the pages (staff, certificates, attendance): the template to download, a file
// read in the browser, every row checked here and then by the API (dryRun), problems shown by spreadsheet row and
// column header, the file back with an error column, and 提交 then 确认 to write all rows or none.
import { Alert, Button, Checkbox, Modal, Progress, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { explainError } from '../../api/errors';
import { formatNumber } from '../../format';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { readSpreadsheet, type ReadSheet, UnreadableFileError } from './read-file';
import { type Cell, checkRow, headerOf, type RowInput, type RowProblem, type Template } from './templates';
import { errorsWorkbook, saveFile, templateWorkbook } from './workbooks';
import './upload.css';

export interface BatchAnswer {
  accepted: number;
  skipped: number;
  valid: number;
  written: boolean;
  errors: { index: number; field?: string | null; code: string; message: string }[];
}

export interface SpreadsheetUploadProps {
  template: Template;
  /** The API's batch limit (rows per request). */
  maxRows: number;
  /** Sends the rows (the page adds what every row shares, such as the institution). */
  send(rows: RowInput[], dryRun: boolean): Promise<BatchAnswer>;
  /** Called after a batch was written. */
  onWritten?(answer: BatchAnswer): void;
  /** Why uploading is not possible now (say, no session chosen), shown instead of the file input. */
  blockedReason?: string;
}

type Stage = 'idle' | 'reading' | 'checking' | 'asking' | 'checked' | 'writing' | 'written';

interface CheckedRow {
  rowNumber: number;
  cells: Record<string, Cell>;
  input: RowInput;
  problems: RowProblem[];
}

// Server row errors the page words itself (by code and field); anything else shows the API's message.
const SERVER_WORDS: Record<string, MessageKey> = {
  'CONFLICT:name': 'upload.server.nameConflict',
  'NOT_FOUND:institutionId': 'upload.server.institutionNotFound',
  'FORBIDDEN:institutionId': 'upload.server.outOfScope',
};

export function problemText(t: Translate, p: RowProblem): string {
  const words = p.key ? t(p.key, p.params) : (p.text ?? '');
  return p.header ? t('upload.problemIn', { header: p.header, problem: words }) : words;
}

/** A row's input without its empty optional fields (the API takes them as absent). */
const present = (input: RowInput): RowInput =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));

const cellText = (cell: Cell) =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);

export function SpreadsheetUpload({ template, maxRows, send, onWritten, blockedReason }: SpreadsheetUploadProps) {
  const { t, lang } = useI18n();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [fileName, setFileName] = useState('');
  const [sheet, setSheet] = useState<ReadSheet | null>(null);
  const [rows, setRows] = useState<CheckedRow[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<BatchAnswer | null>(null);
  const [result, setResult] = useState<BatchAnswer | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const n = (v: number) => formatNumber(v, lang);

  const badRows = useMemo(() => rows.filter((r) => r.problems.length > 0), [rows]);
  const busy = stage === 'reading' || stage === 'checking' || stage === 'asking' || stage === 'writing';

  const reset = () => {
    setSheet(null);
    setRows([]);
    setFileError(null);
    setDryRun(null);
    setResult(null);
    setOnlyErrors(false);
  };

  /** The API's row errors placed on the rows they name (`index` counts the rows sent, from 0). */
  const withServerErrors = useCallback(
    (checked: CheckedRow[], sent: CheckedRow[], answer: BatchAnswer): CheckedRow[] => {
      const extra = new Map<number, RowProblem[]>();
      for (const e of answer.errors) {
        const row = sent[e.index];
        if (!row) continue;
        const key = SERVER_WORDS[`${e.code}:${e.field ?? ''}`];
        const problem: RowProblem = { header: headerOf(template, e.field), ...(key ? { key } : { text: e.message }) };
        extra.set(row.rowNumber, [...(extra.get(row.rowNumber) ?? []), problem]);
      }
      return checked.map((r) =>
        extra.has(r.rowNumber) ? { ...r, problems: [...r.problems, ...extra.get(r.rowNumber)!] } : r,
      );
    },
    [template],
  );

  const choose = async (file: File | undefined) => {
    if (!file) return;
    reset();
    performance.clearMarks('upload-chosen');
    performance.mark('upload-chosen');
    setFileName(file.name);
    setStage('reading');
    let read: ReadSheet;
    try {
      read = await readSpreadsheet(file);
    } catch (error) {
      const reason = error instanceof UnreadableFileError ? error.reason : 'broken';
      setFileError(t(`upload.file.${reason}`));
      setStage('idle');
      return;
    }
    performance.clearMarks('upload-read');
    performance.mark('upload-read');
    const columnIndex = new Map(template.columns.map((c) => [c.field, read.headers.indexOf(c.header)]));
    const missing = template.columns.filter((c) => c.required && columnIndex.get(c.field) === -1);
    if (missing.length > 0) {
      setFileError(
        t('upload.file.missingColumns', {
          columns: missing.map((c) => c.header).join('、'),
          row: read.headerRowNumber,
        }),
      );
      setStage('idle');
      return;
    }
    if (read.rows.length === 0) {
      setFileError(t('upload.file.noRows'));
      setStage('idle');
      return;
    }
    if (read.rows.length > maxRows) {
      setFileError(t('upload.file.tooMany', { rows: n(read.rows.length), max: n(maxRows) }));
      setStage('idle');
      return;
    }
    setSheet(read);
    setStage('checking');
    // Let the progress show before the rows are checked.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let checked: CheckedRow[] = read.rows.map((row) => {
      const cells: Record<string, Cell> = {};
      for (const [field, index] of columnIndex) cells[field] = index >= 0 ? (row.cells[index] ?? null) : null;
      const { input, problems } = checkRow(template, cells);
      return { rowNumber: row.rowNumber, cells, input, problems };
    });
    const sent = checked.filter((r) => r.problems.length === 0);
    performance.clearMarks('upload-local');
    performance.mark('upload-local');
    if (sent.length > 0) {
      setRows(checked);
      setStage('asking');
      try {
        const answer = await send(
          sent.map((r) => present(r.input)),
          true,
        );
        checked = withServerErrors(checked, sent, answer);
        setDryRun(answer);
      } catch (error) {
        setFileError(explainError(error, t).top.join(' '));
        setStage('idle');
        return;
      }
    }
    setRows(checked);
    setOnlyErrors(checked.some((r) => r.problems.length > 0));
    setStage('checked');
    performance.clearMarks('upload-checked');
    performance.mark('upload-checked');
  };

  const write = async () => {
    setConfirming(false);
    setStage('writing');
    try {
      const answer = await send(
        rows.map((r) => present(r.input)),
        false,
      );
      if (!answer.written) {
        // Something changed since the check (another clerk, another tab): show the new problems, write nothing.
        setRows(withServerErrors(rows, rows, answer));
        setOnlyErrors(true);
        setStage('checked');
        return;
      }
      setResult(answer);
      setStage('written');
      performance.clearMarks('upload-written');
      performance.mark('upload-written');
      onWritten?.(answer);
    } catch (error) {
      setFileError(explainError(error, t).top.join(' '));
      setStage('checked');
    }
  };

  const downloadTemplate = async () => saveFile(await templateWorkbook(template), template.fileName);
  const downloadErrors = async () => {
    if (!sheet) return;
    const byRow = new Map(rows.map((r) => [r.rowNumber, r.problems.map((p) => problemText(t, p)).join('；')]));
    const data = await errorsWorkbook(template, sheet, (row) => byRow.get(row) ?? '', t('upload.errorColumn'));
    saveFile(data, fileName.replace(/\.(xlsx|csv)$/i, '') + t('upload.errorFileSuffix') + '.xlsx');
  };

  const columns: ColumnsType<CheckedRow> = [
    { key: 'row', title: t('upload.rowNumber'), dataIndex: 'rowNumber', width: 72 },
    ...template.columns.map((c) => ({
      key: c.field,
      title: c.header,
      render: (_: unknown, row: CheckedRow) => {
        const bad = row.problems.some((p) => p.header === c.header);
        return <span className={bad ? 'upload-bad-cell' : undefined}>{cellText(row.cells[c.field])}</span>;
      },
    })),
    {
      key: 'problems',
      title: t('upload.problems'),
      className: 'wrap-cell',
      render: (_: unknown, row: CheckedRow) =>
        row.problems.length === 0 ? (
          <span className="upload-ok">{t('upload.rowOk')}</span>
        ) : (
          <ul className="upload-problems">
            {row.problems.map((p, i) => (
              <li key={i}>{problemText(t, p)}</li>
            ))}
          </ul>
        ),
    },
  ];

  const progress: Partial<Record<Stage, [MessageKey, number]>> = {
    reading: ['upload.stage.reading', 20],
    checking: ['upload.stage.checking', 45],
    asking: ['upload.stage.asking', 70],
    writing: ['upload.stage.writing', 90],
  };
  const current = progress[stage];
  const checkedDone = stage === 'checked' || stage === 'written' || stage === 'writing';

  return (
    <div className="upload">
      <ol className="upload-steps">
        <li>
          <span>{t('upload.step.template')}</span>
          <Button onClick={() => void downloadTemplate()}>{t('upload.downloadTemplate')}</Button>
        </li>
        <li>
          <span>{t('upload.step.choose')}</span>
          {blockedReason ? (
            <Alert type="info" showIcon title={blockedReason} />
          ) : (
            <span className="file-choice">
              <input
                ref={input}
                id={inputId}
                className="file-input"
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                disabled={busy}
                onChange={(e) => {
                  void choose(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
              <label htmlFor={inputId} className={busy ? 'file-label disabled' : 'file-label'}>
                {t('upload.chooseFile')}
              </label>
              <span className="file-hint">{fileName || t('upload.fileHint', { max: n(maxRows) })}</span>
            </span>
          )}
        </li>
        <li>
          <span>{t('upload.step.submit')}</span>
          <Button
            type="primary"
            disabled={stage !== 'checked' || badRows.length > 0 || rows.length === 0}
            onClick={() => setConfirming(true)}
          >
            {t('upload.submit')}
          </Button>
        </li>
      </ol>

      <div role="status" aria-live="polite" className="upload-status">
        {current && (
          <div className="upload-progress">
            <span>{t(current[0], { rows: n(rows.length || (sheet?.rows.length ?? 0)) })}</span>
            <Progress percent={current[1]} status="active" showInfo={false} aria-hidden />
          </div>
        )}
        {fileError && <Alert type="error" showIcon title={fileError} />}
        {checkedDone && stage !== 'written' && (
          <Alert
            type={badRows.length > 0 ? 'error' : 'success'}
            showIcon
            title={
              badRows.length > 0
                ? t('upload.summary.bad', { total: n(rows.length), bad: n(badRows.length) })
                : t('upload.summary.ok', { total: n(rows.length) })
            }
            description={
              badRows.length > 0
                ? t('upload.summary.fixHint')
                : dryRun && dryRun.skipped > 0
                  ? t('upload.summary.skipped', { skipped: n(dryRun.skipped) })
                  : undefined
            }
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            title={t('upload.written', { accepted: n(result.accepted), skipped: n(result.skipped) })}
          />
        )}
      </div>

      {checkedDone && rows.length > 0 && (
        <section className="upload-table" aria-label={t('upload.tableLabel')}>
          <div className="upload-table-tools">
            <Checkbox checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)}>
              {t('upload.onlyErrors', { n: n(badRows.length) })}
            </Checkbox>
            {badRows.length > 0 && <Button onClick={() => void downloadErrors()}>{t('upload.downloadErrors')}</Button>}
          </div>
          <div className="table-scroll" tabIndex={0}>
            <Table<CheckedRow>
              size="small"
              rowKey="rowNumber"
              columns={columns}
              dataSource={onlyErrors ? badRows : rows}
              pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
              rowClassName={(r) => (r.problems.length > 0 ? 'upload-bad-row' : '')}
            />
          </div>
        </section>
      )}

      {/* Rendered in place: a dialog portalled to <body> locks scrolling with a <style> element the page's
          Content-Security-Policy refuses (it carries no nonce). */}
      <Modal
        getContainer={false}
        open={confirming}
        title={t('upload.confirmTitle')}
        onCancel={() => setConfirming(false)}
        footer={[
          <Button key="cancel" onClick={() => setConfirming(false)}>
            {t('upload.cancel')}
          </Button>,
          <Button key="ok" type="primary" onClick={() => void write()}>
            {t('upload.confirm')}
          </Button>,
        ]}
      >
        <p>
          {t('upload.confirmBody', {
            total: n(rows.length),
            skipped: n(dryRun?.skipped ?? 0),
            file: fileName,
          })}
        </p>
      </Modal>
    </div>
  );
}
