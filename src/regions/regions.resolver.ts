import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, PublicOrSignedIn, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { type Actor, Role } from '../common/roles.js';
import { populationYearsAsked, regionPopulation } from './region-population.field.js';
import { Region, RegionPopulation, SetRegionPopulationInput } from './region.model.js';
import { type RegionRow, RegionsService } from './regions.service.js';

@Resolver(() => Region)
export class RegionsResolver {
  constructor(private readonly service: RegionsService) {}

  @Query(() => [Region], {
    description:
      'All districts, counties and functional zones: codes, names and kinds are public (the public sign-up needs ' +
      'them); `population` needs a signed-in caller.',
  })
  @PublicOrSignedIn()
  regions(@Context() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    // The figures asked for come in the same statement; an anonymous caller gets none (`population` refuses them).
    return this.service.list(ctx.req.actor ? populationYearsAsked(info) : []);
  }

  @ResolveField(() => RegionPopulation, {
    nullable: true,
    description:
      'The figure for `year`, or the latest earlier one (its `year` says which); without `year`, the latest. ' +
      'Null for functional zones, whose people are counted in their host districts. Signed-in callers only: an ' +
      'anonymous caller gets null with UNAUTHENTICATED for each region.',
  })
  // Declares the field and its argument. At run time the schema calls `regionPopulation` itself (installed by
  // `transformSchema` in AppModule, see plain-resolvers.ts): `@Args` would put every call through Nest's slow path.
  population(
    @Parent() region: RegionRow,
    @Args('year', { type: () => Int, nullable: true }) year: number | undefined,
    @Context() ctx: GraphQLContext,
  ) {
    return regionPopulation(region, { year }, ctx);
  }

  @Mutation(() => RegionPopulation, { description: 'Sets (or replaces) a region population figure for a year.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  setRegionPopulation(@CurrentActor() actor: Actor, @Args('input') input: SetRegionPopulationInput) {
    return this.service.setPopulation(actor, input);
  }
}
