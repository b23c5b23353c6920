import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { CareRedemptionEntity } from './care-redemption.entity.js';
import { RedemptionStatus } from './timebank.enums.js';
import { VolunteerEntity } from './volunteer.entity.js';

export type NewCareRedemption = Pick<
  CareRedemptionEntity,
  'volunteerId' | 'relativeId' | 'institutionId' | 'minutes' | 'status' | 'journalId'
>;

export type CareRedemptionDecision = Partial<
  Pick<CareRedemptionEntity, 'status' | 'refundJournalId' | 'cancelReason' | 'decidedBy' | 'decidedAt'>
>;

/** Whose redemptions a list shows: a volunteer's own (by account), or those of care at one institution. */
export type CareRedemptionScope = { userId: string } | { institutionId: string | null };

/**
 * The care_redemption table: writes, locks and the lists. Its API view, with the names of the people it is for, is
 * RedemptionViewsReadModel's.
 */
@Injectable()
export class CareRedemptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the redemption and returns it with its generated id. */
  async insert(redemption: NewCareRedemption, tx: EntityManager): Promise<CareRedemptionEntity> {
    const row = tx.create(CareRedemptionEntity, redemption);
    await tx.insert(CareRedemptionEntity, row);
    return row;
  }

  /** The redemption, locked until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<CareRedemptionEntity | null> {
    return tx.findOne(CareRedemptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateDecision(id: string, decision: CareRedemptionDecision, tx: EntityManager): Promise<void> {
    await tx.update(CareRedemptionEntity, { id }, decision);
  }

  /** Whether care redeemed for this relative is still PENDING. */
  pendingForRelativeExists(relativeId: string, tx: EntityManager): Promise<boolean> {
    return tx.existsBy(CareRedemptionEntity, { relativeId, status: RedemptionStatus.PENDING });
  }

  /** Redemptions in scope, newest first. */
  list(
    scope: CareRedemptionScope,
    status: RedemptionStatus | null,
    page: PageArgs,
  ): Promise<Connection<CareRedemptionEntity>> {
    const qb = this.dataSource.getRepository(CareRedemptionEntity).createQueryBuilder('r');
    if ('userId' in scope) {
      qb.innerJoin(VolunteerEntity, 'v', 'v.id = r.volunteer_id AND v.user_id = :userId', { userId: scope.userId });
    } else {
      qb.where('r.institution_id = :institutionId', { institutionId: scope.institutionId });
    }
    if (status) qb.andWhere('r.status = :status', { status });
    // The debit journal's id is unique and grows with time: newest first without a timestamp tie-break.
    return paginate(qb, page, [{ sql: 'r.journal_id', value: (r) => r.journalId, kind: 'bigint' }], 'DESC');
  }
}
