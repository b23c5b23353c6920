import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { CareRedemption, CareRedemptionConnection, RedeemTimeInput } from './care-redemption.model.js';
import { CareRedemptionsService } from './care-redemptions.service.js';
import { ServiceSite } from './service-site.model.js';
import { RedemptionStatus } from './timebank.enums.js';
import { siteLoader, volunteerLoader } from './timebank.loaders.js';
import { Volunteer } from './volunteer.model.js';
import { VolunteersService } from './volunteers.service.js';

@Resolver(() => CareRedemption)
export class CareRedemptionResolver {
  constructor(
    private readonly redemptions: CareRedemptionsService,
    private readonly volunteers: VolunteersService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => CareRedemption, {
    description:
      'Redeems TIME for care at an institution, for yourself or a registered relative aged 60+: the minutes are ' +
      'debited at once and the redemption is PENDING until the institution confirms or cancels it. Retrying with ' +
      'the same idempotencyKey returns the first result.',
  })
  @Roles(Role.VOLUNTEER)
  redeemTime(@CurrentActor() actor: Actor, @Args('input') input: RedeemTimeInput) {
    return this.redemptions.redeemTime(actor, input);
  }

  @Mutation(() => CareRedemption, { description: 'The institution giving the care confirms it was given.' })
  @Roles(Role.INSTITUTION_ADMIN)
  confirmCareRedemption(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.redemptions.confirm(actor, id);
  }

  @Mutation(() => CareRedemption, {
    description: 'The institution cancels a PENDING redemption; the minutes are refunded by a journal.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  cancelCareRedemption(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.redemptions.cancel(actor, id, reason);
  }

  @Query(() => CareRedemptionConnection, {
    description: 'A volunteer’s own redemptions, or the care redeemed at an admin’s institution; newest first.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  careRedemptions(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => RedemptionStatus, nullable: true }) status: RedemptionStatus | null,
    @Args() page: PageArgs,
  ) {
    return this.redemptions.list(actor, status ?? null, page);
  }

  @ResolveField(() => Volunteer)
  volunteer(@Parent() redemption: CareRedemption, @Context() ctx: GraphQLContext) {
    return volunteerLoader(ctx, this.volunteers).load(redemption.volunteerId);
  }

  @ResolveField(() => ServiceSite)
  institution(@Parent() redemption: CareRedemption, @Context() ctx: GraphQLContext) {
    return siteLoader(ctx, this.institutions).load(redemption.institutionId);
  }
}
