import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EvaluationBodiesService, filedOn } from '../certification/evaluation-bodies.service.js';
import type { BatchResult } from '../common/batch.js';
import { assertBatchSize, runBatch } from '../common/batch-run.js';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { NameConflictLimiter } from '../common/name-conflicts.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, assertRegionFilterInScope, plannerRegion, Role } from '../common/roles.js';
import { TargetMetric } from '../targets/target.enums.js';
import { TargetsService } from '../targets/targets.service.js';
import { assertCountyLevelKind, COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import { PersonsService } from '../workforce/persons.service.js';
import { AttendanceRepository } from './attendance.repository.js';
import {
  type AttendanceRowInput,
  checkAttendanceRow,
  checkSessionFields,
  expectedByMonthEnd,
  expectedToDate,
  type PreparedAttendance,
} from './training-rules.js';
import { TrainingProgressReadModel } from './training-progress.read-model.js';
import type { TrainingSessionEntity } from './training-session.entity.js';
import { type TrainingSessionQuery, TrainingSessionsRepository } from './training-sessions.repository.js';
import { TrainingAudience } from './training.enums.js';
import type {
  CreateTrainingSessionInput,
  MonthCount,
  TrainingProgress,
  TrainingSession,
  TrainingSessionFilter,
} from './training.model.js';
import { currentLang, msg, t } from '../i18n/i18n.js';

export const MAX_ATTENDANCE_ROWS = 10_000;
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;
/** The earliest asOf of trainingProgress. */
export const EARLIEST_AS_OF = '2000-01-01';

export interface AttendanceCounts {
  attendees: number;
  completed: number;
}

/** A stored session as the API shows it (hours as a number). */
const toSession = (s: TrainingSessionEntity): TrainingSession => ({
  id: s.id,
  providerId: s.providerId,
  title: s.title,
  audience: s.audience,
  regionCode: s.regionCode,
  startDate: s.startDate,
  endDate: s.endDate,
  hours: Number(s.hours),
  capacity: s.capacity,
});

const validYear = (year: number | undefined) =>
  year !== undefined && Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;

/**
 * The cursor of the sessions list starts with a date; one that does not would reach SQL as a bad date, so it is
 * refused here as paginate refuses any other foreign cursor.
 */
function assertSessionCursor(after: string | undefined): void {
  if (!after) return;
  try {
    const values: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(values) && isIsoDate(values[0])) return;
  } catch {
    // refused below
  }
  throw BadUserInputError.field('after', msg('certification.afterIsNotACursor'));
}

