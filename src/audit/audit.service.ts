import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertId } from '../common/ids.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { currentRequestId } from '../common/request-context.js';
import type { Actor } from '../common/roles.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEvent, AuditEventFilter } from './audit.model.js';
import { msg } from '../i18n/i18n.js';

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

  /** The trail, newest first, each event with its actor's username (read in the same statement). */
  async list(filter: AuditEventFilter, page: PageArgs): Promise<Connection<AuditEvent>> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      // The accounts' table is read by name: the auth module builds on this one, not the other way round.
      .addSelect('(SELECT u.username FROM app_user u WHERE u.id = e.actor_id)', 'actor_username');
    if (filter.operation) qb.andWhere('e.operation = :operation', { operation: filter.operation });
    if (filter.actorId) {
      assertId(filter.actorId, msg('thing.actor'));
      qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    }
    if (filter.actorUsername != null) {
      // Usernames are stored trimmed and in lower case; an unknown one simply matches no event.
      const username = filter.actorUsername.trim().toLowerCase();
      qb.andWhere('e.actor_id = (SELECT id FROM app_user WHERE username = :actorUsername)', {
        actorUsername: username,
      });
    }
    if (filter.recordType) qb.andWhere('e.record_type = :recordType', { recordType: filter.recordType });
    if (filter.recordId) qb.andWhere('e.record_id = :recordId', { recordId: filter.recordId });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    // Newest first; ids are monotonic, so the id alone is a stable key.
    const found = await paginate(qb, page, [{ sql: 'e.id', value: (e) => e.id, kind: 'bigint' }], 'DESC');
    return {
      ...found,
      edges: found.edges.map((edge, i) => ({
        cursor: edge.cursor,
        node: { ...edge.node, actorUsername: (found.raw[i].actor_username as string | null) ?? null },
      })),
    };
  }
}
