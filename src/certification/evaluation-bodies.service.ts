import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { isIsoDate, dateProblem } from '../common/dates.js';
import { conflict, forbidden, InputProblems } from '../common/errors.js';
import { inOrderOf, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, assertRegionFilterInScope, Role } from '../common/roles.js';
import { isValidCreditCode, normalizeCreditCode } from '../common/validation/credit-code.js';
import { COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import type { CertificateKind } from './certification.enums.js';
import { EvaluationBodiesRepository, type EvaluationBodyQuery } from './evaluation-bodies.repository.js';
import type { EvaluationBodyEntity } from './evaluation-body.entity.js';
import type { EvaluationBodyFilter, RegisterEvaluationBodyInput } from './evaluation-body.model.js';
import { msg } from '../i18n/i18n.js';

const MAX_NAME_LENGTH = 200;
const MAX_FILING_NUMBER_LENGTH = 50;

/** Filing of skill-evaluation bodies began long after this; an earlier date is a typo. */
export const EARLIEST_FILING_DATE = '1980-01-01';

/** Whether a body's filing covers `date` (both ends inclusive). */
export const filedOn = (body: Pick<EvaluationBodyEntity, 'filedFrom' | 'filedTo'>, date: string) =>
  body.filedFrom <= date && date <= body.filedTo;

/** Whether a body may issue `kind` on `date`. */
export const mayIssue = (body: EvaluationBodyEntity, kind: CertificateKind, date: string) =>
  body.certificateKinds.includes(kind) && filedOn(body, date);

@Injectable()
export class EvaluationBodiesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bodies: EvaluationBodiesRepository,
    private readonly regions: RegionsService,
  ) {}

  /** The body an EVALUATION_BODY account acts for; FORBIDDEN for any other account or a body that is gone. */
  async bodyOf(actor: Actor, tx?: EntityManager): Promise<EvaluationBodyEntity> {
    const body =
      actor.role === Role.EVALUATION_BODY && actor.evaluationBodyId && isUuid(actor.evaluationBodyId)
        ? await this.bodies.findById(actor.evaluationBodyId, tx)
        : null;
    if (!body) throw forbidden(msg('certification.onlyAnEvaluationBodyAccount'));
    return body;
  }

  /** Bodies by id (for nested fields and other modules' checks). One query. */
  byIds(ids: readonly string[], tx?: EntityManager): Promise<(EvaluationBodyEntity | null)[]> {
    return inOrderOf(ids, (valid) => this.bodies.findByIds(valid, tx));
  }

  /** A municipal planner sees every filed body, a district planner those in its region, a body account itself. */
  async list(actor: Actor, filter: EvaluationBodyFilter, page: PageArgs): Promise<Connection<EvaluationBodyEntity>> {
    const query: EvaluationBodyQuery = {
      regionCode: filter.regionCode,
      kind: filter.kind,
      certificateKind: filter.certificateKind,
    };
    assertRegionFilterInScope(actor, filter.regionCode);
    if (actor.role === Role.DISTRICT_PLANNER) query.scopeRegionCode = actor.regionCode;
    if (actor.role === Role.EVALUATION_BODY) {
      query.scopeBodyId = actor.evaluationBodyId && isUuid(actor.evaluationBodyId) ? actor.evaluationBodyId : null;
    }
    return this.bodies.page(query, page);
  }

  async register(actor: Actor, input: RegisterEvaluationBodyInput): Promise<EvaluationBodyEntity> {
    return this.unitOfWork.run(actor, 'registerEvaluationBody', async (tx) => {
      const problems = new InputProblems();
      const name = input.name.trim();
      problems.check(
        name.length >= 1 && name.length <= MAX_NAME_LENGTH,
        'name',
        msg('certification.nameMustBeCharactersNot', { max: MAX_NAME_LENGTH }),
      );
      problems.check(isValidCreditCode(input.creditCode), 'creditCode', msg('certification.creditcodeIsNotAValid'));
      problems.check(await this.regions.isCountyLevelCode(input.regionCode, tx), 'regionCode', COUNTY_LEVEL_ONLY);
      const filingNumber = input.filingNumber.trim();
      problems.check(
        filingNumber.length >= 1 && filingNumber.length <= MAX_FILING_NUMBER_LENGTH,
        'filingNumber',
        msg('certification.filingnumberMustBeCharactersNot', { max: MAX_FILING_NUMBER_LENGTH }),
      );
      problems.check(isIsoDate(input.filedFrom), 'filedFrom', () =>
        dateProblem(msg('field.filedFrom'), input.filedFrom)!,
      );
      problems.check(
        !isIsoDate(input.filedFrom) || input.filedFrom >= EARLIEST_FILING_DATE,
        'filedFrom',
        msg('certification.filedfromMustNotBeBefore', { earliest: EARLIEST_FILING_DATE }),
      );
      problems.check(isIsoDate(input.filedTo), 'filedTo', () => dateProblem(msg('field.filedTo'), input.filedTo)!);
      problems.check(input.filedTo >= input.filedFrom, 'filedTo', msg('certification.filedtoMustNotBeBefore'));
      problems.throwIfAny();

      const creditCode = normalizeCreditCode(input.creditCode);
      if (await this.bodies.existsWithCreditCode(creditCode, tx)) {
        throw conflict(msg('certification.aBodyWithCreditCode', { creditCode }), 'creditCode');
      }
      if (await this.bodies.existsWithFilingNumber(filingNumber, tx)) {
        throw conflict(msg('certification.filingNumberIsAlreadyRegistered', { filingNumber }), 'filingNumber');
      }
      const body = await this.bodies.insert(
        {
          name,
          kind: input.kind,
          creditCode,
          regionCode: input.regionCode,
          filingNumber,
          filedFrom: input.filedFrom,
          filedTo: input.filedTo,
          certificateKinds: [...new Set(input.certificateKinds)],
          mayTrain: input.mayTrain ?? false,
        },
        tx,
      );
      return {
        result: body,
        recordType: 'EvaluationBody',
        recordId: body.id,
        summary: {
          after: {
            name,
            kind: body.kind,
            creditCode,
            regionCode: body.regionCode,
            filingNumber,
            filedFrom: body.filedFrom,
            filedTo: body.filedTo,
            certificateKinds: body.certificateKinds,
            mayTrain: body.mayTrain,
          },
        },
      };
    });
  }
}
