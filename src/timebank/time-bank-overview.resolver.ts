import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { DateScalar } from '../common/dates.js';
import { type Actor, Role } from '../common/roles.js';
import { TimeBankSummary } from './time-bank-overview.model.js';
import { TimeBankOverviewService } from './time-bank-overview.service.js';

@Resolver(() => TimeBankSummary)
export class TimeBankOverviewResolver {
  constructor(private readonly overview: TimeBankOverviewService) {}

  @Query(() => TimeBankSummary, {
    description:
      'Planners’ time-bank figures by the region volunteers live in (a district planner: its own), as they stood ' +
      'at the end of asOf (default today, Asia/Shanghai): volunteers, those active in the 90 days up to asOf, the ' +
      'share aged 60-69, minutes issued, redeemed, pending redemption, transferred, granted, put in the pool.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  timeBankSummary(
    @CurrentActor() actor: Actor,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ) {
    return this.overview.overview(actor, regionCode ?? null, asOf ?? null);
  }
}
