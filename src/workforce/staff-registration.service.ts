import { Injectable } from '@nestjs/common';
import type { BatchResult } from '../common/batch.js';
import { runBatch } from '../common/batch-run.js';
import { isIsoDate, period, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { NameConflictLimiter, withheld } from '../common/name-conflicts.js';
import { PiiCipher } from '../common/pii.js';
import type { Actor } from '../common/roles.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import type { EmploymentEntity } from './employment.entity.js';
import { EmploymentsRepository } from './employments.repository.js';
import { checkStaffRow, latestEndDate, type PreparedStaff, type StaffRowInput } from './persons.js';
import { PersonsRepository } from './persons.repository.js';
import { PersonsService } from './persons.service.js';
import type { EndReason } from './workforce.enums.js';
import { msg } from '../i18n/i18n.js';

export const MAX_BATCH_ROWS = 5_000;

/** An institution as the scope check takes it. */
type InstitutionInScope = Parameters<InstitutionsService['canSee']>[1];

/** Registering staff (one or a batch) and ending their employments. */
@Injectable()
export class StaffRegistrationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly persons: PersonsRepository,
    private readonly registry: PersonsService,
    private readonly employments: EmploymentsRepository,
    private readonly institutions: InstitutionsService,
    private readonly pii: PiiCipher,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  private assertMayRegisterAt(actor: Actor, institution: InstitutionInScope): void {
    if (!this.institutions.canSee(actor, institution)) {
      throw forbidden(msg('workforce.youMayRegisterAndEnd'));
    }
  }

  async registerStaff(actor: Actor, input: StaffRowInput): Promise<EmploymentEntity> {
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'registerStaff', async (tx) => {
      // An institution id that is malformed or names nothing is NOT_FOUND, before the row's own checks.
      const [institution] = await this.institutions.findByIds([input.institutionId], tx);
      if (!institution) throw notFound(msg('thing.institution'));
      this.assertMayRegisterAt(actor, institution);
      const { problems, prepared } = checkStaffRow(input, today);
      if (!prepared) throw new BadUserInputError(null, problems);

      const hash = this.pii.lookupHash(prepared.idNumber);
      let person = await this.persons.lockByIdNumberHash(hash, tx);
      let newPerson = false;
      if (!person) {
        const inserted = await this.registry.insertNew(tx, [prepared]);
        newPerson = inserted.size === 1;
        // Another request registered the same number meanwhile: use its row (and check its name) below.
        person = await this.persons.lockByIdNumberHash(hash, tx);
      }
      if (!person) throw new Error('person row missing after insert');
      if (!newPerson) {
        // Whether this number goes with this name is the registry's to tell, but not at scale.
        const budget = this.nameConflicts.budget(actor.userId);
        if (!budget.mayCheck()) throw withheld(budget.retryAfterSeconds);
        if (person.name !== prepared.name) {
          budget.conflict();
          throw nameConflict();
        }
      }

      const existing = await this.employments.findSameJob(person.id, prepared.institutionId, prepared.occupation, tx);
      const identical = existing.find((e) => e.startDate === prepared.startDate);
      if (identical) {
        if (identical.postType !== prepared.postType) {
          throw conflict(
            msg('workforce.thisEmploymentIsAlreadyRegistered', {
              startDate: identical.startDate,
              postType: identical.postType,
            }),
            'postType',
          );
        }
        // A retried registration: answer with the stored employment, write nothing.
        return {
          result: identical,
          recordType: 'Employment',
          recordId: identical.id,
          summary: { repeated: true },
        };
      }
      const overlapping = existing.find((e) => overlaps(e, prepared.startDate));
      if (overlapping) throw overlapConflict(overlapping);

      if (!newPerson) await this.registry.fillBlanks(tx, [blanksOf(person.id, prepared)]);
      const employment = await this.employments.insertOne({ personId: person.id, ...jobOf(prepared) }, tx);
      return {
        result: employment,
        recordType: 'Employment',
        recordId: employment.id,
        summary: {
          after: {
            personId: person.id,
            newPerson,
            institutionId: employment.institutionId,
            occupation: employment.occupation,
            postType: employment.postType,
            startDate: employment.startDate,
          },
        },
      };
    });
  }

  /**
   * Checks every row (formats, dates, scope, duplicates in the batch, names and jobs already stored), then writes
   * all of them in a bounded number of statements, or none. Identical stored jobs are skipped.
   */
  async registerStaffBatch(actor: Actor, rows: StaffRowInput[], dryRun: boolean): Promise<BatchResult> {
    const today = todayInShanghai();
    return runBatch(this.unitOfWork, this.nameConflicts, {
      actor,
      operation: 'registerStaffBatch',
      recordType: 'Employment',
      rows,
      dryRun,
      maxRows: MAX_BATCH_ROWS,
      checkRow: (row) => checkStaffRow(row, today),
      compare: async (tx, checked, batch) => {
        const { rowError } = batch;
        // Scope and existence of every institution named, in one query.
        const institutions = new Map(
          (await this.institutions.findByIds(rows.map((r) => r.institutionId).filter(isUuid), tx)).map((i) => [
            i.id,
            i,
          ]),
        );
        rows.forEach((row, index) => {
          const institution = institutions.get(String(row.institutionId ?? '').toLowerCase());
          if (!institution)
            rowError(index, 'institutionId', 'NOT_FOUND', msg('common.notFound', { what: msg('thing.institution') }));
          else if (!this.institutions.canSee(actor, institution)) {
            rowError(index, 'institutionId', 'FORBIDDEN', msg('workforce.theInstitutionIsOutsideYour'));
          }
        });

        // Persons already stored, in one query; their employments, in one more.
        const hashes = checked.map((p) => (p ? this.pii.lookupHash(p.idNumber) : null));
        const stored = new Map(
          (
            await this.persons.lockByIdNumberHashes(
              hashes.filter((h) => h !== null),
              tx,
            )
          ).map((p) => [p.idNumberHash, p]),
        );
        const storedJobs = new Map<string, EmploymentEntity[]>();
        const storedIds = [...stored.values()].map((p) => p.id);
        if (storedIds.length > 0) {
          for (const job of await this.employments.findByPersonIds(storedIds, tx)) {
            storedJobs.set(job.personId, [...(storedJobs.get(job.personId) ?? []), job]);
          }
        }

        const firstRowOfPerson = new Map<string, number>();
        const firstRowOfJob = new Map<string, number>();
        checked.forEach((row, index) => {
          if (!row) return;
          const hash = hashes[index]!;
          const earlier = firstRowOfPerson.get(hash);
          if (earlier === undefined) firstRowOfPerson.set(hash, index);
          else if (checked[earlier]!.name !== row.name) {
            rowError(index, 'name', 'CONFLICT', msg('workforce.rowHasTheSameID', { earlier }));
            return;
          }
          const person = stored.get(hash);
          if (!batch.nameMatches(index, person, row.name, NAME_CONFLICT)) return;
          const jobKey = `${hash}|${row.institutionId}|${row.occupation}`;
          const earlierJob = firstRowOfJob.get(jobKey);
          if (earlierJob !== undefined) {
            rowError(index, null, 'CONFLICT', msg('workforce.rowRegistersTheSamePerson', { earlierJob }));
            return;
          }
          firstRowOfJob.set(jobKey, index);
          const sameJob = (storedJobs.get(person?.id ?? '') ?? []).filter(
            (e) => e.institutionId === row.institutionId && e.occupation === row.occupation,
          );
          const identical = sameJob.find((e) => e.startDate === row.startDate);
          if (identical && identical.postType === row.postType) batch.skip(index);
          else if (identical) {
            rowError(
              index,
              'postType',
              'CONFLICT',
              msg('workforce.alreadyRegisteredFromAs', {
                startDate: identical.startDate,
                postType: identical.postType,
              }),
            );
          } else {
            const overlapping = sameJob.find((e) => overlaps(e, row.startDate));
            if (overlapping) rowError(index, 'startDate', 'CONFLICT', overlapConflict(overlapping).msg);
          }
        });
        return { hashes, stored };
      },
      write: async (tx, { hashes, stored }, toWrite, counts) => {
        const newRows = toWrite.filter(({ index }) => !stored.has(hashes[index]!));
        const newPersonRows = [...new Map(newRows.map((r) => [hashes[r.index]!, r.row])).values()];
        const insertedIds = await this.registry.insertNew(tx, newPersonRows);
        if (insertedIds.size !== newPersonRows.length) {
          // Someone registered one of these people while this batch ran: the retry will see them.
          throw conflict(msg('workforce.someOfThesePeopleWere'));
        }
        const personIdOf = (index: number) => stored.get(hashes[index]!)?.id ?? insertedIds.get(hashes[index]!)!;
        const fills = toWrite.filter(({ index }) => stored.has(hashes[index]!));
        await this.registry.fillBlanks(
          tx,
          fills.map(({ row, index }) => blanksOf(personIdOf(index), row)),
        );
        const insertedJobs = await this.employments.insertMany(
          toWrite.map(({ row, index }) => ({ personId: personIdOf(index), ...jobOf(row) })),
          tx,
        );
        if (insertedJobs !== toWrite.length) {
          throw conflict(msg('workforce.someOfTheseJobsWere'));
        }
        return { summary: { ...counts, newPersons: newPersonRows.length } };
      },
    });
  }

  async endEmployment(actor: Actor, id: string, endDate: string, reason: EndReason): Promise<EmploymentEntity> {
    assertId(id, msg('thing.employment'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'endEmployment', async (tx) => {
      const employment = await this.employments.lockById(id, tx);
      if (!employment) throw notFound(msg('thing.employment'));
      const [institution] = await this.institutions.findByIds([employment.institutionId], tx);
      this.assertMayRegisterAt(actor, institution);

      const problems = new InputProblems();
      if (employment.endDate !== null) {
        problems.add('id', msg('workforce.thisEmploymentAlreadyEndedOn', { endDate: employment.endDate }));
      }
      if (!isIsoDate(endDate)) problems.add('endDate', dateProblem(msg('field.endDate'), endDate)!);
      else if (endDate < employment.startDate) {
        problems.add('endDate', msg('workforce.enddateMustNotBeBefore', { startDate: employment.startDate }));
      } else if (endDate > latestEndDate(today)) {
        problems.add('endDate', msg('workforce.enddateMustNotBeMore'));
      }
      problems.throwIfAny();

      employment.endDate = endDate;
      employment.endReason = reason;
      await this.employments.update(id, { endDate, endReason: reason }, tx);
      return {
        result: employment,
        recordType: 'Employment',
        recordId: id,
        summary: { before: { endDate: null, endReason: null }, after: { endDate, endReason: reason } },
      };
    });
  }
}

/** The job a checked staff row registers. */
const jobOf = (row: PreparedStaff) => ({
  institutionId: row.institutionId,
  occupation: row.occupation,
  team: row.team,
  postType: row.postType,
  startDate: row.startDate,
});

/** What a registration may add to a stored person who lacks it. */
const blanksOf = (personId: string, row: PreparedStaff) => ({ personId, phone: row.phone, education: row.education });

/** A stored job overlaps a new open-ended one starting on `start` unless it ended by then. */
const overlaps = (e: EmploymentEntity, start: string) => e.endDate === null || e.endDate > start;

/** A stored person's name differs from the row's. A message, not an error, for the batch's rows: an error per row costs a stack trace (a third of a 5,000-row dry run). */
const NAME_CONFLICT = msg('workforce.thisIDNumberIsRegistered');
const nameConflict = () => conflict(NAME_CONFLICT, 'name');

const overlapConflict = (e: EmploymentEntity) =>
  conflict(msg('workforce.alreadyEmployedThereInThis', { period: period(e.startDate, e.endDate) }), 'startDate');
