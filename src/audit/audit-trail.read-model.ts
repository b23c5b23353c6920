import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEvent } from './audit.model.js';

/** The audit trail's filter once checked and normalised by the service. */
export interface AuditEventQuery {
  operation?: string | null;
  actorId?: string | null;
  /** Trimmed and in lower case, as usernames are stored. */
  actorUsername?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The audit trail as admins read it: events with their actor's username, read from the accounts' table by name in
 * the same statement (the auth module builds on this one, not the other way round).
 */
@Injectable()
export class AuditTrailReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The trail, newest first, each event with its actor's username (read in the same statement). */
  async list(filter: AuditEventQuery, page: PageArgs): Promise<Connection<AuditEvent>> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      // The accounts' table is read by name: the auth module builds on this one, not the other way round.
      .addSelect('(SELECT u.username FROM app_user u WHERE u.id = e.actor_id)', 'actor_username');
    if (filter.operation) qb.andWhere('e.operation = :operation', { operation: filter.operation });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.actorUsername != null) {
      // An unknown username simply matches no event.
      qb.andWhere('e.actor_id = (SELECT id FROM app_user WHERE username = :actorUsername)', {
        actorUsername: filter.actorUsername,
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
