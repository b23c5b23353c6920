import { Global, Module } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditEventsRepository } from './audit-events.repository.js';
import { AuditTrailReadModel } from './audit-trail.read-model.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** Global: every domain module runs its writes through the unit of work, which writes the audit event. */
@Global()
@Module({
  providers: [AuditEventsRepository, AuditTrailReadModel, UnitOfWork, AuditService, AuditResolver],
  exports: [UnitOfWork],
})
export class AuditModule {}
