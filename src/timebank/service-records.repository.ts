import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { ServiceRecordEntity } from './service-record.entity.js';
import type { ServiceStatus } from './timebank.enums.js';
import { VolunteerEntity } from './volunteer.entity.js';

export type NewServiceRecord = Pick<
  ServiceRecordEntity,
  'volunteerId' | 'institutionId' | 'category' | 'serviceDate' | 'minutes' | 'note' | 'status' | 'loggedBy'
>;

export type ServiceRecordDecision = Partial<
  Pick<
    ServiceRecordEntity,
    | 'status'
    | 'creditedMinutes'
    | 'uncreditedMinutes'
    | 'pointsAwarded'
    | 'journalId'
    | 'rejectReason'
    | 'decidedBy'
    | 'decidedAt'
  >
>;

/** Whose records a list shows: a volunteer's own (by account), or those of service at one institution. */
export type ServiceRecordScope =
  { userId: string } | { institutionId: string | null; volunteerId: string | null | undefined };

/** The only place the service_record table is read or written. */
@Injectable()
export class ServiceRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the record and returns it with its generated id and timestamps. */
  async insert(record: NewServiceRecord, tx: EntityManager): Promise<ServiceRecordEntity> {
    const row = tx.create(ServiceRecordEntity, record);
    await tx.insert(ServiceRecordEntity, row);
    return row;
  }

  /** The record, locked until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<ServiceRecordEntity | null> {
    return tx.findOne(ServiceRecordEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateDecision(id: string, decision: ServiceRecordDecision, tx: EntityManager): Promise<void> {
    await tx.update(ServiceRecordEntity, { id }, decision);
  }

  /** Service minutes already counted for a volunteer on a service date: verified, and credits not reversed. */
  async countedMinutesOn(volunteerId: string, serviceDate: string, tx: EntityManager): Promise<number> {
    const [{ counted }]: { counted: number }[] = await tx.query(
      `SELECT coalesce(sum(s.minutes - s.uncredited_minutes), 0)::int AS counted
       FROM service_record s
       WHERE s.volunteer_id = $1 AND s.service_date = $2 AND s.status = 'VERIFIED'
         AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = s.journal_id)`,
      [volunteerId, serviceDate],
    );
    return counted;
  }

  /** Records in scope, latest service first. */
  list(
    scope: ServiceRecordScope,
    status: ServiceStatus | null | undefined,
    page: PageArgs,
  ): Promise<Connection<ServiceRecordEntity>> {
    const qb = this.dataSource.getRepository(ServiceRecordEntity).createQueryBuilder('s');
    if ('userId' in scope) {
      qb.innerJoin(VolunteerEntity, 'v', 'v.id = s.volunteer_id AND v.user_id = :userId', { userId: scope.userId });
    } else {
      qb.where('s.institution_id = :institutionId', { institutionId: scope.institutionId });
      if (scope.volunteerId) qb.andWhere('s.volunteer_id = :volunteerId', { volunteerId: scope.volunteerId });
    }
    if (status) qb.andWhere('s.status = :status', { status });
    return paginate(
      qb,
      page,
      [
        { sql: 's.service_date', value: (s) => s.serviceDate },
        { sql: 's.id', value: (s) => s.id, kind: 'uuid' },
      ],
      'DESC',
    );
  }

  /** The reversals of these crediting journals: (reversal id, reversed id) pairs. One query. */
  reversalsOf(journalIds: readonly string[]): Promise<{ id: string; reverses: string }[]> {
    return this.dataSource.query(
      'SELECT id, reverses_journal_id AS reverses FROM journal WHERE reverses_journal_id = ANY($1::bigint[])',
      [journalIds],
    );
  }
}
