import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { isIsoDate, period, todayInShanghai, dateProblem } from '../common/dates.js';
import { conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { Actor } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import type { EmploymentEntity } from './employment.entity.js';
import type { CorrectEmploymentInput } from './employment-corrections.model.js';
import { EmploymentsRepository } from './employments.repository.js';
import { latestEndDate, startDateProblem } from './persons.js';
import { PersonsRepository } from './persons.repository.js';
import { msg } from '../i18n/i18n.js';

const MAX_REASON_LENGTH = 500;
/** Later than any real date, for comparing open-ended employments. */
const OPEN_END = '9999-12-31';

/** The fields a correction may change, as the audit trail shows them before and after. */
const dates = (e: Pick<EmploymentEntity, 'startDate' | 'endDate' | 'endReason'>) => ({
  startDate: e.startDate,
  endDate: e.endDate,
  endReason: e.endReason,
});

/**
 * Corrects an employment's dates and end reason (a wrong end date, a reopened job), with the same checks as
 * registration: dates in range, and no two jobs of one person in one occupation at one institution at once.
 */
@Injectable()
export class EmploymentCorrectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly employments: EmploymentsRepository,
    private readonly persons: PersonsRepository,
    private readonly institutions: InstitutionsService,
  ) {}

  async correct(actor: Actor, id: string, input: CorrectEmploymentInput, reason: string): Promise<EmploymentEntity> {
    assertId(id, msg('thing.employment'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'correctEmployment', async (tx) => {
      const employment = await this.employments.lockById(id, tx);
      if (!employment) throw notFound(msg('thing.employment'));
      const [institution] = await this.institutions.findByIds([employment.institutionId], tx);
      if (!institution || !this.institutions.canSee(actor, institution)) {
        throw forbidden(msg('workforce.youMayCorrectEmploymentsOnly'));
      }
      // Registrations lock the person too: a registration and a correction of one person take turns, so the overlap
      // check below sees the other's job.
      const person = await this.persons.lockById(employment.personId, tx);
      if (!person) throw new Error('employment without its person');

      const problems = new InputProblems();
      const trimmedReason = reason.trim();
      problems.check(
        trimmedReason.length >= 1 && trimmedReason.length <= MAX_REASON_LENGTH,
        'reason',
        msg('certification.reasonMustBeCharactersNot', { max: MAX_REASON_LENGTH }),
      );
      if (input.startDate === undefined && input.endDate === undefined && input.endReason === undefined) {
        problems.add('input', msg('workforce.nameAtLeastOneOf'));
      }

      const startDate = input.startDate !== undefined ? input.startDate : employment.startDate;
      if (input.startDate !== undefined) {
        const problem = startDateProblem(input.startDate, person.birthDate, today);
        if (problem) problems.add('input.startDate', problem);
      }
      const endDate = input.endDate !== undefined ? input.endDate : employment.endDate;
      // Reopening takes the end reason away with the end date.
      let endReason = input.endReason !== undefined ? input.endReason : employment.endReason;
      if (endDate === null) {
        if (input.endReason !== undefined && input.endReason !== null) {
          problems.add('input.endReason', msg('workforce.anEmploymentWithoutAnEnd'));
        }
        endReason = null;
      } else {
        if (!isIsoDate(endDate)) problems.add('input.endDate', dateProblem(msg('field.endDate'), endDate)!);
        else if (isIsoDate(startDate) && endDate < startDate) {
          problems.add('input.endDate', msg('workforce.enddateMustNotBeBefore', { startDate }));
        } else if (input.endDate !== undefined && endDate > latestEndDate(today)) {
          problems.add('input.endDate', msg('workforce.enddateMustNotBeMore'));
        }
        if (endReason === null) problems.add('input.endReason', msg('workforce.anEmploymentWithAnEnd'));
      }
      problems.throwIfAny();

      // The same occupation at the same institution: never two of the person's jobs at once, nor two starting on one
      // day (registration's rule).
      const sameJob = await this.employments.findSameJob(
        employment.personId,
        employment.institutionId,
        employment.occupation,
        tx,
      );
      const clash = sameJob.find(
        (e) =>
          e.id !== employment.id &&
          (e.startDate === startDate || (e.startDate < (endDate ?? OPEN_END) && startDate < (e.endDate ?? OPEN_END))),
      );
      if (clash) {
        throw conflict(
          msg('workforce.alsoEmployedThereInThis', { period: period(clash.startDate, clash.endDate) }),
          input.endDate !== undefined ? 'input.endDate' : 'input.startDate',
        );
      }

      const before = dates(employment);
      const after = { startDate, endDate, endReason };
      await this.employments.update(id, after, tx);
      Object.assign(employment, after);
      return {
        result: employment,
        recordType: 'Employment',
        recordId: id,
        summary: { reason: trimmedReason, before, after: dates(employment) },
      };
    });
  }
}
