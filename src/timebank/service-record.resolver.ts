import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import {
  LogServiceInput,
  ServiceRecord,
  ServiceRecordConnection,
  ServiceRecordFilter,
} from './service-record.model.js';
import { ServiceRecordsService } from './service-records.service.js';
import { ServiceSite } from './service-site.model.js';
import { siteLoader, volunteerLoader } from './timebank.loaders.js';
import { Volunteer } from './volunteer.model.js';
import { VolunteersService } from './volunteers.service.js';

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  constructor(
    private readonly records: ServiceRecordsService,
    private readonly volunteers: VolunteersService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => ServiceRecord, {
    description:
      'A volunteer logs its own service (omit volunteerId) at a service site; an institution admin logs service ' +
      'at its institution for a volunteer. LOGGED until that institution verifies or rejects it.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  logService(@CurrentActor() actor: Actor, @Args('input') input: LogServiceInput) {
    return this.records.log(actor, input);
  }

  @Mutation(() => ServiceRecord, {
    description:
      'The admin of the institution where the service happened verifies it, once, and the credit is posted: ' +
      'the daily cap per service date, points, and the storage cap with the excess to the public pool.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  verifyService(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.records.verify(actor, id);
  }

  @Mutation(() => ServiceRecord, { description: 'Rejects a LOGGED record, once; nothing is credited.' })
  @Roles(Role.INSTITUTION_ADMIN)
  rejectService(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.records.reject(actor, id, reason);
  }

  @Query(() => ServiceRecordConnection, {
    description: 'A volunteer’s own records, or the records of service at an admin’s institution; latest first.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  serviceRecords(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ServiceRecordFilter, nullable: true }) filter: ServiceRecordFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.records.list(actor, filter ?? {}, page);
  }

  @ResolveField(() => Volunteer)
  volunteer(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    return volunteerLoader(ctx, this.volunteers).load(record.volunteerId);
  }

  @ResolveField(() => ServiceSite)
  institution(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    return siteLoader(ctx, this.institutions).load(record.institutionId);
  }

  @ResolveField(() => ID, { nullable: true })
  reversalJournalId(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    if (!record.journalId) return null;
    return ctx.loaders
      .get(
        'service-credit-reversal',
        () => new DataLoader<string, string | null>((ids) => this.records.reversalsOf(ids)),
      )
      .load(record.journalId);
  }
}
