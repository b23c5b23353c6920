import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { isIsoDate, todayInShanghai } from '../common/dates.js';
import { conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Connection, decodeCursor, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { normalizeName } from '../workforce/persons.js';
import { CertificateEntity } from './certificate.entity.js';
import type {
  CertificateHolder,
  CertificatesIssuedFilter,
  CorrectCertificateInput,
} from './certificate-corrections.model.js';
import { checkCertificateFields, MAX_REASON_LENGTH, normalizeCertificateNumber } from './certificates.service.js';
import { CertificateStatus } from './certification.enums.js';
import { EvaluationBodiesService, filedOn } from './evaluation-bodies.service.js';
import { msg, fieldName } from '../i18n/i18n.js';

/** A certificate of a list page, with its holder read in the same statement. */
export type CertificateRow = CertificateEntity & { holder?: CertificateHolder };

/** The fields a correction may change, as the audit trail shows them before and after. */
const CORRECTED_FIELDS = ['certificateNumber', 'level', 'profession', 'issuedOn', 'expiresOn'] as const;

/** SQL condition on certificate `c`: its status today (parameter :today) is `status` (as statusOn derives it). */
const STATUS_SQL: Record<CertificateStatus, string> = {
  [CertificateStatus.REVOKED]: 'c.revoked_on IS NOT NULL AND c.revoked_on <= :today',
  [CertificateStatus.EXPIRED]:
    '(c.revoked_on IS NULL OR c.revoked_on > :today) AND c.expires_on IS NOT NULL AND c.expires_on < :today',
  [CertificateStatus.VALID]:
    '(c.revoked_on IS NULL OR c.revoked_on > :today) AND (c.expires_on IS NULL OR c.expires_on >= :today)',
};

/**
 * What colleges and evaluation bodies need after submitting: the list of what they issued (to find a wrong one), and
 * the correction of a certificate as a revocation plus a linked replacement, in one transaction.
 */
@Injectable()
export class CertificateCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
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

    // The person table is not joined: the holder of each row of the page is one subquery, and the name filter a
    // semi-join on its index, so neither the count nor the sort of a city-wide list reads every person (1.1 s
    // instead of 0.1 s for 200,000 certificates).
    const qb = this.dataSource
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .addSelect(
        `(SELECT json_build_object('name', p.name, 'idNumberMasked', p.id_number_masked) FROM person p
           WHERE p.id = c.person_id)`,
        'holder',
      )
      // Issued by a body, i.e. not external (the certificate_issuer check makes the two the same): this form lets a
      // body's count be read from its index alone.
      .where('c.issuing_body_id IS NOT NULL');
    if (bodyId !== null) qb.andWhere('c.issuing_body_id = :bodyId', { bodyId });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere(STATUS_SQL[filter.status], { today: todayInShanghai() });
    if (filter.issuedFrom) qb.andWhere('c.issued_on >= :issuedFrom', { issuedFrom: filter.issuedFrom });
    if (filter.issuedTo) qb.andWhere('c.issued_on <= :issuedTo', { issuedTo: filter.issuedTo });
    const text = filter.numberOrName?.trim() ?? '';
    if (text) {
      qb.andWhere(
        '(c.certificate_number LIKE :numberPrefix OR c.person_id IN (SELECT p.id FROM person p WHERE p.name LIKE :namePrefix))',
        {
          numberPrefix: `${escapeLike(normalizeCertificateNumber(text))}%`,
          namePrefix: `${escapeLike(normalizeName(text))}%`,
        },
      );
    }
    const connection = await paginate(
      qb,
      page,
      [
        { sql: 'c.issued_on', value: (c) => c.issuedOn },
        { sql: 'c.id', value: (c) => c.id, kind: 'uuid' },
      ],
      'DESC',
    );
    connection.edges.forEach((edge, i) => {
      (edge.node as CertificateRow).holder = (connection.raw[i] as { holder: CertificateHolder }).holder;
    });
    return connection;
  }

  /**
   * Corrects a certificate: in one transaction the old one is revoked from today with the reason, and the corrected
   * one is issued under a new number, to the same holder, of the same kind, by the same issuer, linked to it by
   * `supersedes`. The issuing body or a municipal planner.
   */
  async correct(actor: Actor, id: string, input: CorrectCertificateInput, reason: string): Promise<CertificateEntity> {
    assertId(id, msg('thing.certificate'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'correctCertificate', async (em) => {
      const old = await em.findOne(CertificateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!old) throw notFound(msg('thing.certificate'));
      const issuer = old.issuingBodyId ? (await this.bodies.byIds([old.issuingBodyId], em))[0] : null;
      if (actor.role === Role.EVALUATION_BODY) {
        const body = await this.bodies.bodyOf(actor, em);
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
        const replaced = await em.existsBy(CertificateEntity, { supersedesId: old.id });
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

      await em.update(CertificateEntity, { id }, { revokedOn: today, revocationReason: trimmed });
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO certificate (person_id, kind, level, profession, certificate_number, issuing_body_id, issuer_name,
                                  external, recorded_by_institution_id, issued_on, expires_on, supersedes_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (kind, certificate_number) DO NOTHING
         RETURNING id`,
        [
          old.personId,
          old.kind,
          corrected.level ?? null,
          corrected.profession ?? null,
          number,
          old.issuingBodyId,
          old.issuerName,
          old.external,
          old.recordedByInstitutionId,
          corrected.issuedOn,
          corrected.expiresOn ?? null,
          old.id,
        ],
      );
      if (inserted.length === 0) {
        throw conflict(msg('certification.numberIsAlreadyUsed', { kind: old.kind, number }), 'input.certificateNumber');
      }
      const replacement = await em.findOneByOrFail(CertificateEntity, { id: inserted[0].id });
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
  async byIds(ids: readonly string[]): Promise<(CertificateEntity | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.dataSource.getRepository(CertificateEntity).findBy({ id: In(valid) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The certificate that directly replaces each of these, or null. One query. */
  async replacementsOf(ids: readonly string[]): Promise<(CertificateEntity | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length
      ? await this.dataSource.getRepository(CertificateEntity).findBy({ supersedesId: In(valid) })
      : [];
    const bySuperseded = new Map(rows.map((r) => [r.supersedesId, r]));
    return ids.map((id) => bySuperseded.get(id) ?? null);
  }
}
