import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import type { Role } from '../common/roles.js';
import { UserEntity } from './user.entity.js';

/** The accounts' filter once checked and normalised by the service. */
export interface AccountQuery {
  role?: Role | null;
  regionCode?: string | null;
  institutionId?: string | null;
  active?: boolean;
  /** In lower case, as usernames are stored. */
  usernamePrefix?: string | null;
}

export type NewAccount = Pick<
  UserEntity,
  'username' | 'passwordHash' | 'role' | 'regionCode' | 'institutionId' | 'evaluationBodyId' | 'mustChangePassword'
>;

/** The only place the app_user table is read or written. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The guard's look-up of the caller (one primary-key read) when the account cache does not hold it. */
  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { id });
  }

  findByUsername(username: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { username });
  }

  /** The account, locked against other changes until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<UserEntity | null> {
    return tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  usernameExists(username: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(UserEntity, { username });
  }

  /** Inserts the account and returns it with its generated id. */
  async insert(account: NewAccount, tx: EntityManager): Promise<UserEntity> {
    const user = tx.create(UserEntity, account);
    await tx.insert(UserEntity, user);
    return user;
  }

  /** Writes the changed fields of a loaded (and locked) account. */
  async save(user: UserEntity, tx: EntityManager): Promise<void> {
    await tx.save(user);
  }

  /** Accounts ordered by username. */
  list(filter: AccountQuery, page: PageArgs): Promise<Connection<UserEntity>> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.regionCode) qb.andWhere('u.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.institutionId) qb.andWhere('u.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.usernamePrefix) {
      qb.andWhere('u.username LIKE :prefix', { prefix: `${escapeLike(filter.usernamePrefix)}%` });
    }
    return paginate(qb, page, [{ sql: 'u.username', value: (u) => u.username }]);
  }
}
