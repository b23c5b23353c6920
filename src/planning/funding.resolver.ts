import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { YearRegionArgs } from '../common/figure-args.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import {
  FundAllocation,
  FundAllocationConnection,
  FundAllocationFilter,
  RecordFundAllocationInput,
  TrainingCost,
} from './funding.model.js';
import { FundingService } from './funding.service.js';

@Resolver(() => FundAllocation)
export class FundingResolver {
  constructor(private readonly funding: FundingService) {}

  @Mutation(() => FundAllocation, { description: 'Records money allocated to the plan (MUNICIPAL_PLANNER).' })
  @Roles(Role.MUNICIPAL_PLANNER)
  recordFundAllocation(@CurrentActor() actor: Actor, @Args('input') input: RecordFundAllocationInput) {
    return this.funding.record(actor, input);
  }

  @Query(() => FundAllocationConnection, {
    description: 'Fund allocations, latest year first (a district planner: its region’s).',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  fundAllocations(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => FundAllocationFilter, nullable: true }) filter: FundAllocationFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.funding.list(actor, filter ?? {}, page);
  }

  @Query(() => TrainingCost, {
    description:
      'TRAINING allocations of a year per completed person-session of sessions ending that year, city-wide or for ' +
      'a district or county (a district planner: its own).',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  trainingCostPerPersonSession(@CurrentActor() actor: Actor, @Args() { year, regionCode }: YearRegionArgs) {
    return this.funding.trainingCost(actor, year, regionCode ?? null);
  }
}
