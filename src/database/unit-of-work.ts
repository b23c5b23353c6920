import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventsRepository } from '../audit/audit-events.repository.js';
import { currentRequestId } from '../common/request-tracking.js';
import type { Actor } from '../common/roles.js';

/** What a unit of work tells the audit trail about the record it changed. */
export interface AuditRecord<T> {
  result: T;
  recordType: string;
  recordId: string | null;
  /** Changed fields before/after; never raw personal data (mask or omit it). */
  summary?: Record<string, unknown>;
}

/** Who acted: a signed-in account, or (for sign-in and the command line) the account concerned or nobody. */
export type AuditActor = Pick<Actor, 'userId' | 'role'> | null;

/**
 * The unit of work: every write of the portal runs inside `run`, which opens one transaction, hands its manager
 * (`tx`) to the work, and writes the audit event inside the same transaction. If the work throws, both roll back,
 * so a rejected mutation leaves neither data nor an audit event behind. Every statement of the work must go through
 * repositories given `tx`.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditEvents: AuditEventsRepository,
  ) {}

  /** For the command line, outside Nest's container. */
  static of(dataSource: DataSource): UnitOfWork {
    return new UnitOfWork(dataSource, new AuditEventsRepository());
  }

  async run<T>(actor: AuditActor, operation: string, work: (tx: EntityManager) => Promise<AuditRecord<T>>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      const record = await work(tx);
      await this.auditEvents.insert(
        {
          actorId: actor?.userId ?? null,
          actorRole: actor?.role ?? null,
          operation,
          recordType: record.recordType,
          recordId: record.recordId,
          summary: record.summary ?? {},
          requestId: currentRequestId() ?? null,
        },
        tx,
      );
      return record.result;
    });
  }
}
