import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { type Actor, Role } from '../common/roles.js';
import { Journal } from './journal.model.js';
import { JournalReversalsService } from './journal-reversals.service.js';
import { GrantFromPoolInput } from './pool-grant.model.js';
import { PoolGrantsService } from './pool-grants.service.js';
import { RedeemPointsInput } from './reward-redemption.model.js';
import { RewardRedemptionsService } from './reward-redemptions.service.js';
import { TransferCreditsInput } from './transfer.model.js';
import { TransfersService } from './transfers.service.js';

/** Journals: the mutations that move credits and the reversal that corrects them. */
@Resolver(() => Journal)
export class LedgerResolver {
  constructor(
    private readonly transfers: TransfersService,
    private readonly rewardRedemptions: RewardRedemptionsService,
    private readonly poolGrants: PoolGrantsService,
    private readonly reversals: JournalReversalsService,
  ) {}

  @Mutation(() => Journal, {
    description:
      'Moves TIME to a registered relative who has an account, or donates it to the public pool. Retrying with ' +
      'the same idempotencyKey returns the first journal; the key with a different request is a CONFLICT.',
  })
  @Roles(Role.VOLUNTEER)
  transferCredits(@CurrentActor() actor: Actor, @Args('input') input: TransferCreditsInput) {
    return this.transfers.transfer(actor, input);
  }

  @Mutation(() => Journal, { description: 'Buys catalogue rewards with POINTS; stock is taken atomically.' })
  @Roles(Role.VOLUNTEER)
  redeemPoints(@CurrentActor() actor: Actor, @Args('input') input: RedeemPointsInput) {
    return this.rewardRedemptions.redeemPoints(actor, input);
  }

  @Mutation(() => Journal, {
    description:
      'Grants TIME from the public pool: a municipal planner to any volunteer, a district planner to volunteers ' +
      'living in its region.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  grantFromPool(@CurrentActor() actor: Actor, @Args('input') input: GrantFromPoolInput) {
    return this.poolGrants.grantFromPool(actor, input);
  }

  @Mutation(() => Journal, {
    description: 'Posts the mirror image of a journal, at most once; INSUFFICIENT_BALANCE if already spent.',
  })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER)
  reverseJournal(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.reversals.reverse(actor, id, reason);
  }
}
