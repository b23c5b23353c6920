import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AccountsService, normalizeUsername } from '../auth/accounts.service.js';
import { hashPassword } from '../auth/passwords.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { UserEntity } from '../auth/user.entity.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../common/validation/password-length.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, DomainError, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { isValidResidentId, normalizeResidentId, parseResidentId } from '../common/validation/resident-id.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NameConflictLimiter, withheld } from '../common/name-conflicts.js';
import { PiiCipher } from '../common/pii.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { RegionsService } from '../regions/regions.service.js';
import {
  checkName,
  maskName,
  MIN_WORKING_AGE,
  normalizeName,
  normalizePhone,
  personColumns,
} from '../workforce/persons.js';
import { PersonsService } from '../workforce/persons.service.js';
import { LedgerService } from './ledger.service.js';
import { CareRedemptionEntity, RelativeEntity, VolunteerEntity } from './timebank.entities.js';
import { RedemptionStatus, Relationship } from './timebank.enums.js';
import type {
  RegisterRelativeInput,
  RegisterVolunteerInput,
  Relative,
  Volunteer,
  VolunteerFilter,
  VolunteerSummary,
} from './timebank.model.js';
import { ageOn, implausibleRelationship } from './timebank-rules.js';
import { msg } from '../i18n/i18n.js';

/** The one answer a public sign-up gives for any mismatch or duplicate, so that it reveals nothing. */
export const SIGN_UP_REFUSED = msg('timebank.signUpRefused');
const MAX_RELATIVES = 20;
const MAX_NAME_PREFIX = 50;
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

/** A volunteer with the person and account facts the API shows. */
export interface VolunteerView extends Volunteer {
  name: string;
  idNumberMasked: string;
  birthDate: string;
}

const VOLUNTEER_VIEW_SQL = `
  SELECT v.id, v.user_id AS "userId", v.person_id AS "personId", v.region_code AS "regionCode",
         v.created_at AS "registeredAt", u.username, p.name, p.id_number_masked AS "idNumberMasked",
         to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate"
  FROM volunteer v JOIN app_user u ON u.id = v.user_id JOIN person p ON p.id = v.person_id`;

