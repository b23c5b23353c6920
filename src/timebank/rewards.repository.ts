import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { RewardEntity } from './reward.entity.js';

export type NewReward = Pick<RewardEntity, 'name' | 'description' | 'pointsCost' | 'stock' | 'active'>;

/** The only place the reward table (the catalogue) is read or written. */
@Injectable()
export class RewardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The catalogue by name (only what is on offer when `activeOnly`). */
  list(activeOnly: boolean, page: PageArgs): Promise<Connection<RewardEntity>> {
    const qb = this.dataSource.getRepository(RewardEntity).createQueryBuilder('w');
    if (activeOnly) qb.where('w.active');
    return paginate(qb, page, [
      { sql: 'w.name', value: (w) => w.name },
      { sql: 'w.id', value: (w) => w.id, kind: 'uuid' },
    ]);
  }

  /** Rewards with these ids (valid uuids only), in no particular order. */
  findByIds(ids: readonly string[]): Promise<RewardEntity[]> {
    return this.dataSource.getRepository(RewardEntity).findBy({ id: In([...ids]) });
  }

  nameExists(name: string, tx: EntityManager): Promise<boolean> {
    return tx.existsBy(RewardEntity, { name });
  }

  /** Inserts the reward and returns it with its generated id. */
  async insert(reward: NewReward, tx: EntityManager): Promise<RewardEntity> {
    const row = tx.create(RewardEntity, reward);
    await tx.insert(RewardEntity, row);
    return row;
  }

  /** The reward, locked until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<RewardEntity | null> {
    return tx.findOne(RewardEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    id: string,
    values: Partial<Pick<RewardEntity, 'pointsCost' | 'stock' | 'active'>>,
    tx: EntityManager,
  ): Promise<void> {
    await tx.update(RewardEntity, { id }, values);
  }

  /** Puts items back in stock (a reversed purchase). */
  async restock(id: string, quantity: number, tx: EntityManager): Promise<void> {
    await tx.query('UPDATE reward SET stock = stock + $2 WHERE id = $1', [id, quantity]);
  }
}
