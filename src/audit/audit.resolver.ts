import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/auth.decorators.js';
import { PageArgs } from '../common/pagination.js';
import { Role } from '../common/roles.js';
import { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first. ADMIN only.' })
  @Roles(Role.ADMIN)
  auditEvents(
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter: AuditEventFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.audit.list(filter ?? {}, page);
  }
}
