import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BatchNotWritten, type BatchResult, type RowError, validRows } from '../common/batch.js';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import {
  BadUserInputError,
  conflict,
  type FieldProblem,
  forbidden,
  InputProblems,
  notFound,
} from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { NameConflictLimiter, WITHHELD_CODE, withheldMessage } from '../common/name-conflicts.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId } from '../common/validation/resident-id.js';
import { RegionsService } from '../regions/regions.service.js';
import { primaryJobsSql } from '../workforce/primary-jobs.js';
import { checkName, maskName, normalizeName } from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import { CertificateEntity } from './certificate.entity.js';
import { LATEST_REPLACEMENT_SQL, statusOn, validOnSql } from './certificate-status.js';
import type { CertificateInput, RecordExternalCertificateInput, SkillProfile } from './certificate.model.js';
import { CertificateKind, CertificateSource, LEVELS_OF, levelName, Profession } from './certification.enums.js';
import { EvaluationBodiesService, filedOn } from './evaluation-bodies.service.js';
import { type Msg, msg, word } from '../i18n/i18n.js';

export const MAX_CERTIFICATE_ROWS = 10_000;
export const EARLIEST_ISSUE_DATE = '1980-01-01';
export const MAX_REASON_LENGTH = 500;
const MAX_ISSUER_NAME_LENGTH = 200;
/** Letters (any script), digits and the separators printed certificate numbers use; compared without case. */
const CERTIFICATE_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}\-_/.()]{2,49}$/u;

/** Certificate numbers are compared without surrounding spaces and letter case. */
export const normalizeCertificateNumber = (raw: string) => raw.trim().toUpperCase();

interface CertificateFields {
  kind: CertificateKind;
  level?: number | null;
  profession?: Profession | null;
  certificateNumber: string;
  issuedOn: string;
  expiresOn?: string | null;
}

/** Problems of the certificate itself (level for the kind, number, dates), the same for issued and external ones. */
export function checkCertificateFields(c: CertificateFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: Msg) => problems.push({ field, message });
  const levels = LEVELS_OF[c.kind];
  if (levels === undefined) add('kind', msg('certification.kindIsNotAKnown'));
  else if (levels === null) {
    if (c.level !== null && c.level !== undefined) add('level', msg('certification.aPROFESSIONALLICENSEHasNo'));
    if (!c.profession) add('profession', msg('certification.aPROFESSIONALLICENSENamesIts'));
    else if (!Object.values(Profession).includes(c.profession))
      add('profession', msg('certification.professionIsNotKnown'));
  } else {
    const allowed = Object.keys(levels).map(Number);
    if (c.level === null || c.level === undefined)
      add('level', msg('certification.aCertificateHasALevel', { kind: c.kind }));
    else if (!allowed.includes(c.level)) {
      add(
        'level',
        msg('certification.levelMustBeForIs', { min: Math.min(...allowed), max: Math.max(...allowed), kind: c.kind }),
      );
    }
    if (c.profession) add('profession', msg('certification.onlyAPROFESSIONALLICENSENames'));
  }
  if (!CERTIFICATE_NUMBER.test(normalizeCertificateNumber(c.certificateNumber ?? ''))) {
    add('certificateNumber', msg('certification.certificatenumberMustBeLettersDigits'));
  }
  if (!isIsoDate(c.issuedOn)) add('issuedOn', dateProblem(msg('field.issuedOn'), c.issuedOn)!);
  else if (c.issuedOn > today) add('issuedOn', msg('certification.issuedonMustNotBeIn', { today }));
  else if (c.issuedOn < EARLIEST_ISSUE_DATE)
    add('issuedOn', msg('certification.issuedonMustNotBeBefore', { earliest: EARLIEST_ISSUE_DATE }));
  if (c.expiresOn !== null && c.expiresOn !== undefined) {
    if (!isIsoDate(c.expiresOn)) add('expiresOn', dateProblem(msg('field.expiresOn'), c.expiresOn)!);
    else if (isIsoDate(c.issuedOn) && c.expiresOn < c.issuedOn)
      add('expiresOn', msg('certification.expiresonMustNotBeBefore'));
  }
  return problems;
}

