import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

export type NewAuditEvent = Pick<
  AuditEventEntity,
  'actorId' | 'actorRole' | 'operation' | 'recordType' | 'recordId' | 'summary' | 'requestId'
>;

/** Writes the audit_event table (for the unit of work); the trail is read by AuditTrailReadModel. */
@Injectable()
export class AuditEventsRepository {
  /** Written inside the unit of work's transaction only. */
  async insert(event: NewAuditEvent, tx: EntityManager): Promise<void> {
    await tx.insert(AuditEventEntity, { ...event, summary: event.summary as object });
  }
}