/** Volunteers (sign-up, on-behalf registration) and their relatives. */
@Injectable()
export class VolunteersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly limiter: RateLimiter,
    private readonly regions: RegionsService,
    private readonly institutions: InstitutionsService,
    private readonly workforce: PersonsService,
    private readonly ledger: LedgerService,
    private readonly pii: PiiCipher,
    private readonly nameConflicts: NameConflictLimiter,
    private readonly accounts: AccountsService,
  ) {}

  /** Accounts asks the time bank, which knows volunteers, who besides an ADMIN may reset a volunteer's password. */
  onModuleInit(): void {
    this.accounts.setVolunteerResetScope((em, actor, userId) => this.mayResetPassword(em, actor, userId));
  }

  /**
   * Whether `actor` may reset the password of the VOLUNTEER account `userId` (DESIGN.md access): a municipal planner
   * any volunteer's, a district planner those living in its region, an institution admin those its institution
   * signed up or whose service it verified. One query.
   */
  async mayResetPassword(em: EntityManager, actor: Actor, userId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM volunteer v
       WHERE v.user_id = $1 AND CASE $2::role
         WHEN 'MUNICIPAL_PLANNER' THEN true
         WHEN 'DISTRICT_PLANNER' THEN v.region_code = $3
         WHEN 'INSTITUTION_ADMIN' THEN
           EXISTS (SELECT 1 FROM app_user a WHERE a.id = v.registered_by AND a.institution_id = $4)
           OR EXISTS (SELECT 1 FROM service_record s
                      WHERE s.volunteer_id = v.id AND s.institution_id = $4 AND s.status = 'VERIFIED')
         ELSE false END`,
      [userId, actor.role, actor.regionCode, actor.institutionId],
    );
    return rows.length > 0;
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
      return await this.unitOfWork.run(actor, 'registerVolunteer', async (em) => {
        const region = await this.residenceRegion(em, actor, regionCode);
        if (await em.existsBy(UserEntity, { username })) {
          throw refuse(conflict(msg('auth.usernameIsTaken', { username }), 'username'));
        }
        const existing = (await this.workforce.findPersonsByIdNumbers(em, [idNumber])).get(idNumber);
        // An admin registering on someone's behalf learns whether the name goes with the number, within the
        // account's daily budget (the public learns nothing either way).
        const budget = existing && onBehalf ? this.nameConflicts.budget(actor!.userId) : null;
        if (budget && !budget.mayCheck()) throw withheld(budget.retryAfterSeconds);
        if (existing && existing.name !== name) {
          budget?.conflict();
          throw refuse(conflict(msg('timebank.thisIDNumberIsRegistered'), 'name'));
        }
        if (existing && (await em.existsBy(VolunteerEntity, { personId: existing.id }))) {
          throw refuse(conflict(msg('timebank.thisPersonIsAlreadyA'), 'idNumber'));
        }
        const personId =
          existing?.id ?? (await this.workforce.createPersons(em, [{ idNumber, name, phone }])).get(idNumber)!;
        // A person first registered without a phone (as staff or someone's relative) gets the one given now.
        if (existing && phone) await this.workforce.addPhoneIfMissing(em, existing.id, idNumber, phone);
        const user = em.create(UserEntity, {
          username,
          passwordHash,
          role: Role.VOLUNTEER,
          regionCode: null,
          institutionId: null,
          evaluationBodyId: null,
          // A password an institution admin typed in is known to two people: the volunteer replaces it first.
          mustChangePassword: onBehalf,
        });
        await em.insert(UserEntity, user);
        const volunteer = em.create(VolunteerEntity, {
          userId: user.id,
          personId,
          regionCode: region,
          registeredBy: onBehalf ? actor.userId : null,
        });
        await em.insert(VolunteerEntity, volunteer);
        await this.ledger.openAccounts(em, volunteer.id);
        const view = (await this.views(em, [volunteer.id]))[0]!;
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

  private async residenceRegion(em: EntityManager, actor: Actor | null, regionCode: string | null): Promise<string> {
    if (regionCode) {
      await this.regions.assertCountyLevel(regionCode, em);
      return regionCode;
    }
    const [institution] = await this.institutions.findByIds([actor!.institutionId!], em);
    return (institution as InstitutionEntity).regionCode;
  }

  /** The caller's own volunteer profile (a VOLUNTEER account always has one). */
  async own(actor: Actor, em: EntityManager = this.dataSource.manager): Promise<VolunteerEntity> {
    const volunteer = await em.findOneBy(VolunteerEntity, { userId: actor.userId });
    if (!volunteer) throw notFound(msg('thing.volunteerProfile'));
    return volunteer;
  }

  /** Volunteers with their account and person facts, in the order of `ids` (null where unknown). One query. */
  async views(em: EntityManager, ids: readonly string[]): Promise<(VolunteerView | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows: VolunteerView[] = valid.length
      ? await em.query(`${VOLUNTEER_VIEW_SQL} WHERE v.id = ANY($1::uuid[])`, [valid])
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  byIds(ids: readonly string[]): Promise<(VolunteerView | null)[]> {
    return this.views(this.dataSource.manager, ids);
  }

  // ---- relatives ----

  /**
   * Registers a direct relative of the calling volunteer. The ID number and name are kept on the relative, never
   * written to the registry, and the answer is the same whether or not the registry knows the person: a volunteer
   * can neither create nor claim a person, nor test what the registry holds. The relative "has an account" (and can
   * receive transfers) once a volunteer holds this ID number under this name. Rate-limited per account per day.
   * The same ID number again with the same name and relationship returns the stored relative; otherwise CONFLICT.
   */
  async registerRelative(actor: Actor, input: RegisterRelativeInput): Promise<Relative> {
    this.limiter.relativeRegistration(actor.userId);
    const problems = new InputProblems();
    const idNumber = normalizeResidentId(input.idNumber);
    problems.check(isValidResidentId(idNumber), 'idNumber', msg('timebank.idnumberIsNotAValid'));
    const name = normalizeName(input.name);
    const nameProblem = checkName(name);
    if (nameProblem) problems.add('name', nameProblem);
    problems.check(
      Object.values(Relationship).includes(input.relationship),
      'relationship',
      msg('timebank.relationshipIsNotAKnown'),
    );
    problems.throwIfAny();
    const ids = personColumns(this.pii, idNumber, null);

    return this.unitOfWork.run(actor, 'registerRelative', async (em) => {
      const volunteer = await em.findOne(VolunteerEntity, {
        where: { userId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!volunteer) throw notFound(msg('thing.volunteerProfile'));
      const [own]: { hash: string; birthDate: string }[] = await em.query(
        `SELECT trim(id_number_hash) AS hash, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM person WHERE id = $1`,
        [volunteer.personId],
      );
      if (own.hash === ids.idNumberHash) throw BadUserInputError.field('idNumber', msg('timebank.thatIsYourOwnID'));
      const implausible = implausibleRelationship(
        input.relationship,
        own.birthDate,
        parseResidentId(idNumber).birthDate,
        todayInShanghai(),
      );
      if (implausible) throw BadUserInputError.field('relationship', implausible);
      const stored = await em.findOneBy(RelativeEntity, {
        volunteerId: volunteer.id,
        idNumberHash: ids.idNumberHash,
        removedAt: IsNull(),
      });
      let repeated = false;
      let relativeId: string;
      if (stored) {
        if (stored.relationship !== input.relationship || stored.name !== name) {
          throw conflict(
            msg('timebank.thisIDNumberIsAlready', { relationship: stored.relationship, name: stored.name }),
            stored.name !== name ? 'name' : 'relationship',
          );
        }
        repeated = true;
        relativeId = stored.id;
      } else {
        const count = await em.countBy(RelativeEntity, { volunteerId: volunteer.id, removedAt: IsNull() });
        if (count >= MAX_RELATIVES) {
          throw BadUserInputError.field('idNumber', msg('timebank.atMostRelativesMayBe', { max: MAX_RELATIVES }));
        }
        const relative = em.create(RelativeEntity, {
          volunteerId: volunteer.id,
          idNumberHash: ids.idNumberHash,
          idNumberEncrypted: ids.idNumberEncrypted,
          idNumberMasked: ids.idNumberMasked,
          name,
          birthDate: parseResidentId(idNumber).birthDate,
          relationship: input.relationship,
        });
        await em.insert(RelativeEntity, relative);
        relativeId = relative.id;
      }
      const [view] = await this.relativeViews(em, volunteer.id, [relativeId]);
      return {
        result: view,
        recordType: 'Relative',
        recordId: relativeId,
        summary: { after: { relationship: input.relationship, name: maskName(name) }, repeated },
      };
    });
  }

  /**
   * A volunteer's relatives (or only `ids` among them), in registration order, each with the volunteer account it
   * has, if any: a volunteer whose person has the relative's ID number under the relative's name. One query.
   */
  async relativeViews(
    em: EntityManager,
    volunteerId: string,
    ids: readonly string[] | null = null,
  ): Promise<(Relative & { birthDate: string; volunteerId: string | null })[]> {
    const rows: {
      id: string;
      relationship: Relationship;
      name: string;
      idNumberMasked: string;
      birthDate: string;
      relativeVolunteerId: string | null;
    }[] = await em.query(
      `SELECT r.id, r.relationship, r.name, r.id_number_masked AS "idNumberMasked",
              to_char(r.birth_date, 'YYYY-MM-DD') AS "birthDate", rv.id AS "relativeVolunteerId"
       FROM relative r
       LEFT JOIN person p ON p.id_number_hash = r.id_number_hash AND p.name = r.name
       LEFT JOIN volunteer rv ON rv.person_id = p.id
       WHERE r.volunteer_id = $1 AND r.removed_at IS NULL AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
       ORDER BY r.created_at, r.relationship, r.id`,
      [volunteerId, ids ? ids.filter(isUuid) : null],
    );
    const today = todayInShanghai();
    return rows.map((r) => ({
      id: r.id,
      relationship: r.relationship,
      name: r.name,
      idNumberMasked: r.idNumberMasked,
      birthDate: r.birthDate,
      age: ageOn(r.birthDate, today),
      hasAccount: r.relativeVolunteerId !== null,
      volunteerId: r.relativeVolunteerId,
    }));
  }

  /**
   * Removes one of the caller's relatives: it is no longer offered for transfers or care, but redemptions and the
   * statement keep its name. Refused while care redeemed for it is PENDING. Another volunteer's relative, an unknown
   * id and one already removed are all NOT_FOUND.
   */
  async removeRelative(actor: Actor, id: string): Promise<Relative> {
    return this.unitOfWork.run(actor, 'removeRelative', async (em) => {
      assertId(id, msg('thing.relative'));
      const volunteer = await this.own(actor, em);
      // Locked, so that care redeemed for this relative at the same time (it takes a share lock) either comes
      // first and is seen below, or waits and then finds the relative gone.
      const relative = await em.findOne(RelativeEntity, {
        where: { id, volunteerId: volunteer.id, removedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!relative) throw notFound(msg('thing.relative'));
      if (await em.existsBy(CareRedemptionEntity, { relativeId: id, status: RedemptionStatus.PENDING })) {
        throw BadUserInputError.field('id', msg('timebank.careRedeemedForThisRelative'));
      }
      const [view] = await this.relativeViews(em, volunteer.id, [id]);
      await em.update(RelativeEntity, { id }, { removedAt: new Date() });
      return {
        result: view,
        recordType: 'Relative',
        recordId: id,
        summary: { before: { relationship: relative.relationship, name: maskName(relative.name) }, removed: true },
      };
    });
  }

  /**
   * Locks a relative of `volunteerId` against removal until the transaction ends (a share lock: other spending
   * for the same relative goes on); false when it is not (or no longer) one of theirs.
   */
  async holdRelative(em: EntityManager, volunteerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM relative WHERE id = $1 AND volunteer_id = $2 AND removed_at IS NULL FOR SHARE',
      [id, volunteerId],
    );
    return rows.length > 0;
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

    const qb = this.dataSource
      .getRepository(VolunteerEntity)
      .createQueryBuilder('v')
      .innerJoin('v.person', 'p')
      .addSelect(['p.id', 'p.name', 'p.idNumberMasked', 'p.birthDate']);
    if (regionCode !== null) qb.andWhere('v.region_code = :regionCode', { regionCode });
    if (prefix) qb.andWhere('p.name LIKE :prefix', { prefix: `${escapeLike(prefix)}%` });
    const found = await paginate(qb, page, [
      { sql: 'p.name', value: (v) => v.person!.name },
      { sql: 'v.id', value: (v) => v.id, kind: 'uuid' },
    ]);
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

  async relativesOf(actor: Actor): Promise<Relative[]> {
    const volunteer = await this.own(actor);
    return this.relativeViews(this.dataSource.manager, volunteer.id);
  }

  // ---- service sites ----

  serviceSites(regionCode: string | null, page: PageArgs): Promise<Connection<InstitutionEntity>> {
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
