import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { currentRequestId } from '../common/request-context.js';
import type { Actor } from '../common/roles.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventFilter } from './audit.model.js';

/** What a mutation tells the audit trail about the record it changed. */
export interface AuditRecord<T> {
  result: T;
  recordType: string;
  recordId: string | null;
  /** Changed fields before/after; never raw personal data (mask or omit it). */
  summary?: Record<string, unknown>;
}

/** Who acted: a signed-in account, or (for login) the account that signed in. */
export type AuditActor = Pick<Actor, 'userId' | 'role'> | null;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs one mutation: its work and its audit event in one transaction. If the work throws, both roll back, so a
   * rejected mutation leaves neither data nor an audit event behind. Every query of the work must use `em`.
   */
  async mutation<T>(
    actor: AuditActor,
    operation: string,
    work: (em: EntityManager) => Promise<AuditRecord<T>>,
  ): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const record = await work(em);
      await em.insert(AuditEventEntity, {
        actorId: actor?.userId ?? null,
        actorRole: actor?.role ?? null,
        operation,
        recordType: record.recordType,
        recordId: record.recordId,
        summary: (record.summary ?? {}) as object,
        requestId: currentRequestId() ?? null,
      });
      return record.result;
    });
  }

  async list(filter: AuditEventFilter, page: PageArgs): Promise<Connection<AuditEventEntity>> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filter.operation) qb.andWhere('e.operation = :operation', { operation: filter.operation });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.recordType) qb.andWhere('e.record_type = :recordType', { recordType: filter.recordType });
    if (filter.recordId) qb.andWhere('e.record_id = :recordId', { recordId: filter.recordId });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    // Newest first; ids are monotonic, so the id alone is a stable key.
    return paginate(qb, page, [{ sql: 'e.id', value: (e) => e.id, kind: 'bigint' }], 'DESC');
  }
}
