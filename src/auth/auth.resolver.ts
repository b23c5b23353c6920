import { Args, Context, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { institutionLoader } from '../institutions/institution.loader.js';
import { Institution } from '../institutions/institution.model.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { AccountsService } from './accounts.service.js';
import type { UserEntity } from './user.entity.js';
import {
  AnyRole,
  clientKey,
  CurrentAccount,
  CurrentActor,
  DuringPasswordChange,
  Public,
  Roles,
} from './auth.decorators.js';
import {
  AuthPayload,
  ChangePasswordArgs,
  CreateUserInput,
  LoginArgs,
  User,
  UserConnection,
  UserFilter,
} from './user.model.js';

/** An institution as InstitutionsService returns it (null: none with that id). */
type InstitutionRow = Awaited<ReturnType<InstitutionsService['anyByIds']>>[number];

@Resolver(() => User)
export class AuthResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly institutions: InstitutionsService,
  ) {}

  @ResolveField(() => Institution, {
    nullable: true,
    description: 'INSTITUTION_ADMIN: its institution, when the caller may see it.',
  })
  institution(user: User, _args: unknown, ctx: GraphQLContext) {
    const actor = ctx.req.actor;
    if (!user.institutionId || !actor) return null;
    // The admin reads every institution (to scope accounts); anyone else through the institutions' own scope.
    if (actor.role === Role.ADMIN) {
      return ctx.loaders
        .get('institution:any', () => new DataLoader<string, InstitutionRow>((ids) => this.institutions.anyByIds(ids)))
        .load(user.institutionId);
    }
    return institutionLoader(ctx.loaders, this.institutions, actor).load(user.institutionId);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in. Wrong username and wrong password give the same error.' })
  @Public()
  login(@Args() { username, password }: LoginArgs, @Context() ctx: GraphQLContext) {
    return this.accounts.login(username, password, clientKey(ctx.req));
  }

  @Query(() => User, { description: 'The signed-in account.' })
  @AnyRole()
  @DuringPasswordChange()
  me(@CurrentAccount() account: UserEntity) {
    return account;
  }

  @Mutation(() => AuthPayload, { description: 'Changes your password; other sessions end, this one gets a new token.' })
  @AnyRole()
  @DuringPasswordChange()
  changePassword(
    @CurrentAccount() account: UserEntity,
    @Args() { oldPassword, newPassword }: ChangePasswordArgs,
    @Context() ctx: GraphQLContext,
  ) {
    return this.accounts.changePassword(account, oldPassword, newPassword, clientKey(ctx.req));
  }

  @Mutation(() => User)
  @Roles(Role.ADMIN)
  createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput) {
    return this.accounts.create(actor, input);
  }

  @Query(() => UserConnection, { description: 'Accounts ordered by username. ADMIN only.' })
  @Roles(Role.ADMIN)
  users(
    @Args('filter', { type: () => UserFilter, nullable: true }) filter: UserFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.accounts.list(filter ?? {}, page);
  }

  @Mutation(() => User, { description: 'Deactivates an account; its tokens stop working at once.' })
  @Roles(Role.ADMIN)
  deactivateUser(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.accounts.deactivate(actor, id);
  }

  @Mutation(() => String, {
    description:
      'Returns a one-time temporary password (shown once) and ends the account’s sessions; it signs in only to ' +
      'change the password. ADMIN: any account. For VOLUNTEER accounts only: a municipal planner any volunteer’s, ' +
      'a district planner those living in its region, an institution admin those it signed up or whose service it ' +
      'verified.',
  })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN)
  async resetPassword(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string) {
    return (await this.accounts.resetPassword(actor, userId)).temporaryPassword;
  }
}
