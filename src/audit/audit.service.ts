import { Injectable } from '@nestjs/common';
import { assertId } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { msg } from '../i18n/i18n.js';
import { AuditTrailReadModel } from './audit-trail.read-model.js';
import type { AuditEvent, AuditEventFilter } from './audit.model.js';

/** Reading the audit trail. Events are written by the unit of work (src/database/unit-of-work.ts), never here. */
@Injectable()
export class AuditService {
  constructor(private readonly trail: AuditTrailReadModel) {}

  list(filter: AuditEventFilter, page: PageArgs): Promise<Connection<AuditEvent>> {
    if (filter.actorId) assertId(filter.actorId, msg('thing.actor'));
    return this.trail.list(
      {
        ...filter,
        // Usernames are stored trimmed and in lower case.
        actorUsername: filter.actorUsername == null ? null : filter.actorUsername.trim().toLowerCase(),
      },
      page,
    );
  }
}
