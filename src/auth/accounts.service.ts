import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound, unauthenticated } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import { burnPasswordCheck, hashPassword, temporaryPassword, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly institutions: InstitutionsService,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
  ) {}

  setVolunteerResetScope(scope: VolunteerResetScope): void {
    this.volunteerResetScope = scope;
  }

  /** The account behind a token, if it still may act: active and not signed out since the token was issued. */
  async authenticate(token: string): Promise<UserEntity> {
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthenticated(msg('auth.invalidOrExpiredToken'));
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: claims.sub });
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
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username: name });
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!user || !ok || !user.active) throw unauthenticated(msg('auth.invalidUsernameOrPassword'));
    this.limiter.loginSucceeded(name, client);
    this.limiter.refundAnonymous(client);
    await this.unitOfWork.run(actorOf(user), 'login', async () => ({
      result: undefined,
      recordType: 'User',
      recordId: user.id,
    }));
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
    const user = await this.unitOfWork.run(actor, 'changePassword', async (em) => {
      const user = await em.findOne(UserEntity, { where: { id: actor.userId }, lock: { mode: 'pessimistic_write' } });
      // A reset or deactivation in between wins: the password checked above is no longer the account's.
      if (!user || user.tokenVersion !== current.tokenVersion) throw unauthenticated(msg('auth.invalidOrExpiredToken'));
      user.passwordHash = passwordHash;
      user.mustChangePassword = false;
      user.tokenVersion += 1; // other sessions end; the caller gets a fresh token below
      await em.save(user);
      return { result: user, recordType: 'User', recordId: user.id, summary: { passwordChanged: true } };
    });
    this.limiter.loginSucceeded(actor.username, client);
    return { accessToken: this.tokens.issue(user.id, user.tokenVersion), user };
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserEntity> {
    const passwordHash = await hashPassword(input.password);
    return this.unitOfWork.run(actor, 'createUser', async (em) => {
      const username = normalizeUsername(input.username);
      await this.checkScope(em, input);
      if (await em.existsBy(UserEntity, { username }))
        throw conflict(msg('auth.usernameIsTaken', { username }), 'username');
      const user = em.create(UserEntity, {
        username,
        passwordHash,
        role: input.role,
        regionCode: input.regionCode ?? null,
        institutionId: input.institutionId ?? null,
        evaluationBodyId: input.evaluationBodyId ?? null,
        // The admin chose this password, so it is known to two people: the holder replaces it at first sign-in.
        mustChangePassword: true,
      });
      await em.insert(UserEntity, user);
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

  /** Each role carries exactly the scope it needs (the table's CHECK says the same). */
  private async checkScope(em: EntityManager, input: CreateUserInput): Promise<void> {
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
      problems.check(await this.regions.isCountyLevelCode(input.regionCode, em), 'regionCode', COUNTY_LEVEL_ONLY);
    }
    problems.throwIfAny();
    // An id that is malformed or names nothing is NOT_FOUND (DESIGN.md errors), once the input is otherwise sound.
    if (input.role === Role.INSTITUTION_ADMIN && input.institutionId) {
      const exists = isUuid(input.institutionId) && (await this.institutions.exists(input.institutionId, em));
      if (!exists) throw notFound(msg('thing.institution'));
    }
    if (input.role === Role.EVALUATION_BODY && input.evaluationBodyId) {
      // Read directly: the certification module builds on this one (its rate limiter), not the other way round.
      const found: unknown[] = isUuid(input.evaluationBodyId)
        ? await em.query('SELECT 1 FROM evaluation_body WHERE id = $1', [input.evaluationBodyId])
        : [];
      if (found.length !== 1) throw notFound(msg('thing.evaluationBody'));
    }
  }

  list(filter: UserFilter, page: PageArgs): Promise<Connection<UserEntity>> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.regionCode) qb.andWhere('u.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.institutionId) {
      assertId(filter.institutionId, msg('thing.institution'));
      qb.andWhere('u.institution_id = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.usernamePrefix) {
      const prefix = escapeLike(normalizeUsername(filter.usernamePrefix));
      qb.andWhere('u.username LIKE :prefix', { prefix: `${prefix}%` });
    }
    return paginate(qb, page, [{ sql: 'u.username', value: (u) => u.username }]);
  }

  async deactivate(actor: Actor, id: string): Promise<UserEntity> {
    return this.unitOfWork.run(actor, 'deactivateUser', async (em) => {
      assertId(id, msg('thing.user'));
      if (id === actor.userId) throw BadUserInputError.field('id', msg('auth.youCannotDeactivateYourOwn'));
      const user = await em.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(msg('thing.user'));
      if (!user.active) throw BadUserInputError.field('id', msg('auth.thisAccountIsAlreadyInactive'));
      const wasActive = user.active;
      user.active = false;
      user.tokenVersion += 1; // its tokens stop working now, not when they expire
      await em.save(user);
      return {
        result: user,
        recordType: 'User',
        recordId: user.id,
        summary: { before: { active: wasActive }, after: { active: false } },
      };
    });
  }

  /**
   * A one-time temporary password for an account: an ADMIN for any account; a planner or an institution admin for a
   * VOLUNTEER account in its scope (a volunteer has no e-mail or SMS to reset it herself).
   */
  async resetPassword(actor: Actor, userId: string): Promise<{ temporaryPassword: string; user: UserEntity }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    return this.unitOfWork.run(actor, 'resetPassword', async (em) => {
      assertId(userId, msg('thing.user'));
      const user = await em.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(msg('thing.user'));
      if (actor.role !== Role.ADMIN) {
        if (user.role !== Role.VOLUNTEER) throw forbidden(msg('auth.youMayResetOnlyVolunteers'));
        if (!(await this.volunteerResetScope(em, actor, user.id))) {
          throw forbidden(msg('auth.thisVolunteerIsOutsideYour'));
        }
      }
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      user.tokenVersion += 1;
      await em.save(user);
      return {
        result: { temporaryPassword: password, user },
        recordType: 'User',
        recordId: user.id,
        summary: { passwordReset: true, role: user.role },
      };
    });
  }
}
