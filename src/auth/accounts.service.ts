import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound, unauthenticated } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import { AccountCache } from './account-cache.js';
import { AccountScopesReadModel } from './account-scopes.read-model.js';
import { AccountsRepository } from './accounts.repository.js';
import { burnPasswordCheck, hashPassword, temporaryPassword, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenService } from './token.service.js';
import type { UserEntity } from './user.entity.js';
import type { CreateUserInput, UserFilter } from './user.model.js';
import { msg, fieldName } from '../i18n/i18n.js';

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

export const actorOf = (user: UserEntity): Actor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  regionCode: user.regionCode,
  institutionId: user.institutionId,
  evaluationBodyId: user.evaluationBodyId,
});

/**
 * Whether a non-ADMIN actor may reset the password of the VOLUNTEER account `userId`. The time bank, which knows
 * volunteers, supplies it; until then nobody but an ADMIN may.
 */
export type VolunteerResetScope = (em: EntityManager, actor: Actor, userId: string) => Promise<boolean>;

/** Accounts, sign-in and passwords. */
@Injectable()
export class AccountsService {
  private volunteerResetScope: VolunteerResetScope = () => Promise.resolve(false);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly accountScopes: AccountScopesReadModel,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly institutions: InstitutionsService,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
    private readonly cache: AccountCache,
  ) {}

  setVolunteerResetScope(scope: VolunteerResetScope): void {
    this.volunteerResetScope = scope;
  }

  /**
   * The account behind a token, if it still may act: active and not signed out since the token was issued. Read
   * from the account cache when it holds the account (see AccountCache: a change to the row makes every instance
   * forget it), else from the table.
   */
  async authenticate(token: string): Promise<UserEntity> {
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthenticated(msg('auth.invalidOrExpiredToken'));
    let user = this.cache.get(claims.sub);
    // A token newer than the account kept: issued by a change whose notice has not arrived yet. Read it afresh.
    if (!user || user.tokenVersion < claims.ver) {
      user = (await this.cache.read(claims.sub, () => this.accounts.findById(claims.sub))) ?? undefined;
    }
    if (!user || !user.active || user.tokenVersion !== claims.ver)
      throw unauthenticated(msg('auth.invalidOrExpiredToken'));
    return user;
  }

  /** Unknown user, wrong password and deactivated account look the same to the caller. */
  async login(username: string, password: string, client: string): Promise<{ accessToken: string; user: UserEntity }> {
    const name = normalizeUsername(username);
    // Counted as a failure until the password proves right; slowed down for a username guessed at from elsewhere
    // (see RateLimiter.beginLoginAttempt).
    await sleep(this.limiter.beginLoginAttempt(name, client));
    const changesBefore = this.cache.changesSeen;
    const user = await this.accounts.findByUsername(name);
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!user || !ok || !user.active) throw unauthenticated(msg('auth.invalidUsernameOrPassword'));
    this.limiter.loginSucceeded(name, client);
    this.limiter.refundAnonymous(client);
    await this.unitOfWork.run(actorOf(user), 'login', async () => ({
      result: undefined,
      recordType: 'User',
      recordId: user.id,
    }));
    // The row just read serves the requests that follow, unless it changed meanwhile.
    this.cache.keep(user, changesBefore);
    return { accessToken: this.tokens.issue(user.id, user.tokenVersion), user };
  }

  /** `current` is the caller's account as the guard read it for this request. */
  async changePassword(current: UserEntity, oldPassword: string, newPassword: string, client: string) {
    const actor = actorOf(current);
    if (oldPassword === newPassword) {
      throw BadUserInputError.field('newPassword', msg('auth.newpasswordMustDifferFromThe'));
    }
    // Guessing the current password with a stolen token is limited like guessing it at login.
    await sleep(this.limiter.beginLoginAttempt(actor.username, client));
    if (!(await verifyPassword(current.passwordHash, oldPassword))) {
      throw BadUserInputError.field('oldPassword', msg('auth.oldpasswordIsNotTheCurrent'));
    }
    // Hashing happens outside the transaction: on embedded PGlite an open transaction holds the only backend.
    const passwordHash = await hashPassword(newPassword);
    const user = await this.unitOfWork.run(actor, 'changePassword', async (tx) => {
      const user = await this.accounts.lockById(actor.userId, tx);
      // A reset or deactivation in between wins: the password checked above is no longer the account's.
      if (!user || user.tokenVersion !== current.tokenVersion) throw unauthenticated(msg('auth.invalidOrExpiredToken'));
      user.passwordHash = passwordHash;
      user.mustChangePassword = false;
      user.tokenVersion += 1; // other sessions end; the caller gets a fresh token below
      await this.accounts.save(user, tx);
      return { result: user, recordType: 'User', recordId: user.id, summary: { passwordChanged: true } };
    });
    this.cache.forget(user.id);
    this.limiter.loginSucceeded(actor.username, client);
    return { accessToken: this.tokens.issue(user.id, user.tokenVersion), user };
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserEntity> {
    const passwordHash = await hashPassword(input.password);
    return this.unitOfWork.run(actor, 'createUser', async (tx) => {
      const username = normalizeUsername(input.username);
      await this.checkScope(tx, input);
      if (await this.accounts.usernameExists(username, tx))
        throw conflict(msg('auth.usernameIsTaken', { username }), 'username');
      const user = await this.accounts.insert(
        {
          username,
          passwordHash,
          role: input.role,
          regionCode: input.regionCode ?? null,
          institutionId: input.institutionId ?? null,
          evaluationBodyId: input.evaluationBodyId ?? null,
          // The admin chose this password, so it is known to two people: the holder replaces it at first sign-in.
          mustChangePassword: true,
        },
        tx,
      );
      return {
        result: user,
        recordType: 'User',
        recordId: user.id,
        summary: {
          after: {
            username,
            role: user.role,
            regionCode: user.regionCode,
            institutionId: user.institutionId,
            evaluationBodyId: user.evaluationBodyId,
          },
        },
      };
    });
  }

  // ---- for the time bank, inside its unit of work ----

  /** Whether an account already has this (normalised) username. */
  isUsernameTaken(username: string, tx: EntityManager): Promise<boolean> {
    return this.accounts.usernameExists(username, tx);
  }

  /**
   * Opens the VOLUNTEER account of a volunteer being registered, in the caller's transaction (`tx`): the time bank
   * checks the username with `isUsernameTaken` first and registers the volunteer with the returned account's id.
   */
  createVolunteerAccount(
    account: { username: string; passwordHash: string; mustChangePassword: boolean },
    tx: EntityManager,
  ): Promise<UserEntity> {
    return this.accounts.insert(
      { ...account, role: Role.VOLUNTEER, regionCode: null, institutionId: null, evaluationBodyId: null },
      tx,
    );
  }

  /** Each role carries exactly the scope it needs (the table's CHECK says the same). */
  private async checkScope(tx: EntityManager, input: CreateUserInput): Promise<void> {
    const problems = new InputProblems();
    const needs = (field: 'regionCode' | 'institutionId' | 'evaluationBodyId', role: Role) => {
      if (input.role === role)
        problems.check(Boolean(input[field]), field, msg('auth.isRequiredFor', { field: fieldName(field), role }));
      // Present at all (even an empty string) is refused: it would otherwise reach the table's CHECK.
      else
        problems.check(input[field] == null, field, msg('auth.isOnlyForAccounts', { field: fieldName(field), role }));
    };
    needs('regionCode', Role.DISTRICT_PLANNER);
    needs('institutionId', Role.INSTITUTION_ADMIN);
    needs('evaluationBodyId', Role.EVALUATION_BODY);
    if (input.role === Role.DISTRICT_PLANNER && input.regionCode) {
      problems.check(await this.regions.isCountyLevelCode(input.regionCode, tx), 'regionCode', COUNTY_LEVEL_ONLY);
    }
    problems.throwIfAny();
    // An id that is malformed or names nothing is NOT_FOUND (DESIGN.md errors), once the input is otherwise sound.
    if (input.role === Role.INSTITUTION_ADMIN && input.institutionId) {
      const exists = isUuid(input.institutionId) && (await this.institutions.exists(input.institutionId, tx));
      if (!exists) throw notFound(msg('thing.institution'));
    }
    if (input.role === Role.EVALUATION_BODY && input.evaluationBodyId) {
      const exists =
        isUuid(input.evaluationBodyId) && (await this.accountScopes.evaluationBodyExists(input.evaluationBodyId, tx));
      if (!exists) throw notFound(msg('thing.evaluationBody'));
    }
  }

  list(filter: UserFilter, page: PageArgs): Promise<Connection<UserEntity>> {
    if (filter.institutionId) assertId(filter.institutionId, msg('thing.institution'));
    return this.accounts.list(
      { ...filter, usernamePrefix: filter.usernamePrefix ? normalizeUsername(filter.usernamePrefix) : null },
      page,
    );
  }

  async deactivate(actor: Actor, id: string): Promise<UserEntity> {
    const user = await this.unitOfWork.run(actor, 'deactivateUser', async (tx) => {
      assertId(id, msg('thing.user'));
      if (id === actor.userId) throw BadUserInputError.field('id', msg('auth.youCannotDeactivateYourOwn'));
      const user = await this.accounts.lockById(id, tx);
      if (!user) throw notFound(msg('thing.user'));
      if (!user.active) throw BadUserInputError.field('id', msg('auth.thisAccountIsAlreadyInactive'));
      const wasActive = user.active;
      user.active = false;
      user.tokenVersion += 1; // its tokens stop working now, not when they expire
      await this.accounts.save(user, tx);
      return {
        result: user,
        recordType: 'User',
        recordId: user.id,
        summary: { before: { active: wasActive }, after: { active: false } },
      };
    });
    this.cache.forget(user.id);
    return user;
  }

  /**
   * A one-time temporary password for an account: an ADMIN for any account; a planner or an institution admin for a
   * VOLUNTEER account in its scope (a volunteer has no e-mail or SMS to reset it herself).
   */
  async resetPassword(actor: Actor, userId: string): Promise<{ temporaryPassword: string; user: UserEntity }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const reset = await this.unitOfWork.run(actor, 'resetPassword', async (tx) => {
      assertId(userId, msg('thing.user'));
      const user = await this.accounts.lockById(userId, tx);
      if (!user) throw notFound(msg('thing.user'));
      if (actor.role !== Role.ADMIN) {
        if (user.role !== Role.VOLUNTEER) throw forbidden(msg('auth.youMayResetOnlyVolunteers'));
        if (!(await this.volunteerResetScope(tx, actor, user.id))) {
          throw forbidden(msg('auth.thisVolunteerIsOutsideYour'));
        }
      }
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      user.tokenVersion += 1;
      await this.accounts.save(user, tx);
      return {
        result: { temporaryPassword: password, user },
        recordType: 'User',
        recordId: user.id,
        summary: { passwordReset: true, role: user.role },
      };
    });
    this.cache.forget(reset.user.id);
    return reset;
  }
}
