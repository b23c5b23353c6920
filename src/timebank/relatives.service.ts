import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Actor } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId, parseResidentId } from '../common/validation/resident-id.js';
import { PiiCipher } from '../common/pii.js';
import { checkName, maskName, normalizeName, personColumns } from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import { CareRedemptionsRepository } from './care-redemptions.repository.js';
import { RelativeViewsReadModel } from './relative-views.read-model.js';
import type { RegisterRelativeInput, Relative } from './relative.model.js';
import { RelativesRepository } from './relatives.repository.js';
import { Relationship } from './timebank.enums.js';
import { ageOn, implausibleRelationship } from './timebank-rules.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

const MAX_RELATIVES = 20;

/** A relative as the time bank shows it, with its birth date and the volunteer account it has, if any. */
export type RelativeView = Relative & { birthDate: string; volunteerId: string | null };

/** A volunteer's direct relatives, to transfer TIME to or redeem care for. */
@Injectable()
export class RelativesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly limiter: RateLimiter,
    private readonly pii: PiiCipher,
    private readonly volunteers: VolunteersService,
    private readonly persons: PersonsService,
    private readonly relatives: RelativesRepository,
    private readonly relativeViews: RelativeViewsReadModel,
    private readonly careRedemptions: CareRedemptionsRepository,
  ) {}

  /**
   * Registers a direct relative of the calling volunteer. The ID number and name are kept on the relative, never
   * written to the registry, and the answer is the same whether or not the registry knows the person: a volunteer
   * can neither create nor claim a person, nor test what the registry holds. The relative "has an account" (and can
   * receive transfers) once a volunteer holds this ID number under this name. Rate-limited per account per day.
   * The same ID number again with the same name and relationship returns the stored relative; otherwise CONFLICT.
   */
  async register(actor: Actor, input: RegisterRelativeInput): Promise<Relative> {
    this.limiter.relativeRegistration(actor.userId);
    const problems = new InputProblems();
    const idNumber = normalizeResidentId(input.idNumber);
    problems.check(isValidResidentId(idNumber), 'idNumber', msg('timebank.idnumberIsNotAValid'));
    const name = normalizeName(input.name);
    const nameProblem = checkName(name);
    if (nameProblem) problems.add('name', nameProblem);
    problems.check(
      Object.values(Relationship).includes(input.relationship),
      'relationship',
      msg('timebank.relationshipIsNotAKnown'),
    );
    problems.throwIfAny();
    const ids = personColumns(this.pii, idNumber, null);

    return this.unitOfWork.run(actor, 'registerRelative', async (tx) => {
      const volunteer = await this.volunteers.lockOwn(actor, tx);
      const own = await this.persons.personIdentity(volunteer.personId, tx);
      if (own.hash === ids.idNumberHash) throw BadUserInputError.field('idNumber', msg('timebank.thatIsYourOwnID'));
      const implausible = implausibleRelationship(
        input.relationship,
        own.birthDate,
        parseResidentId(idNumber).birthDate,
        todayInShanghai(),
      );
      if (implausible) throw BadUserInputError.field('relationship', implausible);
      const stored = await this.relatives.findCurrentByIdNumberHash(volunteer.id, ids.idNumberHash, tx);
      let repeated = false;
      let relativeId: string;
      if (stored) {
        if (stored.relationship !== input.relationship || stored.name !== name) {
          throw conflict(
            msg('timebank.thisIDNumberIsAlready', { relationship: stored.relationship, name: stored.name }),
            stored.name !== name ? 'name' : 'relationship',
          );
        }
        repeated = true;
        relativeId = stored.id;
      } else {
        const count = await this.relatives.countCurrent(volunteer.id, tx);
        if (count >= MAX_RELATIVES) {
          throw BadUserInputError.field('idNumber', msg('timebank.atMostRelativesMayBe', { max: MAX_RELATIVES }));
        }
        const relative = await this.relatives.insert(
          {
            volunteerId: volunteer.id,
            idNumberHash: ids.idNumberHash,
            idNumberEncrypted: ids.idNumberEncrypted,
            idNumberMasked: ids.idNumberMasked,
            name,
            birthDate: parseResidentId(idNumber).birthDate,
            relationship: input.relationship,
          },
          tx,
        );
        relativeId = relative.id;
      }
      const [view] = await this.views(tx, volunteer.id, [relativeId]);
      return {
        result: view,
        recordType: 'Relative',
        recordId: relativeId,
        summary: { after: { relationship: input.relationship, name: maskName(name) }, repeated },
      };
    });
  }

  /**
   * A volunteer's relatives (or only `ids` among them), in registration order, each with the volunteer account it
   * has, if any: a volunteer whose person has the relative's ID number under the relative's name. One query.
   */
  async views(
    tx: EntityManager | undefined,
    volunteerId: string,
    ids: readonly string[] | null = null,
  ): Promise<RelativeView[]> {
    const rows = await this.relativeViews.listWithAccounts(volunteerId, ids ? ids.filter(isUuid) : null, tx);
    const today = todayInShanghai();
    return rows.map((r) => ({
      id: r.id,
      relationship: r.relationship,
      name: r.name,
      idNumberMasked: r.idNumberMasked,
      birthDate: r.birthDate,
      age: ageOn(r.birthDate, today),
      hasAccount: r.relativeVolunteerId !== null,
      volunteerId: r.relativeVolunteerId,
    }));
  }

  /**
   * Removes one of the caller's relatives: it is no longer offered for transfers or care, but redemptions and the
   * statement keep its name. Refused while care redeemed for it is PENDING. Another volunteer's relative, an unknown
   * id and one already removed are all NOT_FOUND.
   */
  async remove(actor: Actor, id: string): Promise<Relative> {
    return this.unitOfWork.run(actor, 'removeRelative', async (tx) => {
      assertId(id, msg('thing.relative'));
      const volunteer = await this.volunteers.own(actor, tx);
      // Locked, so that care redeemed for this relative at the same time (it takes a share lock) either comes
      // first and is seen below, or waits and then finds the relative gone.
      const relative = await this.relatives.lockCurrent(id, volunteer.id, tx);
      if (!relative) throw notFound(msg('thing.relative'));
      if (await this.careRedemptions.pendingForRelativeExists(id, tx)) {
        throw BadUserInputError.field('id', msg('timebank.careRedeemedForThisRelative'));
      }
      const [view] = await this.views(tx, volunteer.id, [id]);
      await this.relatives.markRemoved(id, new Date(), tx);
      return {
        result: view,
        recordType: 'Relative',
        recordId: id,
        summary: { before: { relationship: relative.relationship, name: maskName(relative.name) }, removed: true },
      };
    });
  }

  /**
   * Locks a relative of `volunteerId` against removal until the transaction ends (a share lock: other spending
   * for the same relative goes on); false when it is not (or no longer) one of theirs.
   */
  async hold(tx: EntityManager, volunteerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.relatives.shareLockCurrent(id, volunteerId, tx);
  }

  async of(actor: Actor): Promise<Relative[]> {
    const volunteer = await this.volunteers.own(actor);
    return this.views(undefined, volunteer.id);
  }
}
