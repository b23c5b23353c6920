import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import type { RewardEntity } from './reward.entity.js';
import { CreateRewardInput, Reward, RewardConnection, UpdateRewardInput } from './reward.model.js';
import { RewardRedemption, RewardRedemptionConnection } from './reward-redemption.model.js';
import { RewardRedemptionsService } from './reward-redemptions.service.js';
import { RewardsService } from './rewards.service.js';

@Resolver(() => Reward)
export class RewardResolver {
  constructor(private readonly catalogue: RewardsService) {}

  @Query(() => RewardConnection, {
    description: 'The rewards catalogue (volunteers see what is on offer; planners the whole catalogue).',
  })
  @Roles(Role.VOLUNTEER, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  rewards(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.catalogue.list(actor, page);
  }

  @Mutation(() => Reward, { description: 'Adds a reward to the catalogue.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  createReward(@CurrentActor() actor: Actor, @Args('input') input: CreateRewardInput) {
    return this.catalogue.create(actor, input);
  }

  @Mutation(() => Reward, { description: 'Changes a reward’s cost, stock or availability.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  updateReward(@CurrentActor() actor: Actor, @Args('input') input: UpdateRewardInput) {
    return this.catalogue.update(actor, input);
  }
}

@Resolver(() => RewardRedemption)
export class RewardRedemptionResolver {
  constructor(
    private readonly redemptions: RewardRedemptionsService,
    private readonly rewards: RewardsService,
  ) {}

  @Query(() => RewardRedemptionConnection, {
    description: 'Your rewards bought with points, newest first, each with the code to show when you collect it.',
  })
  @Roles(Role.VOLUNTEER)
  myRewardRedemptions(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.redemptions.mine(actor, page);
  }

  @Mutation(() => RewardRedemption, {
    description:
      'An institution admin hands a reward over against the code the volunteer shows, and marks it COLLECTED ' +
      '(once). An unknown code is NOT_FOUND.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  collectReward(@CurrentActor() actor: Actor, @Args('code') code: string) {
    return this.redemptions.collect(actor, code);
  }

  @ResolveField(() => Reward)
  reward(@Parent() redemption: RewardRedemption, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get('reward', () => new DataLoader<string, RewardEntity | null>((ids) => this.rewards.byIds(ids)))
      .load(redemption.rewardId);
  }
}