/** Whether a stored certificate says the same as a submitted row. */
const sameCertificate = (stored: CertificateEntity, personId: string, bodyId: string, row: CertificateInput) =>
  stored.personId === personId &&
  stored.issuingBodyId === bodyId &&
  stored.level === (row.level ?? null) &&
  stored.profession === (row.profession ?? null) &&
  stored.issuedOn === row.issuedOn &&
  stored.expiresOn === (row.expiresOn ?? null);

@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly bodies: EvaluationBodiesService,
    private readonly workforce: PersonsService,
    private readonly regions: RegionsService,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  // ---- submission by an evaluation body ----

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
      return await this.unitOfWork.run(actor, 'submitCertificates', async (em) => {
        const body = await this.bodies.bodyOf(actor, em);
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
          em,
          valid.map((p) => p.idNumber),
        );
        const stored = valid.length
          ? await em
              .createQueryBuilder(CertificateEntity, 'c')
              .where(
                '(c.kind, c.certificate_number) IN (SELECT * FROM unnest(CAST(:kinds AS certificate_kind[]), CAST(:numbers AS varchar[])))',
                { kinds: valid.map((p) => p.row.kind), numbers: valid.map((p) => p.number) },
              )
              .getMany()
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
          em,
          toWrite.filter((p) => !persons.has(p.idNumber)).map((p) => ({ idNumber: p.idNumber, name: p.name })),
        );
        const personIdOf = (idNumber: string) => persons.get(idNumber)?.id ?? created.get(idNumber)!;
        if (toWrite.length > 0) {
          const inserted: unknown[] = await em.query(
            `INSERT INTO certificate (person_id, kind, level, profession, certificate_number, issuing_body_id,
                                      external, issued_on, expires_on)
             SELECT person_id, kind, level, profession, certificate_number, $6::uuid, false, issued_on, expires_on
               FROM unnest($1::uuid[], $2::certificate_kind[], $3::smallint[], $4::profession[], $5::varchar[],
                           $7::date[], $8::date[])
                    AS t(person_id, kind, level, profession, certificate_number, issued_on, expires_on)
             ON CONFLICT (kind, certificate_number) DO NOTHING
             RETURNING id`,
            [
              toWrite.map((p) => personIdOf(p.idNumber)),
              toWrite.map((p) => p.row.kind),
              toWrite.map((p) => p.row.level ?? null),
              toWrite.map((p) => p.row.profession ?? null),
              toWrite.map((p) => p.number),
              body.id,
              toWrite.map((p) => p.row.issuedOn),
              toWrite.map((p) => p.row.expiresOn ?? null),
            ],
          );
          if (inserted.length !== toWrite.length) {
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

  // ---- revocation ----

  /** By the issuing body or a municipal planner; from today. History is kept: status on earlier dates stays. */
  async revoke(actor: Actor, id: string, reason: string): Promise<CertificateEntity> {
    assertId(id, msg('thing.certificate'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'revokeCertificate', async (em) => {
      const certificate = await em.findOne(CertificateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw notFound(msg('thing.certificate'));
      if (actor.role === Role.EVALUATION_BODY) {
        const body = await this.bodies.bodyOf(actor, em);
        if (certificate.issuingBodyId !== body.id) throw forbidden(msg('certification.onlyTheIssuingBodyMay2'));
      } else if (actor.role !== Role.MUNICIPAL_PLANNER) {
        throw forbidden(msg('certification.onlyTheIssuingBodyOr2'));
      }
      const problems = new InputProblems();
      const trimmed = reason.trim();
      problems.check(
        trimmed.length >= 1 && trimmed.length <= MAX_REASON_LENGTH,
        'reason',
        msg('certification.reasonMustBeCharactersNot', { max: MAX_REASON_LENGTH }),
      );
      problems.check(
        certificate.revokedOn === null,
        'id',
        msg('certification.thisCertificateWasRevokedOn', { revokedOn: certificate.revokedOn }),
      );
      problems.check(certificate.issuedOn <= today, 'id', msg('certification.aCertificateCannotBeRevoked'));
      problems.throwIfAny();
      certificate.revokedOn = today;
      certificate.revocationReason = trimmed;
      await em.update(CertificateEntity, { id }, { revokedOn: today, revocationReason: trimmed });
      return {
        result: certificate,
        recordType: 'Certificate',
        recordId: id,
        summary: { before: { revokedOn: null }, after: { revokedOn: today, reason: trimmed } },
      };
    });
  }

  // ---- external certificates ----

  /** An institution admin records a qualification one of its current staff holds from outside the portal. */
  async recordExternal(actor: Actor, input: RecordExternalCertificateInput): Promise<CertificateEntity> {
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'recordExternalCertificate', async (em) => {
      if (actor.role !== Role.INSTITUTION_ADMIN || !actor.institutionId) {
        throw forbidden(msg('certification.onlyAnInstitutionAdminRecords'));
      }
      assertId(input.personId, msg('thing.person'));
      if (!(await this.workforce.isEmployedAt(em, input.personId, actor.institutionId, today))) {
        if (!(await this.workforce.personExists(em, input.personId))) throw notFound(msg('thing.person'));
        throw forbidden(msg('certification.onlyForPeopleEmployedAt'));
      }

      const problems = checkCertificateFields(input, today);
      const issuerName = input.issuerName.trim();
      if (issuerName.length < 1 || issuerName.length > MAX_ISSUER_NAME_LENGTH) {
        problems.push({
          field: 'issuerName',
          message: msg('certification.issuerNameLength', { max: MAX_ISSUER_NAME_LENGTH }),
        });
      }
      if (problems.length > 0) {
        throw new BadUserInputError(null, problems);
      }
      const certificateNumber = normalizeCertificateNumber(input.certificateNumber);
      const existing = await em.findOneBy(CertificateEntity, { kind: input.kind, certificateNumber });
      if (existing) {
        const same =
          existing.external &&
          existing.personId === input.personId &&
          existing.level === (input.level ?? null) &&
          existing.profession === (input.profession ?? null) &&
          existing.issuedOn === input.issuedOn &&
          existing.expiresOn === (input.expiresOn ?? null) &&
          existing.issuerName === issuerName;
        if (!same)
          throw conflict(
            msg('certification.numberIsAlreadyRecorded', { kind: input.kind, certificateNumber }),
            'certificateNumber',
          );
        // A retried recording: the stored certificate, nothing written.
        return { result: existing, recordType: 'Certificate', recordId: existing.id, summary: { repeated: true } };
      }
      const certificate = em.create(CertificateEntity, {
        personId: input.personId,
        kind: input.kind,
        level: input.level ?? null,
        profession: input.profession ?? null,
        certificateNumber,
        issuingBodyId: null,
        issuerName,
        external: true,
        recordedByInstitutionId: actor.institutionId,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn ?? null,
        revokedOn: null,
        revocationReason: null,
      });
      await em.insert(CertificateEntity, certificate);
      return {
        result: certificate,
        recordType: 'Certificate',
        recordId: certificate.id,
        summary: {
          after: {
            personId: input.personId,
            kind: certificate.kind,
            level: certificate.level,
            certificateNumber,
            issuerName,
            external: true,
          },
        },
      };
    });
  }

  // ---- reads ----

  /**
   * Public verification: answers only when both the number and the holder's name match; anything else is the same
   * unmatched answer, so that it reveals nothing about which part was wrong.
   */
  async verify(certificateNumber: string, name: string) {
    const unmatched = {
      matched: false,
      status: null,
      kind: null,
      level: null,
      levelName: null,
      issuingBodyName: null,
      issuedOn: null,
      holderNameMasked: null,
      source: null,
      expiresOn: null,
      supersededBy: null,
    };
    const number = normalizeCertificateNumber(certificateNumber);
    const holder = normalizeName(name);
    if (!CERTIFICATE_NUMBER.test(number) || checkName(holder) !== null) return unmatched;
    const rows: (Pick<CertificateEntity, 'kind' | 'level' | 'issuedOn' | 'expiresOn' | 'revokedOn' | 'external'> & {
      issuingBodyName: string;
      supersededBy: string | null;
    })[] = await this.dataSource.query(
      `SELECT c.kind, c.level, c.issued_on::text AS "issuedOn", c.expires_on::text AS "expiresOn",
              c.revoked_on::text AS "revokedOn", coalesce(b.name, c.issuer_name) AS "issuingBodyName", c.external,
              (${LATEST_REPLACEMENT_SQL}) AS "supersededBy"
         FROM certificate c
         JOIN person p ON p.id = c.person_id
         LEFT JOIN evaluation_body b ON b.id = c.issuing_body_id
        WHERE c.certificate_number = $1 AND p.name = $2
        ORDER BY c.issued_on DESC, c.id
        LIMIT 1`,
      [number, holder],
    );
    const c = rows[0];
    if (!c) return unmatched;
    return {
      matched: true,
      status: statusOn(c, todayInShanghai()),
      kind: c.kind,
      level: c.level,
      levelName: levelName(c.kind, c.level),
      issuingBodyName: c.issuingBodyName,
      issuedOn: c.issuedOn,
      holderNameMasked: maskName(holder),
      source: c.external ? CertificateSource.EMPLOYER_RECORDED : CertificateSource.EVALUATION_BODY,
      expiresOn: c.expiresOn,
      supersededBy: c.supersededBy,
    };
  }

  /** Each person's certificates, oldest first. One query; the caller may already see these persons. */
  async ofPersons(personIds: readonly string[]): Promise<CertificateEntity[][]> {
    const valid = personIds.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource
          .getRepository(CertificateEntity)
          .createQueryBuilder('c')
          .where('c.person_id = ANY(:ids)', { ids: valid })
          .orderBy('c.issued_on')
          .addOrderBy('c.id')
          .getMany()
      : [];
    const byPerson = new Map<string, CertificateEntity[]>();
    for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
    return personIds.map((id) => byPerson.get(id) ?? []);
  }

  /** The skill profile of the workforce on a date, in one statement (see SkillProfile). */
  async skillProfile(actor: Actor, asOfArg: string | undefined, regionArg: string | undefined): Promise<SkillProfile> {
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    const problems = new InputProblems();
    problems.check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!);
    problems.check(asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }));
    problems.check(asOf >= '2000-01-01', 'asOf', msg('certification.asofMustNotBeBefore'));
    problems.throwIfAny();
    const regionCode = plannerRegion(actor, regionArg);
    const rows: { caregiver_level: number | null; occupation: string; certified: boolean; n: number }[] =
      await this.dataSource.query(
        `WITH primary_job AS (${primaryJobsSql('$1::date', regionCode !== null ? '$2::varchar' : undefined)}),
         staff AS (
           SELECT j.person_id, j.occupation FROM primary_job j
            WHERE j.occupation IN ('CAREGIVER', 'SOCIAL_WORKER')
              AND ($2::varchar IS NULL OR j.region_code = $2::varchar OR j.zone_code = $2::varchar))
         SELECT s.occupation,
                (SELECT min(c.level) FROM certificate c
                  WHERE c.person_id = s.person_id AND c.kind = 'NURSING_ASSISTANT_SKILL' AND ${validOnSql('c', '$1::date')})
                  AS caregiver_level,
                EXISTS (SELECT 1 FROM certificate c
                         WHERE c.person_id = s.person_id AND c.kind = 'SOCIAL_WORK' AND ${validOnSql('c', '$1::date')})
                  AS certified,
                count(*)::int AS n
           FROM staff s
          GROUP BY 1, 2, 3`,
        [asOf, regionCode],
      );
    if (regionCode !== null && rows.length === 0 && !(await this.regions.find(regionCode))) {
      throw BadUserInputError.field('regionCode', msg('certification.regioncodeIsNotAKnown'));
    }
    const caregivers = rows.filter((r) => r.occupation === 'CAREGIVER');
    const social = rows.filter((r) => r.occupation === 'SOCIAL_WORKER');
    const sum = (list: { n: number }[]) => list.reduce((t, r) => t + r.n, 0);
    const skillLevels = LEVELS_OF[CertificateKind.NURSING_ASSISTANT_SKILL]!;
    return {
      asOf,
      regionCode,
      caregivers: sum(caregivers),
      caregiversBySkillLevel: [5, 4, 3, 2, 1].map((level) => ({
        level,
        levelName: skillLevels[level],
        count: sum(caregivers.filter((r) => r.caregiver_level === level)),
      })),
      uncertifiedCaregivers: sum(caregivers.filter((r) => r.caregiver_level === null)),
      socialWorkers: sum(social),
      certifiedSocialWorkers: sum(social.filter((r) => r.certified)),
    };
  }
}
