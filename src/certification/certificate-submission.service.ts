import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BatchNotWritten, type BatchResult, type RowError, validRows } from '../common/batch.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict } from '../common/errors.js';
import { NameConflictLimiter, WITHHELD_CODE, withheldMessage } from '../common/name-conflicts.js';
import type { Actor } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId } from '../common/validation/resident-id.js';
import { checkName, normalizeName } from '../workforce/staff-row.js';
import { WorkforceService } from '../workforce/workforce.service.js';
import type { CertificateEntity } from './certificate.entity.js';
import { checkCertificateFields, normalizeCertificateNumber } from './certificate-fields.js';
import type { CertificateInput } from './certificate.model.js';
import { CertificatesRepository } from './certificates.repository.js';
import { EvaluationBodiesService, filedOn } from './evaluation-bodies.service.js';
import { type Msg, msg, word } from '../i18n/i18n.js';

export const MAX_CERTIFICATE_ROWS = 10_000;

/** Whether a stored certificate says the same as a submitted row. */
const sameCertificate = (stored: CertificateEntity, personId: string, bodyId: string, row: CertificateInput) =>
  stored.personId === personId &&
  stored.issuingBodyId === bodyId &&
  stored.level === (row.level ?? null) &&
  stored.profession === (row.profession ?? null) &&
  stored.issuedOn === row.issuedOn &&
  stored.expiresOn === (row.expiresOn ?? null);

