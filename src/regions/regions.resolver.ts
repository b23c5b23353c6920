import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AnyRole, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { type Actor, Role } from '../common/roles.js';
import { populationLoader } from './region-population.loader.js';
import { Region, RegionPopulation, SetRegionPopulationInput } from './region.model.js';
import { RegionsService } from './regions.service.js';

@Resolver(() => Region)
export class RegionsResolver {
  constructor(private readonly service: RegionsService) {}

  @Query(() => [Region], { description: 'All districts, counties and functional zones. Reference data: any role.' })
  @AnyRole()
  regions() {
    return this.service.list();
  }

  @ResolveField(() => RegionPopulation, {
    nullable: true,
    description:
      'The figure for `year`, or the latest earlier one (its `year` says which); without `year`, the latest. ' +
      'Null for functional zones, whose people are counted in their host districts.',
  })
  population(
    @Parent() region: Region,
    @Args('year', { type: () => Int, nullable: true }) year: number | undefined,
    @Context() ctx: GraphQLContext,
  ) {
    return populationLoader(ctx.loaders, this.service).load({ regionCode: region.code, year: year ?? null });
  }

  @Mutation(() => RegionPopulation, { description: 'Sets (or replaces) a region population figure for a year.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  setRegionPopulation(@CurrentActor() actor: Actor, @Args('input') input: SetRegionPopulationInput) {
    return this.service.setPopulation(actor, input);
  }
}
