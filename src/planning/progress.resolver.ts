import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { AsOfRegionArgs } from '../common/figure-args.js';
import { type Actor, Role } from '../common/roles.js';
import { WorkforceProgress } from './progress.model.js';
import { ProgressService } from './progress.service.js';

/** workforceProgress: the headcount against its targets. */
@Resolver(() => WorkforceProgress)
export class ProgressResolver {
  constructor(private readonly progress: ProgressService) {}

  @Query(() => WorkforceProgress, {
    description:
      'Headcount on asOf (default today) against each TALENT_HEADCOUNT target from its year on, with a monthly ' +
      'series. District planners: their region.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  workforceProgress(@CurrentActor() actor: Actor, @Args() { asOf, regionCode }: AsOfRegionArgs) {
    return this.progress.workforceProgress(actor, asOf ?? undefined, regionCode ?? undefined);
  }
}
