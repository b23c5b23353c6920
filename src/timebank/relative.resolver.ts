import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { type Actor, Role } from '../common/roles.js';
import { RegisterRelativeInput, Relative } from './relative.model.js';
import { RelativesService } from './relatives.service.js';

@Resolver(() => Relative)
export class RelativeResolver {
  constructor(private readonly relatives: RelativesService) {}

  @Mutation(() => Relative, {
    description:
      'Registers a direct relative (by ID number and name) to transfer to or redeem care for. The same person ' +
      'again returns the stored relative.',
  })
  @Roles(Role.VOLUNTEER)
  registerRelative(@CurrentActor() actor: Actor, @Args('input') input: RegisterRelativeInput) {
    return this.relatives.register(actor, input);
  }

  @Mutation(() => Relative, {
    description:
      'Removes one of your relatives (no longer offered for transfers or care; your statement and redemptions keep ' +
      'the name). Refused while care redeemed for them is pending.',
  })
  @Roles(Role.VOLUNTEER)
  removeRelative(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.relatives.remove(actor, id);
  }
}
