import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { DateScalar } from '../common/dates.js';
import { type Actor, Role } from '../common/roles.js';
import { PlanningDashboard } from './dashboard.model.js';
import { DashboardService } from './dashboard.service.js';

@Resolver(() => PlanningDashboard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => PlanningDashboard, {
    description:
      'One call with the whole picture as of asOf (default today), each part the query it summarises given the same ' +
      'asOf: headcount against the headcount targets, training of asOf’s year up to asOf, city ratios with the five ' +
      'weakest districts, and the time bank at the end of asOf. A district planner: its region.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  planningDashboard(
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ) {
    return this.dashboards.dashboard(actor, asOf ?? null);
  }
}
