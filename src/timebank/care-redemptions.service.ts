import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import type { CareRedemptionEntity } from './care-redemption.entity.js';
import type { CareRedemption, RedeemTimeInput } from './care-redemption.model.js';
import { CareRedemptionsRepository } from './care-redemptions.repository.js';
import { LedgerService, movement, systemAccount, volunteerAccount } from './ledger.service.js';
import { RedemptionViewsReadModel } from './redemption-views.read-model.js';
import { RelativesService } from './relatives.service.js';
import { EntryKind, JournalKind, RedemptionStatus, SystemAccount } from './timebank.enums.js';
import { ageOn, checkKey, checkMinutes, requestHash, requiredReason } from './timebank-rules.js';
import { inOrder, pageOfViews } from './views-in-order.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

/**
 * Care paid for with TIME: a volunteer redeems (debited at once, PENDING), and the institution giving the care
 * confirms it or cancels it (refunded by a journal).
 */
@Injectable()
export class CareRedemptionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly institutions: InstitutionsService,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
    private readonly relatives: RelativesService,
    private readonly redemptions: CareRedemptionsRepository,
    private readonly redemptionViews: RedemptionViewsReadModel,
  ) {}

  async redeemTime(actor: Actor, input: RedeemTimeInput): Promise<CareRedemption> {
    const problems = new InputProblems();
    checkMinutes(problems, input.minutes);
    checkKey(problems, input.idempotencyKey);
    problems.throwIfAny();
    const hash = requestHash('redeemTime', { ...input, beneficiaryRelativeId: input.beneficiaryRelativeId ?? null });
    const rules = this.config.timeBank;

    return this.unitOfWork.run(actor, 'redeemTime', async (tx) => {
      const volunteer = await this.volunteers.own(actor, tx);
      const retry = await this.ledger.findRetry(tx, actor.userId, input.idempotencyKey, hash);
      if (retry) {
        const [view] = await this.redemptionViews.careViewsByJournal(retry.id, tx);
        return { result: view, recordType: 'CareRedemption', recordId: view.id, summary: { repeated: true } };
      }
      if (!isUuid(input.institutionId) || !(await this.institutions.exists(input.institutionId, tx))) {
        throw notFound(msg('thing.serviceSite'));
      }
      const today = todayInShanghai();
      let relativeId: string | null = null;
      if (input.beneficiaryRelativeId) {
        // Held until the redemption is written, so that the relative cannot be removed in between.
        if (!(await this.relatives.hold(tx, volunteer.id, input.beneficiaryRelativeId))) {
          throw notFound(msg('thing.relative'));
        }
        const [relative] = await this.relatives.views(tx, volunteer.id, [input.beneficiaryRelativeId]);
        if (relative.age < rules.redeemMinAge) {
          throw BadUserInputError.field(
            'beneficiaryRelativeId',
            msg('timebank.carePaidInTimeIs', { redeemMinAge: rules.redeemMinAge, age: relative.age }),
          );
        }
        relativeId = relative.id;
      } else {
        const [self] = await this.volunteers.views(tx, [volunteer.id]);
        const age = ageOn(self!.birthDate, today);
        if (age < rules.redeemMinAge) {
          throw BadUserInputError.field(
            'beneficiaryRelativeId',
            msg('timebank.carePaidInTimeIs2', { redeemMinAge: rules.redeemMinAge, age }),
          );
        }
      }
      const locks = await this.ledger.lockVolunteers(tx, [volunteer.id]);
      const journal = await this.ledger.post(
        tx,
        locks,
        {
          kind: JournalKind.REDEMPTION,
          actorId: actor.userId,
          note: null,
          idempotency: { key: input.idempotencyKey, hash },
        },
        movement(
          volunteerAccount(volunteer.id),
          systemAccount(SystemAccount.REDEMPTIONS),
          input.minutes,
          EntryKind.REDEMPTION,
        ),
      );
      const redemption = await this.redemptions.insert(
        {
          volunteerId: volunteer.id,
          relativeId,
          institutionId: input.institutionId,
          minutes: input.minutes,
          status: RedemptionStatus.PENDING,
          journalId: journal.id,
        },
        tx,
      );
      const [view] = await this.views(tx, [redemption.id]);
      return {
        result: view,
        recordType: 'CareRedemption',
        recordId: redemption.id,
        summary: {
          minutes: input.minutes,
          institutionId: input.institutionId,
          forRelative: relativeId !== null,
          journalId: journal.id,
        },
      };
    });
  }

  async confirm(actor: Actor, id: string): Promise<CareRedemption> {
    return this.unitOfWork.run(actor, 'confirmCareRedemption', async (tx) => {
      const redemption = await this.lockPending(tx, actor, id);
      await this.redemptions.updateDecision(
        id,
        { status: RedemptionStatus.COMPLETED, decidedBy: actor.userId, decidedAt: new Date() },
        tx,
      );
      const [view] = await this.views(tx, [redemption.id]);
      return { result: view, recordType: 'CareRedemption', recordId: id, summary: { after: { status: view.status } } };
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<CareRedemption> {
    const why = requiredReason(reason);
    return this.unitOfWork.run(actor, 'cancelCareRedemption', async (tx) => {
      const redemption = await this.lockPending(tx, actor, id);
      const locks = await this.ledger.lockVolunteers(tx, [redemption.volunteerId]);
      // A refund restores what was debited, even above the storage cap: it is the volunteer's own time coming back.
      const refund = await this.ledger.post(
        tx,
        locks,
        { kind: JournalKind.REDEMPTION_REFUND, actorId: actor.userId, note: why },
        movement(
          systemAccount(SystemAccount.REDEMPTIONS),
          volunteerAccount(redemption.volunteerId),
          redemption.minutes,
          EntryKind.REDEMPTION_REFUND,
        ),
      );
      await this.redemptions.updateDecision(
        id,
        {
          status: RedemptionStatus.CANCELLED,
          refundJournalId: refund.id,
          cancelReason: why,
          decidedBy: actor.userId,
          decidedAt: new Date(),
        },
        tx,
      );
      const [view] = await this.views(tx, [id]);
      return {
        result: view,
        recordType: 'CareRedemption',
        recordId: id,
        summary: { after: { status: view.status }, reason: why, refundJournalId: refund.id },
      };
    });
  }

  /** The redemption, locked; only the institution giving the care decides, and only while it is PENDING. */
  private async lockPending(tx: EntityManager, actor: Actor, id: string): Promise<CareRedemptionEntity> {
    assertId(id, msg('thing.careRedemption'));
    const redemption = await this.redemptions.lockById(id, tx);
    if (!redemption) throw notFound(msg('thing.careRedemption'));
    if (redemption.institutionId !== actor.institutionId)
      throw forbidden(msg('timebank.careRedeemedAtAnotherInstitution'));
    if (redemption.status !== RedemptionStatus.PENDING) {
      throw conflict(msg('timebank.thisCareRedemptionIsAlready', { status: redemption.status }), 'id');
    }
    return redemption;
  }

  /** The API's view of these redemptions, in the order of `ids` (unknown ones left out). One query. */
  private async views(tx: EntityManager | undefined, ids: readonly string[]): Promise<CareRedemption[]> {
    return inOrder(ids, await this.redemptionViews.careViews(ids, tx));
  }

  /** A volunteer's own redemptions, or an institution admin's redemptions of care there; newest first. */
  async list(actor: Actor, status: RedemptionStatus | null, page: PageArgs): Promise<Connection<CareRedemption>> {
    const found = await this.redemptions.list(
      actor.role === Role.VOLUNTEER ? { userId: actor.userId } : { institutionId: actor.institutionId },
      status,
      page,
    );
    return pageOfViews(found, (ids) => this.views(undefined, ids));
  }
}
