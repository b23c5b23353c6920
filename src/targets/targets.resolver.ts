import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { type Actor, Role } from '../common/roles.js';
import { TargetMetric } from './target.enums.js';
import { ApportionResult, ApportionTargetInput, SetTargetInput, Target } from './target.model.js';
import { TargetsService } from './targets.service.js';

@Resolver(() => Target)
export class TargetsResolver {
  constructor(private readonly service: TargetsService) {}

  @Mutation(() => Target, {
    description:
      'Sets a metric’s target for a year, city-wide or for one district or county, replacing the value already set ' +
      'for the same metric, region and year. Value > 0; ratio metrics at most 100. A ratio target of the city ' +
      'holds every district without its own; a count target (headcount, training) of the city is not a ' +
      'district’s: a district has a count target only when one is set for it (or apportionTarget shares one out).',
  })
  @Roles(Role.MUNICIPAL_PLANNER)
  setTarget(@CurrentActor() actor: Actor, @Args('input') input: SetTargetInput) {
    return this.service.set(actor, input);
  }

  @Mutation(() => ApportionResult, {
    description:
      'Shares the city-wide TALENT_HEADCOUNT or TRAINING_PERSON_SESSIONS target of a year out among the 38 ' +
      'districts and counties, in proportion to the basis, by largest remainders (ties by region code), so that ' +
      'the district targets add up exactly to the city’s. A region whose share is 0 gets no target. Replaces every ' +
      'district and county target of that metric and year (one audit event with the values before and after). ' +
      'With dryRun: true, the same figures with written: false, and nothing written.',
  })
  @Roles(Role.MUNICIPAL_PLANNER)
  apportionTarget(@CurrentActor() actor: Actor, @Args('input') input: ApportionTargetInput) {
    return this.service.apportion(actor, input);
  }

  @Query(() => [Target], { description: 'Plan targets, optionally filtered. Planners only.' })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  targets(
    @CurrentActor() actor: Actor,
    @Args('metric', { type: () => TargetMetric, nullable: true }) metric?: TargetMetric,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
  ) {
    return this.service.list(actor, { metric, regionCode, year });
  }
}
