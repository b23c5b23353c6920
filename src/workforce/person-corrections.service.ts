import { Injectable } from '@nestjs/common';
import { forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { maskPhone, PiiCipher } from '../common/pii.js';
import { type Actor, Role } from '../common/roles.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { PersonEntity } from './person.entity.js';
import { PeopleReadModel } from './people.read-model.js';
import { checkName, maskName, normalizeName, normalizePhone } from './persons.js';
import { PersonsRepository } from './persons.repository.js';
import type { CorrectPersonInput } from './workforce.model.js';
import { msg } from '../i18n/i18n.js';

const MAX_REASON_LENGTH = 500;

/** Corrects a person's name, phone or education (planners), with the reason audited and personal data masked. */
@Injectable()
export class PersonCorrectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly persons: PersonsRepository,
    private readonly people: PeopleReadModel,
    private readonly pii: PiiCipher,
  ) {}

  async correctPerson(actor: Actor, id: string, input: CorrectPersonInput, reason: string): Promise<PersonEntity> {
    assertId(id, msg('thing.person'));
    return this.unitOfWork.run(actor, 'correctPerson', async (tx) => {
      const person = await this.persons.lockById(id, tx);
      if (!person) throw notFound(msg('thing.person'));
      const mayCorrect =
        actor.role === Role.MUNICIPAL_PLANNER || (await this.people.hasVisibleEmployment(actor, id, tx));
      if (!mayCorrect) {
        throw forbidden(msg('workforce.aDistrictPlannerMayCorrect'));
      }

      const problems = new InputProblems();
      const trimmedReason = reason.trim();
      problems.check(
        trimmedReason.length >= 1 && trimmedReason.length <= MAX_REASON_LENGTH,
        'reason',
        msg('certification.reasonMustBeCharactersNot', { max: MAX_REASON_LENGTH }),
      );
      const changes: Partial<PersonEntity> = {};
      if (input.name !== undefined && input.name !== null) {
        const name = normalizeName(input.name);
        const problem = checkName(name);
        if (problem) problems.add('input.name', problem);
        else if (name !== person.name) changes.name = name;
      }
      if (input.phone !== undefined) {
        const blank = input.phone === null || input.phone.trim() === '';
        const phone = blank ? null : normalizePhone(input.phone!);
        if (!blank && !phone) {
          problems.add('input.phone', msg('timebank.phoneMustBeAMobile'));
        } else if (phone !== null || person.phoneMasked !== null) {
          changes.phoneEncrypted = phone ? this.pii.encrypt(phone) : null;
          changes.phoneMasked = phone ? maskPhone(phone) : null;
        }
      }
      if (input.education !== undefined && input.education !== person.education) {
        changes.education = input.education;
      }
      if (
        (input.name === undefined || input.name === null) &&
        input.phone === undefined &&
        input.education === undefined
      ) {
        problems.add('input', msg('workforce.nameAtLeastOneOf2'));
      }
      problems.throwIfAny();

      const shown = (p: Partial<PersonEntity>) => ({
        ...('name' in changes ? { name: p.name ? maskName(p.name) : null } : {}),
        ...('phoneMasked' in changes ? { phone: p.phoneMasked ?? null } : {}),
        ...('education' in changes ? { education: p.education ?? null } : {}),
      });
      const before = shown(person);
      if (Object.keys(changes).length > 0) {
        await this.persons.update(id, changes, tx);
        Object.assign(person, changes);
      }
      return {
        result: person,
        recordType: 'Person',
        recordId: id,
        summary: { reason: trimmedReason, before, after: shown(person) },
      };
    });
  }
}
