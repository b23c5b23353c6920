import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { asOfOrToday, todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { checkName, maskName, normalizeName } from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import type { CertificateEntity } from './certificate.entity.js';
import {
  CERTIFICATE_NUMBER,
  checkCertificateFields,
  MAX_REASON_LENGTH,
  normalizeCertificateNumber,
} from './certificate-fields.js';
import { CertificateHoldersReadModel } from './certificate-holders.read-model.js';
import { statusOn } from './certificate-status.js';
import type { RecordExternalCertificateInput, SkillProfile } from './certificate.model.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificateKind, CertificateSource, LEVELS_OF, levelName } from './certification.enums.js';
import { EvaluationBodiesService } from './evaluation-bodies.service.js';
import { SkillProfileReadModel } from './skill-profile.read-model.js';
import { msg } from '../i18n/i18n.js';

const MAX_ISSUER_NAME_LENGTH = 200;

/**
 * A certificate once issued: its revocation, the qualifications employers record from outside the portal, public
 * verification, and the reads (a person's certificates, the workforce's skill profile). Submission by a body:
 * CertificateSubmissionService.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly certificates: CertificatesRepository,
    private readonly holders: CertificateHoldersReadModel,
    private readonly skillProfiles: SkillProfileReadModel,
    private readonly bodies: EvaluationBodiesService,
    private readonly workforce: PersonsService,
    private readonly regions: RegionsService,
  ) {}

  // ---- revocation ----

  /** By the issuing body or a municipal planner; from today. History is kept: status on earlier dates stays. */
  async revoke(actor: Actor, id: string, reason: string): Promise<CertificateEntity> {
    assertId(id, msg('thing.certificate'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'revokeCertificate', async (tx) => {
      const certificate = await this.certificates.lockById(id, tx);
      if (!certificate) throw notFound(msg('thing.certificate'));
      if (actor.role === Role.EVALUATION_BODY) {
        const body = await this.bodies.bodyOf(actor, tx);
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
      await this.certificates.revoke(id, today, trimmed, tx);
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
    return this.unitOfWork.run(actor, 'recordExternalCertificate', async (tx) => {
      if (actor.role !== Role.INSTITUTION_ADMIN || !actor.institutionId) {
        throw forbidden(msg('certification.onlyAnInstitutionAdminRecords'));
      }
      assertId(input.personId, msg('thing.person'));
      if (!(await this.workforce.isEmployedAt(tx, input.personId, actor.institutionId, today))) {
        if (!(await this.workforce.personExists(tx, input.personId))) throw notFound(msg('thing.person'));
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
      const existing = await this.certificates.findByNumber(input.kind, certificateNumber, tx);
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
      const certificate = await this.certificates.insert(
        {
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
        },
        tx,
      );
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
    const c = await this.holders.verification(number, holder);
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
    const rows = valid.length ? await this.certificates.findByPersons(valid) : [];
    const byPerson = new Map<string, CertificateEntity[]>();
    for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
    return personIds.map((id) => byPerson.get(id) ?? []);
  }

  /** The skill profile of the workforce on a date, in one statement (see SkillProfile). */
  async skillProfile(actor: Actor, asOfArg: string | undefined, regionArg: string | undefined): Promise<SkillProfile> {
    const problems = new InputProblems();
    const asOf = asOfOrToday(asOfArg, problems, '2000-01-01', msg('certification.asofMustNotBeBefore'));
    problems.throwIfAny();
    const regionCode = plannerRegion(actor, regionArg);
    const rows = await this.skillProfiles.rows(asOf, regionCode);
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
