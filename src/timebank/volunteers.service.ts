import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AccountsService, normalizeUsername } from '../auth/accounts.service.js';
import { hashPassword } from '../auth/passwords.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../common/validation/password-length.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, DomainError, forbidden, InputProblems, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId, parseResidentId } from '../common/validation/resident-id.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NameConflictLimiter, withheld } from '../common/name-conflicts.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { checkName, maskName, MIN_WORKING_AGE, normalizeName, normalizePhone } from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import { LedgerService } from './ledger.service.js';
import type { VolunteerEntity } from './volunteer.entity.js';
import type { RegisterVolunteerInput, VolunteerFilter, VolunteerSummary } from './volunteer.model.js';
import { type VolunteerView, VolunteerViewsReadModel } from './volunteer-views.read-model.js';
import { VolunteersRepository } from './volunteers.repository.js';
import { ageOn } from './timebank-rules.js';
import { msg } from '../i18n/i18n.js';

export type { VolunteerView } from './volunteer-views.read-model.js';

/** The one answer a public sign-up gives for any mismatch or duplicate, so that it reveals nothing. */
export const SIGN_UP_REFUSED = msg('timebank.signUpRefused');
const MAX_NAME_PREFIX = 50;
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

/** Volunteers: sign-up and on-behalf registration, profiles, and the planners' look-up. */
@Injectable()
export class VolunteersService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly limiter: RateLimiter,
    private readonly regions: RegionsService,
    private readonly institutions: InstitutionsService,
    private readonly workforce: PersonsService,
    private readonly ledger: LedgerService,
    private readonly nameConflicts: NameConflictLimiter,
    private readonly accounts: AccountsService,
    private readonly volunteers: VolunteersRepository,
    private readonly volunteerViews: VolunteerViewsReadModel,
  ) {}

  /** Accounts asks the time bank, which knows volunteers, who besides an ADMIN may reset a volunteer's password. */
  onModuleInit(): void {
    this.accounts.setVolunteerResetScope((tx, actor, userId) => this.mayResetPassword(tx, actor, userId));
  }

  /**
   * Whether `actor` may reset the password of the VOLUNTEER account `userId` (DESIGN.md access): a municipal planner
   * any volunteer's, a district planner those living in its region, an institution admin those its institution
   * signed up or whose service it verified. One query.
   */
  mayResetPassword(tx: EntityManager, actor: Actor, userId: string): Promise<boolean> {
    return this.volunteerViews.isInResetScope(userId, actor, tx);
  }

  /**
   * Public sign-up (`actor` null, rate-limited per client) or an institution admin registering someone who cannot
   * sign up alone (phone optional; region defaults to the institution's). A public caller learns only that the
   * input is well-formed: an ID number stored under another name, a person who already volunteers or a taken
   * username all get the same generic answer. An admin, who is accountable, gets the specific reason.
   */
  async register(actor: Actor | null, input: RegisterVolunteerInput, client: string): Promise<VolunteerView> {
    const onBehalf = actor?.role === Role.INSTITUTION_ADMIN;
    if (!onBehalf) this.limiter.volunteerSignUp(client);
    const refuse = (specific: DomainError) => (onBehalf ? specific : new BadUserInputError(SIGN_UP_REFUSED));

    const problems = new InputProblems();
    const idNumber = normalizeResidentId(input.idNumber);
    if (!isValidResidentId(idNumber)) problems.add('idNumber', msg('timebank.idnumberIsNotAValid'));
    else {
      problems.check(
        ageOn(parseResidentId(idNumber).birthDate, todayInShanghai()) >= MIN_WORKING_AGE,
        'idNumber',
        msg('timebank.volunteersMustBeAtLeast', { min: MIN_WORKING_AGE }),
      );
    }
    const name = normalizeName(input.name);
    const nameProblem = checkName(name);
    if (nameProblem) problems.add('name', nameProblem);
    let phone: string | null = null;
    if (input.phone != null && input.phone.trim() !== '') {
      phone = normalizePhone(input.phone);
      problems.check(phone !== null, 'phone', msg('timebank.phoneMustBeAMobile'));
    } else if (!onBehalf) problems.add('phone', msg('timebank.phoneIsRequired'));
    const regionCode = input.regionCode?.trim() || null;
    if (!regionCode && !onBehalf) problems.add('regionCode', msg('timebank.regioncodeIsRequired'));
    const username = normalizeUsername(input.username);
    problems.check(USERNAME.test(username), 'username', msg('timebank.usernameMustBeLettersDigits'));
    problems.check(
      input.password.length >= PASSWORD_MIN && input.password.length <= PASSWORD_MAX,
      'password',
      msg('timebank.passwordMustBeCharacters', { min: PASSWORD_MIN, max: PASSWORD_MAX }),
    );
    problems.throwIfAny();

    // Hashing happens outside the transaction: on embedded PGlite an open transaction holds the only backend.
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.unitOfWork.run(actor, 'registerVolunteer', async (tx) => {
        const region = await this.residenceRegion(tx, actor, regionCode);
        if (await this.accounts.isUsernameTaken(username, tx)) {
          throw refuse(conflict(msg('auth.usernameIsTaken', { username }), 'username'));
        }
        const existing = (await this.workforce.findPersonsByIdNumbers(tx, [idNumber])).get(idNumber);
        // An admin registering on someone's behalf learns whether the name goes with the number, within the
        // account's daily budget (the public learns nothing either way).
        const budget = existing && onBehalf ? this.nameConflicts.budget(actor!.userId) : null;
        if (budget && !budget.mayCheck()) throw withheld(budget.retryAfterSeconds);
        if (existing && existing.name !== name) {
          budget?.conflict();
          throw refuse(conflict(msg('timebank.thisIDNumberIsRegistered'), 'name'));
        }
        if (existing && (await this.volunteers.existsForPerson(existing.id, tx))) {
          throw refuse(conflict(msg('timebank.thisPersonIsAlreadyA'), 'idNumber'));
        }
        const personId =
          existing?.id ?? (await this.workforce.createPersons(tx, [{ idNumber, name, phone }])).get(idNumber)!;
        // A person first registered without a phone (as staff or someone's relative) gets the one given now.
        if (existing && phone) await this.workforce.addPhoneIfMissing(tx, existing.id, idNumber, phone);
        const user = await this.accounts.createVolunteerAccount(
          // A password an institution admin typed in is known to two people: the volunteer replaces it first.
          { username, passwordHash, mustChangePassword: onBehalf },
          tx,
        );
        const volunteer = await this.volunteers.insert(
          { userId: user.id, personId, regionCode: region, registeredBy: onBehalf ? actor.userId : null },
          tx,
        );
        await this.ledger.openAccounts(tx, volunteer.id);
        const view = (await this.views(tx, [volunteer.id]))[0]!;
        return {
          result: view,
          recordType: 'Volunteer',
          recordId: volunteer.id,
          summary: { after: { username, name: maskName(name), regionCode: region, onBehalf } },
        };
      });
    } catch (error) {
      // Two sign-ups racing for the same person or username: the loser's insert hits a unique index.
      if (error instanceof DomainError && error.code === 'CONFLICT') throw refuse(error);
      if ((error as { code?: string }).code === '23505') {
        throw refuse(conflict(msg('timebank.thisPersonOrUsernameWas')));
      }
      throw error;
    }
  }

  private async residenceRegion(tx: EntityManager, actor: Actor | null, regionCode: string | null): Promise<string> {
    if (regionCode) {
      await this.regions.assertCountyLevel(regionCode, tx);
      return regionCode;
    }
    const [institution] = await this.institutions.findByIds([actor!.institutionId!], tx);
    return institution.regionCode;
  }

  /** The caller's own volunteer profile (a VOLUNTEER account always has one). */
  async own(actor: Actor, tx?: EntityManager): Promise<VolunteerEntity> {
    const volunteer = await this.volunteers.findByUserId(actor.userId, tx);
    if (!volunteer) throw notFound(msg('thing.volunteerProfile'));
    return volunteer;
  }

  /** The caller's own volunteer profile, locked against other changes until the transaction ends. */
  async lockOwn(actor: Actor, tx: EntityManager): Promise<VolunteerEntity> {
    const volunteer = await this.volunteers.lockByUserId(actor.userId, tx);
    if (!volunteer) throw notFound(msg('thing.volunteerProfile'));
    return volunteer;
  }

  findById(id: string, tx?: EntityManager): Promise<VolunteerEntity | null> {
    return this.volunteers.findById(id, tx);
  }

  /** Volunteers with their account and person facts, in the order of `ids` (null where unknown). One query. */
  async views(tx: EntityManager | undefined, ids: readonly string[]): Promise<(VolunteerView | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.volunteerViews.views(valid, tx) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  byIds(ids: readonly string[]): Promise<(VolunteerView | null)[]> {
    return this.views(undefined, ids);
  }

  // ---- planners' look-up ----

  /**
   * Volunteers for planners in scope (a district planner: those living in its region), by name: who they are, never
   * their balances. A name prefix is normalised like any name that comes in.
   */
  async list(actor: Actor, filter: VolunteerFilter, page: PageArgs): Promise<Connection<VolunteerSummary>> {
    const problems = new InputProblems();
    let requested: string | null = null;
    if (filter.regionCode != null) {
      requested = filter.regionCode.trim();
      problems.check(requested !== '', 'regionCode', msg('timebank.regioncodeMustNotBeBlank'));
    }
    let prefix: string | null = null;
    if (filter.namePrefix != null) {
      prefix = normalizeName(filter.namePrefix);
      problems.check(
        prefix.length >= 1 && prefix.length <= MAX_NAME_PREFIX,
        'namePrefix',
        msg('timebank.nameprefixMustBeCharacters', { max: MAX_NAME_PREFIX }),
      );
    }
    problems.throwIfAny();
    const regionCode = plannerRegion(actor, requested);
    if (regionCode !== null) await this.regions.assertCountyLevel(regionCode);

    const found = await this.volunteerViews.listWithPerson({ regionCode, namePrefix: prefix }, page);
    const today = todayInShanghai();
    return {
      ...found,
      edges: found.edges.map(({ cursor, node: v }) => ({
        cursor,
        node: {
          id: v.id,
          userId: v.userId,
          regionCode: v.regionCode,
          registeredAt: v.createdAt,
          person: {
            name: v.person!.name,
            idNumberMasked: v.person!.idNumberMasked,
            age: ageOn(v.person!.birthDate, today),
          },
        },
      })),
    };
  }

  // ---- service sites ----

  serviceSites(regionCode: string | null, page: PageArgs): ReturnType<InstitutionsService['serviceSites']> {
    if (regionCode !== null && !/^\d{6}$/.test(regionCode)) {
      throw BadUserInputError.field('regionCode', msg('timebank.regioncodeMustBeADigit'));
    }
    return this.institutions.serviceSites(regionCode, page);
  }

  /** The volunteers an actor may see: the volunteer itself; anyone else only through their own records. */
  assertSelf(actor: Actor, volunteer: Pick<VolunteerEntity, 'userId'>): void {
    if (volunteer.userId !== actor.userId) throw forbidden(msg('timebank.notYourTimeBank'));
  }

  get rules() {
    return this.config.timeBank;
  }
}
