import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../database/unit-of-work.js';
import { type Msg, msg, word } from '../i18n/i18n.js';
import { BatchNotWritten, type BatchResult, type RowError, validRows } from './batch.js';
import { BadUserInputError, type FieldProblem } from './errors.js';
import { type NameConflictBudget, type NameConflictLimiter, WITHHELD_CODE, withheldMessage } from './name-conflicts.js';
import type { Actor } from './roles.js';

/** What a batch's checks report, row by row: errors (as data) and rows identical to stored ones. */
export class BatchRows {
  readonly errors: RowError[] = [];
  readonly skipped = new Set<number>();

  constructor(
    /** The account's name-conflict budget for this request (shared with its other batches and registrations). */
    readonly budget: NameConflictBudget,
  ) {}

  /** One problem of one row, worded now, in the request's language: a row error is data. */
  rowError = (index: number, field: string | null, code: string, message: Msg): void => {
    this.errors.push({ index, field, code, message: word(message) });
  };

  /** A row that says what a stored record says: not written again, counted as skipped. */
  skip = (index: number): void => {
    this.skipped.add(index);
  };

  /**
   * Whether a row about a person may go on, as far as the registry's name goes: always for a person not yet stored;
   * for a stored one only while the day's budget allows checking (else the row is withheld) and when the stored
   * name is the row's (else a CONFLICT on `name`, worded `conflictMessage`, counted against the budget).
   */
  nameMatches = (index: number, stored: { name: string } | undefined, name: string, conflictMessage: Msg): boolean => {
    if (!stored) return true;
    if (!this.budget.mayCheck()) {
      this.rowError(index, null, WITHHELD_CODE, withheldMessage(this.budget.retryAfterSeconds));
      return false;
    }
    if (stored.name !== name) {
      this.budget.conflict();
      this.rowError(index, 'name', 'CONFLICT', conflictMessage);
      return false;
    }
    return true;
  };
}

/** The counts a written batch reports, for its audit summary. */
export interface BatchCounts {
  rows: number;
  accepted: number;
  skipped: number;
}

/** What a written batch tells the audit trail. */
export interface BatchWritten {
  summary: Record<string, unknown>;
  /** The record the event is about, when it is one record (a session), else null; its type if not `recordType`. */
  recordId?: string | null;
  recordType?: string;
}

export interface BatchSpec<Row, Checked, Plan> {
  actor: Actor;
  /** The operation's name in the audit trail. */
  operation: string;
  /** What a row records: the audit event's record type (unless `write` names another). */
  recordType: string;
  rows: readonly Row[];
  dryRun: boolean;
  /** More rows than this are refused as a whole (BAD_USER_INPUT on `rows`), as are none. */
  maxRows: number;
  /** Every problem of one row that needs no database (each a BAD_USER_INPUT row error), and the row normalised. */
  checkRow: (row: Row, index: number) => { problems: readonly FieldProblem[]; prepared: Checked | null };
  /**
   * Inside the transaction: loads what the rows are compared with (locking what must not change meanwhile),
   * reports each row's errors and skipped rows into `batch`, and returns what `write` needs. `checked[i]` is null
   * for a row `checkRow` refused. May throw for the batch as a whole (NOT_FOUND, FORBIDDEN).
   */
  compare: (tx: EntityManager, checked: readonly (Checked | null)[], batch: BatchRows) => Promise<Plan>;
  /**
   * Only when no row has an error and it is no dry run, in the same transaction: writes `toWrite`, the checked rows
   * not skipped (with their indexes in the request), and returns the audit summary (`counts` are its usual start).
   */
  write: (
    tx: EntityManager,
    plan: Plan,
    toWrite: { index: number; row: Checked }[],
    counts: BatchCounts,
  ) => Promise<BatchWritten>;
}

/** A batch of more than `maxRows` rows, or of none, is refused as a whole. */
export function assertBatchSize(rows: readonly unknown[], maxRows: number): void {
  if (rows.length > maxRows) {
    throw BadUserInputError.field('rows', msg('certification.aBatchHoldsAtMost', { max: maxRows }));
  }
  if (rows.length === 0) throw BadUserInputError.field('rows', msg('certification.aBatchNeedsAtLeast'));
}

/**
 * The skeleton every batch mutation shares (DESIGN.md batch conventions): the size limits, each row checked on its
 * own (`checkRow`) and against the database (`compare`), then, in one unit of work, all rows written (`write`) or
 * none. With any row error, or a dry run, the transaction rolls back and the answer says what would have happened;
 * a batch that answered or withheld name conflicts still leaves an audit event, so the trail shows who tested the
 * registry.
 */
export async function runBatch<Row, Checked, Plan>(
  unitOfWork: UnitOfWork,
  nameConflicts: NameConflictLimiter,
  spec: BatchSpec<Row, Checked, Plan>,
): Promise<BatchResult> {
  const { actor, operation, recordType, rows, dryRun } = spec;
  assertBatchSize(rows, spec.maxRows);
  const batch = new BatchRows(nameConflicts.budget(actor.userId));
  const checked = rows.map((row, index) => {
    const { problems, prepared } = spec.checkRow(row, index);
    problems.forEach((p) => batch.rowError(index, p.field, 'BAD_USER_INPUT', p.message));
    return prepared;
  });

  try {
    return await unitOfWork.run(actor, operation, async (tx) => {
      const plan = await spec.compare(tx, checked, batch);
      const errors = batch.errors.sort((a, b) => a.index - b.index);
      const skipped = batch.skipped.size;
      const accepted = rows.length - skipped;
      if (errors.length > 0 || dryRun) {
        throw new BatchNotWritten({
          accepted: errors.length > 0 ? 0 : accepted,
          skipped,
          valid: validRows(rows.length, errors),
          written: false,
          errors,
        });
      }
      // Without errors every row passed checkRow: none is null.
      const toWrite = checked.flatMap((row, index) =>
        row !== null && !batch.skipped.has(index) ? [{ index, row }] : [],
      );
      const written = await spec.write(tx, plan, toWrite, { rows: rows.length, accepted, skipped });
      return {
        result: { accepted, skipped, valid: rows.length, written: true, errors: [] },
        recordType: written.recordType ?? recordType,
        recordId: written.recordId ?? null,
        summary: written.summary,
      };
    });
  } catch (e) {
    if (!(e instanceof BatchNotWritten)) throw e;
    await recordConflicts(unitOfWork, actor, operation, recordType, rows.length, dryRun, batch.budget.summary);
    return e.result;
  }
}

/**
 * A batch that was not written rolled its audit event back with it; one that answered or withheld name conflicts
 * still leaves this event (in a transaction of its own), so that the trail shows who tested the registry.
 */
export async function recordConflicts(
  unitOfWork: UnitOfWork,
  actor: Actor,
  operation: string,
  recordType: string,
  rows: number,
  dryRun: boolean,
  conflicts: { nameConflicts: number; withheld: number } | null,
): Promise<void> {
  if (!conflicts) return;
  await unitOfWork.run(actor, operation, async () => ({
    result: undefined,
    recordType,
    recordId: null,
    summary: { written: false, dryRun, rows, ...conflicts },
  }));
}
