import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { type Actor, Role } from '../common/roles.js';
import { TargetMetric } from './target.enums.js';
import { SetTargetInput } from './planning.model.js';
import { Target } from './target.model.js';
import { TargetsService } from './targets.service.js';

@Resolver(() => Target)
export class TargetsResolver {
  constructor(private readonly service: TargetsService) {}

  @Mutation(() => Target, {
    description:
      'Sets a metric’s target for a year, city-wide or for one district or county, replacing the value already set ' +
      'for the same metric, region and year. Value > 0; ratio metrics at most 100.',
  })
  @Roles(Role.MUNICIPAL_PLANNER)
  setTarget(@CurrentActor() actor: Actor, @Args('input') input: SetTargetInput) {
    return this.service.set(actor, input);
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
