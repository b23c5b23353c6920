import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { clientKey, CurrentActor, PublicOrSignedIn, Roles } from '../auth/auth.decorators.js';
import { todayInShanghai } from '../common/dates.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { ServiceSiteConnection } from './service-site.model.js';
import { ageOn } from './timebank-rules.js';
import {
  RegisterVolunteerInput,
  Volunteer,
  VolunteerFilter,
  VolunteerPerson,
  VolunteerSummaryConnection,
} from './volunteer.model.js';
import { type VolunteerView, VolunteersService } from './volunteers.service.js';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  constructor(private readonly volunteers: VolunteersService) {}

  @Mutation(() => Volunteer, {
    description:
      'Volunteer sign-up. Public (rate-limited per client): any mismatch or duplicate gets one generic ' +
      'BAD_USER_INPUT. An institution admin (with its token) may sign someone up on their behalf: phone optional, ' +
      'region defaulting to the institution’s, and specific errors. Sign in afterwards with `login`.',
  })
  @PublicOrSignedIn()
  registerVolunteer(
    @CurrentActor() actor: Actor | undefined,
    @Args('input') input: RegisterVolunteerInput,
    @Context() ctx: GraphQLContext,
  ) {
    return this.volunteers.register(actor ?? null, input, clientKey(ctx.req));
  }

  @ResolveField(() => VolunteerPerson)
  person(@Parent() volunteer: VolunteerView): VolunteerPerson {
    return {
      id: volunteer.personId,
      name: volunteer.name,
      idNumberMasked: volunteer.idNumberMasked,
      birthDate: volunteer.birthDate,
      age: ageOn(volunteer.birthDate, todayInShanghai()),
    };
  }

  @Query(() => VolunteerSummaryConnection, {
    name: 'volunteers',
    description:
      'Volunteers by name, for planners (a district planner: those living in its region): who they are, to grant ' +
      'from the pool or reset a password; never balances.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  volunteerList(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => VolunteerFilter, nullable: true }) filter: VolunteerFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.volunteers.list(actor, filter ?? {}, page);
  }

  @Query(() => ServiceSiteConnection, {
    description: 'Where volunteers may serve and redeem care: every registered institution, by region and name.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  serviceSites(
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
    @Args() page: PageArgs,
  ) {
    return this.volunteers.serviceSites(regionCode ?? null, page);
  }
}
