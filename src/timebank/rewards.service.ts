import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { conflict, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import type { RewardEntity } from './reward.entity.js';
import type { CreateRewardInput, UpdateRewardInput } from './reward.model.js';
import { RewardsRepository } from './rewards.repository.js';
import { MAX_TEXT } from './timebank-rules.js';
import { msg } from '../i18n/i18n.js';

/** The catalogue of rewards bought with POINTS: planners manage it, volunteers see what is on offer. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rewards: RewardsRepository,
  ) {}

  list(actor: Actor, page: PageArgs): Promise<Connection<RewardEntity>> {
    // Volunteers see what they can buy; planners manage the whole catalogue.
    return this.rewards.list(actor.role === Role.VOLUNTEER, page);
  }

  async create(actor: Actor, input: CreateRewardInput): Promise<RewardEntity> {
    const name = input.name.trim();
    const description = input.description?.trim() || null;
    const problems = new InputProblems();
    problems.check(name.length >= 1 && name.length <= 100, 'name', msg('planning.nameMustBeCharacters'));
    problems.check(
      !description || description.length <= MAX_TEXT,
      'description',
      msg('timebank.descriptionMustBeAtMost', { max: MAX_TEXT }),
    );
    this.checkNumbers(problems, input);
    problems.throwIfAny();
    return this.unitOfWork.run(actor, 'createReward', async (tx) => {
      if (await this.rewards.nameExists(name, tx)) throw conflict(msg('timebank.aRewardWithThisName'), 'name');
      const reward = await this.rewards.insert(
        { name, description, pointsCost: input.pointsCost, stock: input.stock, active: true },
        tx,
      );
      return {
        result: reward,
        recordType: 'Reward',
        recordId: reward.id,
        summary: { after: { name, pointsCost: reward.pointsCost, stock: reward.stock } },
      };
    });
  }

  async update(actor: Actor, input: UpdateRewardInput): Promise<RewardEntity> {
    const problems = new InputProblems();
    this.checkNumbers(problems, input);
    problems.throwIfAny();
    return this.unitOfWork.run(actor, 'updateReward', async (tx) => {
      assertId(input.id, msg('thing.reward'));
      const reward = await this.rewards.lockById(input.id, tx);
      if (!reward) throw notFound(msg('thing.reward'));
      const before = { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active };
      if (input.pointsCost != null) reward.pointsCost = input.pointsCost;
      if (input.stock != null) reward.stock = input.stock;
      if (input.active != null) reward.active = input.active;
      await this.rewards.update(
        reward.id,
        { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active },
        tx,
      );
      return {
        result: reward,
        recordType: 'Reward',
        recordId: reward.id,
        summary: { before, after: { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active } },
      };
    });
  }

  private checkNumbers(problems: InputProblems, input: { pointsCost?: number | null; stock?: number | null }) {
    if (input.pointsCost != null) {
      problems.check(
        Number.isInteger(input.pointsCost) && input.pointsCost >= 1 && input.pointsCost <= 1_000_000,
        'pointsCost',
        msg('timebank.pointscostMustBeAWhole'),
      );
    }
    if (input.stock != null) {
      problems.check(
        Number.isInteger(input.stock) && input.stock >= 0 && input.stock <= 1_000_000,
        'stock',
        msg('timebank.stockMustBeAWhole'),
      );
    }
  }

  /** Catalogue entries by id, for nested fields (every signed-in caller who sees a redemption may see its reward). */
  async byIds(ids: readonly string[]): Promise<(RewardEntity | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.rewards.findByIds(valid) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
