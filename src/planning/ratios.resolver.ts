import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { AsOfRegionArgs } from '../common/figure-args.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionBelowRequirementConnection, StaffingRatios } from './ratios.model.js';
import { RatiosService } from './ratios.service.js';

/** staffingRatios, with the care homes below their requirement under it. */
@Resolver(() => StaffingRatios)
export class RatiosResolver {
  constructor(private readonly ratios: RatiosService) {}

  @Query(() => StaffingRatios, {
    description:
      'Social workers per 1,000 older adults and per 100 care-home beds on asOf (default today, Asia/Shanghai), ' +
      'for the city and each district and county. With regionCode, that region (and the city for comparison). ' +
      'District planners: their region only, and no city.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  staffingRatios(@CurrentActor() actor: Actor, @Args() { asOf, regionCode }: AsOfRegionArgs) {
    return this.ratios.staffingRatios(actor, asOf ?? undefined, regionCode ?? undefined);
  }

  @ResolveField(() => InstitutionBelowRequirementConnection, {
    description:
      'Care homes in scope with fewer social workers than ceil(beds / 100): largest shortfall first, then name.',
  })
  institutionsBelowRequirement(@Parent() parent: StaffingRatios, @Args() page: PageArgs) {
    return this.ratios.institutionsBelowRequirement(parent, page);
  }
}
