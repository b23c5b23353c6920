import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { DateScalar } from '../common/dates.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionBelowRequirementConnection, StaffingRatios, WorkforceProgress } from './planning.model.js';
import { ProgressService } from './progress.service.js';
import { RatiosService } from './ratios.service.js';

const PLANNERS = [Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER];

/** staffingRatios (with institutionsBelowRequirement) and workforceProgress. */
@Resolver(() => StaffingRatios)
export class PlanningResolver {
  constructor(
    private readonly ratios: RatiosService,
    private readonly progress: ProgressService,
  ) {}

  @Query(() => StaffingRatios, {
    description:
      'Social workers per 1,000 older adults and per 100 care-home beds on asOf (default today, Asia/Shanghai), ' +
      'for the city and each district and county. With regionCode, that region (and the city for comparison). ' +
      'District planners: their region only, and no city.',
  })
  @Roles(...PLANNERS)
  staffingRatios(
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
  ) {
    return this.ratios.staffingRatios(actor, asOf ?? undefined, regionCode ?? undefined);
  }

  @ResolveField(() => InstitutionBelowRequirementConnection, {
    description:
      'Care homes in scope with fewer social workers than ceil(beds / 100): largest shortfall first, then name.',
  })
  institutionsBelowRequirement(@Parent() parent: StaffingRatios, @Args() page: PageArgs) {
    return this.ratios.institutionsBelowRequirement(parent, page);
  }

  @Query(() => WorkforceProgress, {
    description:
      'Headcount on asOf (default today) against each TALENT_HEADCOUNT target from its year on, with a monthly ' +
      'series. District planners: their region.',
  })
  @Roles(...PLANNERS)
  workforceProgress(
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
  ) {
    return this.progress.workforceProgress(actor, asOf ?? undefined, regionCode ?? undefined);
  }
}
