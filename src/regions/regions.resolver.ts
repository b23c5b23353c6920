import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, PublicOrSignedIn, Roles } from '../auth/auth.decorators.js';
import { unauthenticated } from '../common/errors.js';
import type { GraphQLContext } from '../common/loaders.js';
import { type Actor, Role } from '../common/roles.js';
import { populationLoader } from './region-population.loader.js';
import { Region, RegionPopulation, SetRegionPopulationInput } from './region.model.js';
import { RegionsService } from './regions.service.js';
import { msg } from '../i18n/i18n.js';

@Resolver(() => Region)
export class RegionsResolver {
  constructor(private readonly service: RegionsService) {}

  @Query(() => [Region], {
    description:
      'All districts, counties and functional zones: codes, names and kinds are public (the public sign-up needs ' +
      'them); `population` needs a signed-in caller.',
  })
  @PublicOrSignedIn()
  regions() {
    return this.service.list();
  }

  @ResolveField(() => RegionPopulation, {
    nullable: true,
    description:
      'The figure for `year`, or the latest earlier one (its `year` says which); without `year`, the latest. ' +
      'Null for functional zones, whose people are counted in their host districts. Signed-in callers only: an ' +
      'anonymous caller gets null with UNAUTHENTICATED for each region.',
  })
  population(
    @Parent() region: Region,
    @Args('year', { type: () => Int, nullable: true }) year: number | undefined,
    @Context() ctx: GraphQLContext,
  ) {
    // `regions` is open to anonymous callers; the figures under it are not (deny by default, field by field).
    if (!ctx.req.actor) throw unauthenticated(msg('regions.signInToReadPopulation'));
    return populationLoader(ctx.loaders, this.service).load({ regionCode: region.code, year: year ?? null });
  }

  @Mutation(() => RegionPopulation, { description: 'Sets (or replaces) a region population figure for a year.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  setRegionPopulation(@CurrentActor() actor: Actor, @Args('input') input: SetRegionPopulationInput) {
    return this.service.setPopulation(actor, input);
  }
}
