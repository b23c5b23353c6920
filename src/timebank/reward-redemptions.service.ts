import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadUserInputError, conflict, InputProblems, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import type { Actor } from '../common/roles.js';
import type { Journal } from './journal.model.js';
import {
  insufficientBalance,
  journalView,
  LedgerService,
  movement,
  type PostedJournal,
  systemAccount,
  volunteerAccount,
} from './ledger.service.js';
import { RedemptionViewsReadModel } from './redemption-views.read-model.js';
import type { RedeemPointsInput, RewardRedemption } from './reward-redemption.model.js';
import { RewardRedemptionsRepository } from './reward-redemptions.repository.js';
import { RewardsRepository } from './rewards.repository.js';
import { Currency, EntryKind, JournalKind, RewardRedemptionStatus, SystemAccount } from './timebank.enums.js';
import { checkKey, normalizeRewardCode, requestHash, rewardCode } from './timebank-rules.js';
import { inOrder, pageOfViews } from './views-in-order.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

const MAX_REWARD_QUANTITY = 100;

/**
 * Rewards bought with POINTS: the purchase (one journal, stock taken atomically), the collection against a code at
 * an institution, and what a reversed purchase undoes.
 */
@Injectable()
export class RewardRedemptionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
    private readonly rewards: RewardsRepository,
    private readonly redemptions: RewardRedemptionsRepository,
    private readonly redemptionViews: RedemptionViewsReadModel,
  ) {}

  async redeemPoints(actor: Actor, input: RedeemPointsInput): Promise<Journal> {
    const problems = new InputProblems();
    problems.check(
      Number.isInteger(input.quantity) && input.quantity >= 1 && input.quantity <= MAX_REWARD_QUANTITY,
      'quantity',
      msg('timebank.quantityMustBeAWhole', { max: MAX_REWARD_QUANTITY }),
    );
    checkKey(problems, input.idempotencyKey);
    problems.throwIfAny();
    const hash = requestHash('redeemPoints', { ...input });

    return this.unitOfWork.run(actor, 'redeemPoints', async (tx) => {
      const volunteer = await this.volunteers.own(actor, tx);
      const retry = await this.ledger.findRetry(tx, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.ledger.replay(tx, retry.id, 'Journal');
      if (!isUuid(input.rewardId)) throw notFound(msg('thing.reward'));
      const locks = await this.ledger.lockVolunteers(tx, [volunteer.id]);
      // The reward row is locked after the accounts (the order reversals use too), so its price, availability and
      // stock are the ones this purchase pays and takes, even with an updateReward or another purchase in between.
      const reward = await this.rewards.lockById(input.rewardId, tx);
      if (!reward || !reward.active) throw notFound(msg('thing.reward'));
      const cost = reward.pointsCost * input.quantity;
      const points = locks.balance(volunteer.id, Currency.POINTS);
      if (points < cost) throw insufficientBalance(msg('timebank.notEnoughPointsNeededThe', { cost, points }));
      if (reward.stock < input.quantity) {
        throw BadUserInputError.field(
          'quantity',
          reward.stock === 0 ? msg('timebank.outOfStock') : msg('timebank.outOfStockLeft', { left: reward.stock }),
        );
      }
      await this.rewards.update(reward.id, { stock: reward.stock - input.quantity }, tx);
      const journal = await this.ledger.post(
        tx,
        locks,
        {
          kind: JournalKind.REWARD,
          actorId: actor.userId,
          note: null,
          idempotency: { key: input.idempotencyKey, hash },
          rewardId: reward.id,
          rewardQuantity: input.quantity,
        },
        movement(
          volunteerAccount(volunteer.id, Currency.POINTS),
          systemAccount(SystemAccount.REWARDS, Currency.POINTS),
          cost,
          EntryKind.REWARD,
        ),
      );
      const redemption = await this.open(tx, {
        volunteerId: volunteer.id,
        rewardId: reward.id,
        quantity: input.quantity,
        points: cost,
        journalId: journal.id,
      });
      return {
        result: journalView(journal),
        recordType: 'Journal',
        recordId: journal.id,
        summary: { rewardId: reward.id, quantity: input.quantity, points: cost, rewardRedemptionId: redemption },
      };
    });
  }

  /** The redemption a REWARD journal opens, with a fresh collection code (a clash, rare, draws another). */
  private async open(
    tx: EntityManager,
    r: { volunteerId: string; rewardId: string; quantity: number; points: number; journalId: string },
  ): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = await this.redemptions.insertUnlessCodeTaken({ ...r, code: rewardCode() }, tx);
      if (id !== null) return id;
    }
    throw new Error('No free reward collection code after 10 draws');
  }

  /**
   * An institution admin hands a reward over against the code the volunteer shows, once. An unknown or malformed
   * code is NOT_FOUND; one already collected or cancelled is a CONFLICT.
   */
  async collect(actor: Actor, code: string): Promise<RewardRedemption> {
    return this.unitOfWork.run(actor, 'collectReward', async (tx) => {
      const normalized = normalizeRewardCode(code);
      const redemption = normalized ? await this.redemptions.lockByCode(normalized, tx) : null;
      if (!redemption) throw notFound(msg('thing.rewardRedemption'));
      if (redemption.status !== RewardRedemptionStatus.PENDING) {
        throw conflict(msg('timebank.thisRewardIsAlready', { status: redemption.status }), 'code');
      }
      await this.redemptions.update(
        redemption.id,
        {
          status: RewardRedemptionStatus.COLLECTED,
          institutionId: actor.institutionId,
          collectedBy: actor.userId,
          collectedAt: new Date(),
        },
        tx,
      );
      const [view] = await this.views(tx, [redemption.id]);
      return {
        result: view,
        recordType: 'RewardRedemption',
        recordId: redemption.id,
        summary: { after: { status: view.status }, institutionId: actor.institutionId, journalId: view.journalId },
      };
    });
  }

  /**
   * What reversing a journal undoes here, inside the reversal (after the accounts are locked): a REWARD purchase's
   * redemption is CANCELLED (refused once collected: a reward handed over cannot be bought back), and the items go
   * back in stock.
   */
  async undoPurchase(tx: EntityManager, journal: PostedJournal): Promise<void> {
    if (journal.kind === JournalKind.REWARD) {
      // Locked after the accounts, like the reward row.
      const redemption = await this.redemptions.lockByJournal(journal.id, tx);
      if (redemption?.status === RewardRedemptionStatus.COLLECTED) {
        throw BadUserInputError.field('id', msg('timebank.thisRewardWasAlreadyCollected'));
      }
      if (redemption) {
        await this.redemptions.update(redemption.id, { status: RewardRedemptionStatus.CANCELLED }, tx);
      }
    }
    if (journal.rewardId && journal.rewardQuantity) {
      await this.rewards.restock(journal.rewardId, journal.rewardQuantity, tx);
    }
  }

  private async views(tx: EntityManager | undefined, ids: readonly string[]): Promise<RewardRedemption[]> {
    return inOrder(ids, await this.redemptionViews.rewardViews(ids, tx));
  }

  /** The caller's own reward redemptions, newest first. */
  async mine(actor: Actor, page: PageArgs): Promise<Connection<RewardRedemption>> {
    const found = await this.redemptions.listOfUser(actor.userId, page);
    return pageOfViews(found, (ids) => this.views(undefined, ids));
  }
}
