import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { RewardRedemptionEntity } from './reward-redemption.entity.js';
import { VolunteerEntity } from './volunteer.entity.js';

export interface NewRewardRedemption {
  volunteerId: string;
  rewardId: string;
  quantity: number;
  points: number;
  journalId: string;
  code: string;
}

/**
 * The reward_redemption table: writes, locks and the buyer's list. Its API view, with the buyer's name, is
 * RedemptionViewsReadModel's.
 */
@Injectable()
export class RewardRedemptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the redemption unless its code is taken; its id, or null on a clash of codes. */
  async insertUnlessCodeTaken(r: NewRewardRedemption, tx: EntityManager): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO reward_redemption (volunteer_id, reward_id, quantity, points, journal_id, code)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [r.volunteerId, r.rewardId, r.quantity, r.points, r.journalId, r.code],
    );
    return rows.length === 1 ? rows[0].id : null;
  }

  /** The redemption with this collection code, locked until the transaction ends. */
  lockByCode(code: string, tx: EntityManager): Promise<RewardRedemptionEntity | null> {
    return tx.findOne(RewardRedemptionEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** The redemption a REWARD journal paid for, locked until the transaction ends. */
  lockByJournal(journalId: string, tx: EntityManager): Promise<RewardRedemptionEntity | null> {
    return tx.findOne(RewardRedemptionEntity, { where: { journalId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    id: string,
    values: Partial<Pick<RewardRedemptionEntity, 'status' | 'institutionId' | 'collectedBy' | 'collectedAt'>>,
    tx: EntityManager,
  ): Promise<void> {
    await tx.update(RewardRedemptionEntity, { id }, values);
  }

  /** An account's own redemptions, newest first. */
  listOfUser(userId: string, page: PageArgs): Promise<Connection<RewardRedemptionEntity>> {
    const qb = this.dataSource
      .getRepository(RewardRedemptionEntity)
      .createQueryBuilder('r')
      .innerJoin(VolunteerEntity, 'v', 'v.id = r.volunteer_id AND v.user_id = :userId', { userId });
    return paginate(qb, page, [{ sql: 'r.journal_id', value: (r) => r.journalId, kind: 'bigint' }], 'DESC');
  }
}
