import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { isIsoDate, todayInShanghai } from '../common/dates.js';
import { conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, inOrderOf } from '../common/ids.js';
import { type Connection, decodeCursor, type PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { normalizeName } from '../workforce/persons.js';
import type { CertificateEntity } from './certificate.entity.js';
import type { CertificatesIssuedFilter, CorrectCertificateInput } from './certificate-corrections.model.js';
import { checkCertificateFields, MAX_REASON_LENGTH, normalizeCertificateNumber } from './certificate-fields.js';
import { CertificateHoldersReadModel, type CertificateRow } from './certificate-holders.read-model.js';
import { CertificatesRepository } from './certificates.repository.js';
import { EvaluationBodiesService, filedOn } from './evaluation-bodies.service.js';
import { msg, fieldName } from '../i18n/i18n.js';

/** The fields a correction may change, as the audit trail shows them before and after. */
const CORRECTED_FIELDS = ['certificateNumber', 'level', 'profession', 'issuedOn', 'expiresOn'] as const;

/**
 * What colleges and evaluation bodies need after submitting: the list of what they issued (to find a wrong one), and
 * the correction of a certificate as a revocation plus a linked replacement, in one transaction.
 */
@Injectable()
export class CertificateCorrectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly certificates: CertificatesRepository,
    private readonly holders: CertificateHoldersReadModel,
    private readonly bodies: EvaluationBodiesService,
  ) {}

  /**
   * Certificates issued through the portal by the caller's body (a municipal planner: by any body, or the one named),
   * newest issue date first. Certificates employers recorded from outside the portal are not issued by a body and
   * are not listed. The holder comes in the same statement.
   */
  async listIssued(
    actor: Actor,
    filter: CertificatesIssuedFilter,
    page: PageArgs,
  ): Promise<Connection<CertificateRow>> {
    let bodyId: string | null = null;
    if (filter.issuingBodyId !== undefined && filter.issuingBodyId !== null) {
      const [named] = await this.bodies.byIds([filter.issuingBodyId.toLowerCase()]);
      if (!named) throw notFound(msg('thing.evaluationBody'));
      bodyId = named.id;
    }
    if (actor.role === Role.EVALUATION_BODY) {
      const own = await this.bodies.bodyOf(actor);
      if (bodyId !== null && bodyId !== own.id) throw forbidden(msg('certification.aBodySeesOnlyThe'));
      bodyId = own.id;
    } else if (actor.role !== Role.MUNICIPAL_PLANNER) {
      throw forbidden(msg('certification.onlyEvaluationBodiesAndMunicipal'));
    }

    const problems = new InputProblems();
    for (const field of ['issuedFrom', 'issuedTo'] as const) {
      const value = filter[field];
      if (value !== undefined && value !== null) {
        problems.check(
          isIsoDate(value),
          `filter.${field}`,
          msg('certification.mustBeADateWritten', { field: fieldName(field) }),
        );
      }
    }
    if (isIsoDate(filter.issuedFrom) && isIsoDate(filter.issuedTo)) {
      problems.check(
        filter.issuedTo >= filter.issuedFrom,
        'filter.issuedTo',
        msg('certification.issuedtoMustNotBeBefore'),
      );
    }
    let afterIssuedOn: unknown = null;
    if (page.after) afterIssuedOn = decodeCursor(page.after, ['text', 'uuid'])[0];
    problems.check(afterIssuedOn === null || isIsoDate(afterIssuedOn), 'after', msg('certification.afterIsNotACursor'));
    problems.throwIfAny();

    const text = filter.numberOrName?.trim() ?? '';
    return this.holders.issued(
      {
        bodyId,
        kind: filter.kind,
        status: filter.status,
        today: todayInShanghai(),
        issuedFrom: filter.issuedFrom,
        issuedTo: filter.issuedTo,
        ...(text ? { numberPrefix: normalizeCertificateNumber(text), namePrefix: normalizeName(text) } : {}),
      },
      page,
    );
  }

  /**
   * Corrects a certificate: in one transaction the old one is revoked from today with the reason, and the corrected
   * one is issued under a new number, to the same holder, of the same kind, by the same issuer, linked to it by
   * `supersedes`. The issuing body or a municipal planner.
   */
  async correct(actor: Actor, id: string, input: CorrectCertificateInput, reason: string): Promise<CertificateEntity> {
    assertId(id, msg('thing.certificate'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'correctCertificate', async (tx) => {
      const old = await this.certificates.lockById(id, tx);
      if (!old) throw notFound(msg('thing.certificate'));
      const issuer = old.issuingBodyId ? (await this.bodies.byIds([old.issuingBodyId], tx))[0] : null;
      if (actor.role === Role.EVALUATION_BODY) {
        const body = await this.bodies.bodyOf(actor, tx);
        if (old.issuingBodyId !== body.id) throw forbidden(msg('certification.onlyTheIssuingBodyMay'));
      } else if (actor.role !== Role.MUNICIPAL_PLANNER) {
        throw forbidden(msg('certification.onlyTheIssuingBodyOr'));
      }

      const corrected = {
        kind: old.kind,
        certificateNumber: input.certificateNumber,
        level: input.level !== undefined ? input.level : old.level,
        profession: input.profession !== undefined ? input.profession : old.profession,
        issuedOn: input.issuedOn !== undefined ? input.issuedOn : old.issuedOn,
        expiresOn: input.expiresOn !== undefined ? input.expiresOn : old.expiresOn,
      };
      const problems = new InputProblems();
      const trimmed = reason.trim();
      problems.check(
        trimmed.length >= 1 && trimmed.length <= MAX_REASON_LENGTH,
        'reason',
        msg('certification.reasonMustBeCharactersNot', { max: MAX_REASON_LENGTH }),
      );
      if (old.revokedOn !== null) {
        const replaced = await this.certificates.isSuperseded(old.id, tx);
        problems.add(
          'id',
          replaced
            ? msg('certification.alreadyCorrected')
            : msg('certification.revokedSubmitNew', { revokedOn: old.revokedOn }),
        );
      }
      for (const p of checkCertificateFields(corrected as Parameters<typeof checkCertificateFields>[0], today)) {
        problems.add(`input.${p.field}`, p.message);
      }
      const number = normalizeCertificateNumber(String(input.certificateNumber ?? ''));
      problems.check(
        number !== old.certificateNumber,
        'input.certificateNumber',
        msg('certification.certificatenumberMustBeANew'),
      );
      problems.throwIfAny();
      // As for a submission: a body issues only while its filing runs.
      if (issuer && !filedOn(issuer, corrected.issuedOn)) {
        throw forbidden(
          msg('certification.theIssuingBodySFiling', { filedFrom: issuer.filedFrom, filedTo: issuer.filedTo }),
        );
      }

      await this.certificates.revoke(id, today, trimmed, tx);
      const replacementId = await this.certificates.insertReplacement(
        {
          personId: old.personId,
          kind: old.kind,
          level: corrected.level ?? null,
          profession: corrected.profession ?? null,
          certificateNumber: number,
          issuingBodyId: old.issuingBodyId,
          issuerName: old.issuerName,
          external: old.external,
          recordedByInstitutionId: old.recordedByInstitutionId,
          issuedOn: corrected.issuedOn,
          expiresOn: corrected.expiresOn ?? null,
          supersedesId: old.id,
        },
        tx,
      );
      if (replacementId === null) {
        throw conflict(msg('certification.numberIsAlreadyUsed', { kind: old.kind, number }), 'input.certificateNumber');
      }
      const replacement = (await this.certificates.findById(replacementId, tx))!;
      const shown = (c: Pick<CertificateEntity, (typeof CORRECTED_FIELDS)[number]>) =>
        Object.fromEntries(
          CORRECTED_FIELDS.filter((f) => f === 'certificateNumber' || old[f] !== replacement[f]).map((f) => [f, c[f]]),
        );
      return {
        result: replacement,
        recordType: 'Certificate',
        recordId: replacement.id,
        summary: {
          reason: trimmed,
          supersedes: old.id,
          revokedOn: today,
          before: shown(old),
          after: shown(replacement),
        },
      };
    });
  }

  /** Certificates by id, for nested fields under a certificate the caller may already see. One query. */
  byIds(ids: readonly string[]): Promise<(CertificateEntity | null)[]> {
    return inOrderOf(ids, (valid) => this.certificates.findByIds(valid));
  }

  /** The certificate that directly replaces each of these, or null. One query. */
  replacementsOf(ids: readonly string[]): Promise<(CertificateEntity | null)[]> {
    return inOrderOf(
      ids,
      (valid) => this.certificates.findReplacementsOf(valid),
      (r) => r.supersedesId,
    );
  }
}