@Injectable()
export class TrainingService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: TrainingSessionsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly progressCounts: TrainingProgressReadModel,
    private readonly regions: RegionsService,
    private readonly bodies: EvaluationBodiesService,
    private readonly workforce: PersonsService,
    private readonly targets: TargetsService,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  // ---- sessions ----

  /**
   * A session of the caller's body: it must be allowed to train and filed on the start date (else FORBIDDEN);
   * every bad field is reported at once.
   */
  async createSession(actor: Actor, input: CreateTrainingSessionInput): Promise<TrainingSession> {
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'createTrainingSession', async (tx) => {
      const body = await this.bodies.bodyOf(actor, tx);
      if (!body.mayTrain) throw forbidden(msg('training.yourBodyIsNotFiled'));

      const problems = new InputProblems();
      for (const p of checkSessionFields(input, today)) problems.add(p.field, p.message);
      problems.check(await this.regions.isCountyLevelCode(input.regionCode, tx), 'regionCode', COUNTY_LEVEL_ONLY);
      problems.throwIfAny();
      if (!filedOn(body, input.startDate)) {
        throw forbidden(
          msg('training.yourFilingRunsFromTo', {
            filedFrom: body.filedFrom,
            filedTo: body.filedTo,
            startDate: input.startDate,
          }),
        );
      }

      const session = await this.sessions.insert(
        {
          providerId: body.id,
          title: input.title.trim(),
          audience: input.audience,
          regionCode: input.regionCode,
          startDate: input.startDate,
          endDate: input.endDate,
          hours: (Math.round(input.hours * 10) / 10).toFixed(1),
          capacity: input.capacity,
        },
        tx,
      );
      const result = toSession(session);
      const { id: _id, providerId, ...after } = result;
      return {
        result,
        recordType: 'TrainingSession',
        recordId: session.id,
        summary: { after: { providerId, ...after } },
      };
    });
  }

  /**
   * Planners see every session (a district planner those in its region); a body account its own. Newest start
   * first.
   */
  async listSessions(
    actor: Actor,
    filter: TrainingSessionFilter,
    page: PageArgs,
  ): Promise<Connection<TrainingSession>> {
    assertRegionFilterInScope(actor, filter.regionCode);
    const problems = new InputProblems();
    if (filter.year !== undefined && filter.year !== null) {
      problems.check(
        validYear(filter.year),
        'filter.year',
        msg('education.yearMustBe', { earliest: EARLIEST_YEAR, latest: LATEST_YEAR }),
      );
    }
    problems.throwIfAny();
    assertSessionCursor(page.after);

    const query: TrainingSessionQuery = { regionCode: filter.regionCode, audience: filter.audience, year: filter.year };
    if (actor.role === Role.DISTRICT_PLANNER) query.scopeRegionCode = actor.regionCode;
    if (actor.role === Role.EVALUATION_BODY) {
      query.scopeProviderId = actor.evaluationBodyId && isUuid(actor.evaluationBodyId) ? actor.evaluationBodyId : null;
    }
    const connection = await this.sessions.page(query, page);
    return {
      totalCount: connection.totalCount,
      pageInfo: connection.pageInfo,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toSession(e.node) })),
    };
  }

  /** Attendees and completed attendees per session, for nested fields of sessions the actor may see. One query. */
  async attendanceCounts(sessionIds: readonly string[]): Promise<AttendanceCounts[]> {
    const rows = await this.attendance.countsBySession(sessionIds.filter(isUuid));
    const byId = new Map(rows.map((r) => [r.sessionId, r]));
    return sessionIds.map((id) => ({
      attendees: byId.get(id)?.attendees ?? 0,
      completed: byId.get(id)?.completed ?? 0,
    }));
  }

  // ---- attendance ----

  /**
   * Attendance of one session by its provider, per the batch conventions: every row checked, all written or none.
   * A person attends a session at most once; a row identical to a stored attendance is skipped, one that changes
   * `completed` updates it; attendees beyond the capacity are refused; attendees not yet in the registry are
   * created as persons. A bounded number of statements whatever the batch size.
   */
  async recordAttendance(
    actor: Actor,
    sessionId: string,
    rows: AttendanceRowInput[],
    dryRun: boolean,
  ): Promise<BatchResult> {
    // The batch's size is judged before the session's id, as it always was (runBatch checks it again, to no effect).
    assertBatchSize(rows, MAX_ATTENDANCE_ROWS);
    assertId(sessionId, msg('thing.trainingSession'));
    return runBatch(this.unitOfWork, this.nameConflicts, {
      actor,
      operation: 'recordAttendance',
      recordType: 'Attendance',
      rows,
      dryRun,
      maxRows: MAX_ATTENDANCE_ROWS,
      checkRow: (row) => checkAttendanceRow(row),
      compare: async (tx, checked, batch) => {
        const { rowError } = batch;
        // Locked until the end: concurrent batches for one session take turns, so capacity holds.
        const session = await this.sessions.lockById(sessionId.toLowerCase(), tx);
        if (!session) throw notFound(msg('thing.trainingSession'));
        if (actor.role !== Role.EVALUATION_BODY || actor.evaluationBodyId !== session.providerId) {
          throw forbidden(msg('training.onlyTheSessionSProvider'));
        }

        const idNumbers = [...new Set(checked.filter((r) => r !== null).map((r) => r.idNumber))];
        const persons = await this.workforce.findPersonsByIdNumbers(tx, idNumbers);
        const attendance = await this.attendance.ofSession(session.id, tx);
        const storedAttendance = new Map(attendance.map((a) => [a.personId, a.completed]));

        const firstRowOf = new Map<string, number>();
        const updates: number[] = [];
        const additions: number[] = [];
        checked.forEach((row, index) => {
          if (!row) return;
          const earlier = firstRowOf.get(row.idNumber);
          if (earlier !== undefined) {
            rowError(index, 'idNumber', 'CONFLICT', msg('training.rowHasTheSameID', { earlier }));
            return;
          }
          firstRowOf.set(row.idNumber, index);
          const person = persons.get(row.idNumber);
          if (!batch.nameMatches(index, person, row.name, msg('workforce.thisIDNumberIsRegistered'))) return;
          const stored = person ? storedAttendance.get(person.id) : undefined;
          if (stored === undefined) additions.push(index);
          else if (stored === row.completed) batch.skip(index);
          else updates.push(index);
        });
        const room = Math.max(0, session.capacity - storedAttendance.size);
        for (const index of additions.slice(room)) {
          rowError(
            index,
            null,
            'BAD_USER_INPUT',
            msg('training.overCapacityTheSessionHolds', {
              capacity: session.capacity,
              size: storedAttendance.size,
              length: additions.length,
            }),
          );
        }
        // Without row errors, additions and updates are every row not skipped.
        return { session, persons, additions, updates };
      },
      write: async (tx, { session, persons, additions, updates }, toWrite, counts) => {
        const checkedRows = new Map(toWrite.map(({ index, row }) => [index, row]));
        const rowAt = (index: number) => checkedRows.get(index)!;
        const newPersons = additions.map(rowAt).filter((r) => !persons.has(r.idNumber));
        const created =
          newPersons.length > 0
            ? await this.workforce.createPersons(
                tx,
                newPersons.map((r) => ({ idNumber: r.idNumber, name: r.name })),
              )
            : new Map<string, string>();
        const personIdOf = (row: PreparedAttendance) => persons.get(row.idNumber)?.id ?? created.get(row.idNumber)!;
        const attendanceOf = (index: number) => ({
          personId: personIdOf(rowAt(index)),
          completed: rowAt(index).completed,
        });

        if (additions.length > 0) {
          const inserted = await this.attendance.insertMany(session.id, additions.map(attendanceOf), tx);
          if (inserted !== additions.length) {
            throw conflict(msg('training.someOfTheseAttendancesWere'));
          }
        }
        if (updates.length > 0) {
          await this.attendance.updateCompleted(session.id, updates.map(attendanceOf), tx);
        }
        return {
          recordType: 'TrainingSession',
          recordId: session.id,
          summary: {
            ...counts,
            added: additions.length,
            updated: updates.length,
            newPersons: newPersons.length,
          },
        };
      },
    });
  }

  // ---- progress ----

  /**
   * Training person-sessions in `year` as they stood on `asOf` (default today) by the DESIGN.md rule, aggregated in
   * one statement, against the TRAINING_PERSON_SESSIONS target (a second): sessions ending in the year up to asOf,
   * expected to date counted to asOf. A region has only its own target (a city count target is not a district's
   * goal). A district planner gets its region by default and no other.
   */
  async progress(
    actor: Actor,
    year: number,
    regionArg: string | null,
    asOfArg?: string | null,
  ): Promise<TrainingProgress> {
    const regionCode = plannerRegion(actor, regionArg);
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    new InputProblems()
      .check(validYear(year), 'year', msg('education.yearMustBe', { earliest: EARLIEST_YEAR, latest: LATEST_YEAR }))
      .check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!)
      .check(!isIsoDate(asOf) || asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }))
      .check(
        !isIsoDate(asOf) || asOf >= EARLIEST_AS_OF,
        'asOf',
        msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_AS_OF }),
      )
      .throwIfAny();

    const rows = await this.progressCounts.counts(year, regionCode, asOf);
    if (regionCode !== null) assertCountyLevelKind(rows.find((r) => r.dim === 'regionKind')?.key ?? null);
    // DESIGN.md: the year's target, else the nearest later, else the latest earlier; a region only its own.
    const target = await this.targets.targetFor(TargetMetric.TRAINING_PERSON_SESSIONS, year, regionCode);

    const counts = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key!, r.n]));
    const audiences = counts('audience');
    const months = counts('month');
    const completed = rows.find((r) => r.dim === 'total')?.n ?? 0;
    const targetValue = target ? target.value : null;
    const expected = expectedToDate(targetValue, year, asOf);
    // A year that has not started on asOf is neither on nor off track yet.
    const started = year <= Number(asOf.slice(0, 4));
    return {
      year,
      asOf,
      regionCode,
      target: targetValue,
      note: trainingNote(year, asOf, regionCode, targetValue === null, started),
      completedPersonSessions: completed,
      expectedToDate: expected,
      onTrack: expected === null || !started ? null : completed >= expected,
      byAudience: Object.values(TrainingAudience).map((audience) => ({
        audience,
        count: audiences.get(audience) ?? 0,
      })),
      byRegion: [...counts('region')]
        .map(([code, count]) => ({ regionCode: code, count }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
      byMonth: monthly(months, targetValue, year),
    };
  }
}

/** Months 1-12 with their counts, the running total and the target pro-rated to each month's end. */
function monthly(months: Map<string, number>, target: number | null, year: number): MonthCount[] {
  let cumulativeCount = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const count = months.get(String(i + 1)) ?? 0;
    cumulativeCount += count;
    return { month: i + 1, count, cumulativeCount, expectedByMonthEnd: expectedByMonthEnd(target, year, i + 1) };
  });
}

/** Why trainingProgress has no target or no verdict, in words a planner reads; null when there is nothing to say. */
function trainingNote(
  year: number,
  asOf: string,
  regionCode: string | null,
  noTarget: boolean,
  started: boolean,
): string | null {
  const notes: string[] = [];
  if (noTarget) {
    notes.push(regionCode === null ? t('note.noCityTrainingTarget') : t('note.noRegionTrainingTarget'));
  }
  if (!started) notes.push(t('note.yearNotStarted', { year, asOf }));
  return notes.length ? notes.join(currentLang() === 'zh-CN' ? '' : ' ') : null;
}
