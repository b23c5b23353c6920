import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { BatchResult } from '../common/batch.js';
import { runBatch } from '../common/batch-run.js';
import { todayInShanghai } from '../common/dates.js';
import { conflict, type FieldProblem } from '../common/errors.js';
import { NameConflictLimiter } from '../common/name-conflicts.js';
import type { Actor } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId } from '../common/validation/resident-id.js';
import { checkName, normalizeName } from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import type { CertificateEntity } from './certificate.entity.js';
import { checkCertificateFields, normalizeCertificateNumber } from './certificate-fields.js';
import type { CertificateInput } from './certificate.model.js';
import { CertificatesRepository } from './certificates.repository.js';
import { EvaluationBodiesService, filedOn } from './evaluation-bodies.service.js';
import { msg } from '../i18n/i18n.js';

export const MAX_CERTIFICATE_ROWS = 10_000;

/** Whether a stored certificate says the same as a submitted row. */
const sameCertificate = (stored: CertificateEntity, personId: string, bodyId: string, row: CertificateInput) =>
  stored.personId === personId &&
  stored.issuingBodyId === bodyId &&
  stored.level === (row.level ?? null) &&
  stored.profession === (row.profession ?? null) &&
  stored.issuedOn === row.issuedOn &&
  stored.expiresOn === (row.expiresOn ?? null);

/** A submitted row that passed every check that needs no database, normalised. */
interface SubmittedRow {
  row: CertificateInput;
  idNumber: string;
  name: string;
  number: string;
}

/** Every problem of one row that needs neither the database nor the body (ID and name, the certificate's fields). */
function checkSubmittedRow(
  row: CertificateInput,
  today: string,
): { problems: FieldProblem[]; prepared: SubmittedRow | null } {
  const problems = checkCertificateFields(row, today);
  const idNumber = normalizeResidentId(String(row.idNumber ?? ''));
  if (!isValidResidentId(idNumber)) {
    problems.push({ field: 'idNumber', message: msg('workforce.idnumberIsNotAValid') });
  }
  const name = normalizeName(String(row.name ?? ''));
  const nameProblem = checkName(name);
  if (nameProblem) problems.push({ field: 'name', message: nameProblem });
  if (problems.length > 0) return { problems, prepared: null };
  return { problems, prepared: { row, idNumber, name, number: normalizeCertificateNumber(row.certificateNumber) } };
}

/** An evaluation body's batch of the certificates it issued. */
@Injectable()
export class CertificateSubmissionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly certificates: CertificatesRepository,
    private readonly bodies: EvaluationBodiesService,
    private readonly workforce: PersonsService,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  /**
   * Every row checked (ID and name, level for the kind, the body's filing on the issue date, dates, numbers used in
   * the batch or already stored, names in the registry), then all written in a few statements, or none.
   */
  async submit(actor: Actor, rows: CertificateInput[], dryRun: boolean): Promise<BatchResult> {
    const today = todayInShanghai();
    return runBatch(this.unitOfWork, this.nameConflicts, {
      actor,
      operation: 'submitCertificates',
      recordType: 'Certificate',
      rows,
      dryRun,
      maxRows: MAX_CERTIFICATE_ROWS,
      checkRow: (row) => checkSubmittedRow(row, today),
      compare: async (tx, checked, batch) => {
        const { rowError } = batch;
        const body = await this.bodies.bodyOf(actor, tx);
        // Rows the body may not issue are refused; the others go on to the registry's checks.
        const prepared = checked.map((p, index) => {
          if (!p) return null;
          if (!body.certificateKinds.includes(p.row.kind)) {
            rowError(index, 'kind', 'FORBIDDEN', msg('certification.yourBodyIsNotFiled', { kind: p.row.kind }));
            return null;
          }
          if (!filedOn(body, p.row.issuedOn)) {
            rowError(
              index,
              'issuedOn',
              'FORBIDDEN',
              msg('certification.yourFilingRunsFromTo', { filedFrom: body.filedFrom, filedTo: body.filedTo }),
            );
            return null;
          }
          return p;
        });

        // The registry's persons and the numbers already used, one query each.
        const valid = prepared.filter((p): p is SubmittedRow => p !== null);
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
        prepared.forEach((p, index) => {
          if (!p) return;
          const earlierPerson = nameOfId.get(p.idNumber);
          if (earlierPerson && earlierPerson.name !== p.name) {
            rowError(index, 'name', 'CONFLICT', msg('certification.rowHasTheSameID', { index: earlierPerson.index }));
            return;
          }
          if (!earlierPerson) nameOfId.set(p.idNumber, { name: p.name, index });
          const person = persons.get(p.idNumber);
          if (!batch.nameMatches(index, person, p.name, msg('certification.thisIDNumberIsRegistered'))) return;
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
            if (person && sameCertificate(existing, person.id, body.id, p.row)) batch.skip(index);
            else
              rowError(
                index,
                'certificateNumber',
                'CONFLICT',
                msg('certification.numberIsAlreadyUsed', { kind: p.row.kind, number: p.number }),
              );
          }
        });
        return { body, persons };
      },
      write: async (tx, { body, persons }, toWrite, counts) => {
        const created = await this.workforce.createPersons(
          tx,
          toWrite
            .filter(({ row: p }) => !persons.has(p.idNumber))
            .map(({ row: p }) => ({ idNumber: p.idNumber, name: p.name })),
        );
        const personIdOf = (idNumber: string) => persons.get(idNumber)?.id ?? created.get(idNumber)!;
        if (toWrite.length > 0) {
          const inserted = await this.certificates.insertIssued(
            body.id,
            toWrite.map(({ row: p }) => ({
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
        return { summary: { bodyId: body.id, ...counts, newPersons: created.size } };
      },
    });
  }
}