/** An evaluation body's batch of the certificates it issued. */
@Injectable()
export class CertificateSubmissionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly certificates: CertificatesRepository,
    private readonly bodies: EvaluationBodiesService,
    private readonly workforce: WorkforceService,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  /**
   * Every row checked (ID and name, level for the kind, the body's filing on the issue date, dates, numbers used in
   * the batch or already stored, names in the registry), then all written in a few statements, or none.
   */
  async submit(actor: Actor, rows: CertificateInput[], dryRun: boolean): Promise<BatchResult> {
    if (rows.length > MAX_CERTIFICATE_ROWS) {
      throw BadUserInputError.field('rows', msg('certification.aBatchHoldsAtMost', { max: MAX_CERTIFICATE_ROWS }));
    }
    if (rows.length === 0) throw BadUserInputError.field('rows', msg('certification.aBatchNeedsAtLeast'));
    const today = todayInShanghai();
    const errors: RowError[] = [];
    // Worded now, in the request's language: a row error is data.
    const rowError = (index: number, field: string | null, code: string, message: Msg) =>
      errors.push({ index, field, code, message: word(message) });
    const budget = this.nameConflicts.budget(actor.userId);
    try {
      return await this.unitOfWork.run(actor, 'submitCertificates', async (tx) => {
        const body = await this.bodies.bodyOf(actor, tx);
        const prepared = rows.map((row, index) => {
          const problems = checkCertificateFields(row, today);
          const idNumber = normalizeResidentId(String(row.idNumber ?? ''));
          if (!isValidResidentId(idNumber)) {
            problems.push({ field: 'idNumber', message: msg('workforce.idnumberIsNotAValid') });
          }
          const name = normalizeName(String(row.name ?? ''));
          const nameProblem = checkName(name);
          if (nameProblem) problems.push({ field: 'name', message: nameProblem });
          problems.forEach((p) => rowError(index, p.field, 'BAD_USER_INPUT', p.message));
          if (problems.length > 0) return null;
          if (!body.certificateKinds.includes(row.kind)) {
            rowError(index, 'kind', 'FORBIDDEN', msg('certification.yourBodyIsNotFiled', { kind: row.kind }));
            return null;
          }
          if (!filedOn(body, row.issuedOn)) {
            rowError(
              index,
              'issuedOn',
              'FORBIDDEN',
              msg('certification.yourFilingRunsFromTo', { filedFrom: body.filedFrom, filedTo: body.filedTo }),
            );
            return null;
          }
          return { row, idNumber, name, number: normalizeCertificateNumber(row.certificateNumber) };
        });

        // The registry's persons and the numbers already used, one query each.
        const valid = prepared.filter((p): p is NonNullable<typeof p> => p !== null);
        const persons = await this.workforce.findPersonsByIdNumbers(
          tx,
          valid.map((p) => p.idNumber),
        );
        const stored = valid.length
          ? await this.certificates.findByNumbers(
              valid.map((p) => p.row.kind),
              valid.map((p) => p.number),
              tx,
            )
          : [];
        const storedByNumber = new Map(stored.map((c) => [`${c.kind}|${c.certificateNumber}`, c]));

        const firstOfNumber = new Map<string, number>();
        const nameOfId = new Map<string, { name: string; index: number }>();
        const skipped = new Set<number>();
        prepared.forEach((p, index) => {
          if (!p) return;
          const earlierPerson = nameOfId.get(p.idNumber);
          if (earlierPerson && earlierPerson.name !== p.name) {
            rowError(index, 'name', 'CONFLICT', msg('certification.rowHasTheSameID', { index: earlierPerson.index }));
            return;
          }
          if (!earlierPerson) nameOfId.set(p.idNumber, { name: p.name, index });
          const person = persons.get(p.idNumber);
          if (person && !budget.mayCheck()) {
            rowError(index, null, WITHHELD_CODE, withheldMessage(budget.retryAfterSeconds));
            return;
          }
          if (person && person.name !== p.name) {
            budget.conflict();
            rowError(index, 'name', 'CONFLICT', msg('certification.thisIDNumberIsRegistered'));
            return;
          }
          const key = `${p.row.kind}|${p.number}`;
          const earlier = firstOfNumber.get(key);
          if (earlier !== undefined) {
            rowError(
              index,
              'certificateNumber',
              'CONFLICT',
              msg('certification.rowHasTheSameCertificate', { earlier }),
            );
            return;
          }
          firstOfNumber.set(key, index);
          const existing = storedByNumber.get(key);
          if (existing) {
            if (person && sameCertificate(existing, person.id, body.id, p.row)) skipped.add(index);
            else
              rowError(
                index,
                'certificateNumber',
                'CONFLICT',
                msg('certification.numberIsAlreadyUsed', { kind: p.row.kind, number: p.number }),
              );
          }
        });

        errors.sort((a, b) => a.index - b.index);
        const accepted = rows.length - skipped.size;
        if (errors.length > 0 || dryRun) {
          throw new BatchNotWritten({
            accepted: errors.length > 0 ? 0 : accepted,
            skipped: skipped.size,
            valid: validRows(rows.length, errors),
            written: false,
            errors,
          });
        }

        const toWrite = prepared.flatMap((p, index) => (p && !skipped.has(index) ? [p] : []));
        const created = await this.workforce.createPersons(
          tx,
          toWrite.filter((p) => !persons.has(p.idNumber)).map((p) => ({ idNumber: p.idNumber, name: p.name })),
        );
        const personIdOf = (idNumber: string) => persons.get(idNumber)?.id ?? created.get(idNumber)!;
        if (toWrite.length > 0) {
          const inserted = await this.certificates.insertIssued(
            body.id,
            toWrite.map((p) => ({
              personId: personIdOf(p.idNumber),
              kind: p.row.kind,
              level: p.row.level ?? null,
              profession: p.row.profession ?? null,
              certificateNumber: p.number,
              issuedOn: p.row.issuedOn,
              expiresOn: p.row.expiresOn ?? null,
            })),
            tx,
          );
          if (inserted !== toWrite.length) {
            throw conflict(msg('certification.someOfTheseCertificateNumbers'));
          }
        }
        return {
          result: { accepted, skipped: skipped.size, valid: rows.length, written: true, errors: [] },
          recordType: 'Certificate',
          recordId: null,
          summary: { bodyId: body.id, rows: rows.length, accepted, skipped: skipped.size, newPersons: created.size },
        };
      });
    } catch (e) {
      if (!(e instanceof BatchNotWritten)) throw e;
      await this.workforce.recordConflicts(
        actor,
        'submitCertificates',
        'Certificate',
        rows.length,
        dryRun,
        budget.summary,
      );
      return e.result;
    }
  }
}
