import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, inOrderOf, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, assertRegionFilterInScope, Role } from '../common/roles.js';
import { isValidCreditCode, normalizeCreditCode } from '../common/validation/credit-code.js';
import { RegionKind } from '../regions/region.enums.js';
import { RegionsService } from '../regions/regions.service.js';
import type { InstitutionEntity } from './institution.entity.js';
import { InstitutionType } from './institution.enums.js';
import {
  type InstitutionFilter,
  MAX_BEDS,
  MAX_NAME_LENGTH,
  type RegisterInstitutionInput,
  type UpdateInstitutionInput,
} from './institution.model.js';
import { type InstitutionScope, InstitutionsRepository, type ListedInstitution } from './institutions.repository.js';
import { msg } from '../i18n/i18n.js';

/** The fields an institution's own admin may change. */
const SELF_SERVICE_FIELDS = new Set(['beds', 'hasSocialWorkDepartment']);

const AUDITED_FIELDS = [
  'name',
  'creditCode',
  'regionCode',
  'zoneCode',
  'type',
  'ownership',
  'beds',
  'hasSocialWorkDepartment',
] as const;

/** Only care homes have licensed beds; 0 (a form's default) on another type means none. */
const bedsOfOtherType = (beds: number | null | undefined) => (beds === 0 ? null : (beds ?? null));

const snapshot = (i: Partial<InstitutionEntity>) => Object.fromEntries(AUDITED_FIELDS.map((f) => [f, i[f] ?? null]));

@Injectable()
export class InstitutionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly institutions: InstitutionsRepository,
  ) {}

  // ---- scope: the one place that says who sees and changes which institutions ----

  /**
   * The SQL condition on an institution row (alias `alias`) that the actor may see, with its named parameters;
   * other modules apply it to their own queries joined to `institution`.
   */
  scopeCondition(actor: Actor, alias = 'i'): InstitutionScope {
    switch (actor.role) {
      case Role.MUNICIPAL_PLANNER:
        return { sql: 'true', params: {} };
      case Role.DISTRICT_PLANNER:
        return { sql: `${alias}.region_code = :scopeRegion`, params: { scopeRegion: actor.regionCode } };
      case Role.INSTITUTION_ADMIN:
        return { sql: `${alias}.id = :scopeInstitution`, params: { scopeInstitution: actor.institutionId } };
      default:
        return { sql: 'false', params: {} };
    }
  }

  /**
   * The condition on alias `i` narrowing a query to the institutions the actor may read: its scope, and for the
   * admin every one (null: to give a new account its scope). The admin reads institutions only, never the staff of
   * one (scopeCondition).
   */
  private readScope(actor: Actor): InstitutionScope | null {
    return actor.role === Role.ADMIN ? null : this.scopeCondition(actor, 'i');
  }

  canSee(actor: Actor, institution: Pick<InstitutionEntity, 'id' | 'regionCode'>): boolean {
    switch (actor.role) {
      case Role.MUNICIPAL_PLANNER:
        return true;
      case Role.DISTRICT_PLANNER:
        return institution.regionCode === actor.regionCode;
      case Role.INSTITUTION_ADMIN:
        return institution.id === actor.institutionId;
      default:
        return false;
    }
  }

  private assertPlannerFor(actor: Actor, regionCode: string): void {
    if (actor.role === Role.MUNICIPAL_PLANNER) return;
    if (actor.role === Role.DISTRICT_PLANNER && actor.regionCode === regionCode) return;
    throw forbidden(msg('institutions.notAllowedToManageInstitutions', { regionCode }));
  }

  // ---- reads ----

  async list(actor: Actor, filter: InstitutionFilter, page: PageArgs): Promise<Connection<ListedInstitution>> {
    assertRegionFilterInScope(actor, filter.regionCode);
    return this.institutions.list({ ...filter, scope: this.readScope(actor) }, page);
  }

  /**
   * Every registered institution is a service site where volunteers may serve and redeem care: a list open to any
   * signed-in account, showing only public facts (the caller picks what to read from it).
   */
  serviceSites(regionCode: string | null, page: PageArgs): Promise<Connection<ListedInstitution>> {
    return this.institutions.list({ scope: null, regionCode }, page);
  }

  async get(actor: Actor, id: string): Promise<InstitutionEntity> {
    assertId(id, msg('thing.institution'));
    const institution = await this.institutions.findById(id);
    if (!institution) throw notFound(msg('thing.institution'));
    if (actor.role !== Role.ADMIN && !this.canSee(actor, institution))
      throw forbidden(msg('institutions.outsideYourScope'));
    return institution;
  }

  /** For nested fields: the institutions the actor may see among `ids`, null for the rest. One query. */
  visibleByIds(actor: Actor, ids: readonly string[]): Promise<(InstitutionEntity | null)[]> {
    return inOrderOf(ids, (valid) => this.institutions.findInScope(valid, this.readScope(actor)));
  }

  /** For other modules' checks inside their transaction: the institutions among `ids` that exist. One query. */
  findByIds(ids: readonly string[], em?: EntityManager): Promise<InstitutionEntity[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    return valid.length ? this.institutions.findByIds(valid, em) : Promise.resolve([]);
  }

  /**
   * Any institutions by id, whatever the caller's scope, in the order of `ids` (null where none): for loaders of
   * public facts (service sites) and for the admin, who reads every institution. The caller decides who may read
   * them. One query.
   */
  anyByIds(ids: readonly string[]): Promise<(InstitutionEntity | null)[]> {
    return inOrderOf(ids, (valid) => this.institutions.findByIds(valid));
  }

  /** For other modules' checks inside their transaction. */
  exists(id: string, em?: EntityManager): Promise<boolean> {
    return this.institutions.exists(id, em);
  }

  // ---- writes ----

  async register(actor: Actor, input: RegisterInstitutionInput): Promise<InstitutionEntity> {
    this.assertPlannerFor(actor, input.regionCode);
    return this.unitOfWork.run(actor, 'registerInstitution', async (tx) => {
      const creditCode = normalizeCreditCode(input.creditCode);
      const row: Partial<InstitutionEntity> = {
        name: input.name.trim(),
        creditCode,
        regionCode: input.regionCode,
        zoneCode: input.zoneCode ?? null,
        type: input.type,
        ownership: input.ownership,
        beds: input.type === InstitutionType.CARE_HOME ? (input.beds ?? 0) : bedsOfOtherType(input.beds),
        hasSocialWorkDepartment: input.hasSocialWorkDepartment ?? false,
      };
      await this.validate(tx, row);
      await this.assertCreditCodeFree(tx, creditCode);
      const institution = await this.institutions.insert(row, tx);
      return {
        result: institution,
        recordType: 'Institution',
        recordId: institution.id,
        summary: { after: snapshot(institution) },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateInstitutionInput): Promise<InstitutionEntity> {
    assertId(id, msg('thing.institution'));
    return this.unitOfWork.run(actor, 'updateInstitution', async (tx) => {
      const institution = await this.institutions.findForUpdate(id, tx);
      if (!institution) throw notFound(msg('thing.institution'));
      const changes = Object.fromEntries(
        Object.entries(input).filter(
          ([field, value]) => value !== undefined && (value !== null || field === 'zoneCode' || field === 'beds'),
        ),
      ) as Partial<InstitutionEntity>;

      if (actor.role === Role.INSTITUTION_ADMIN) {
        if (institution.id !== actor.institutionId) throw forbidden(msg('institutions.notYourInstitution'));
        const refused = Object.keys(changes).filter((f) => !SELF_SERVICE_FIELDS.has(f));
        if (refused.length)
          throw forbidden(msg('institutions.anInstitutionAdminMayNot', { fields: refused.join(', ') }));
      } else {
        this.assertPlannerFor(actor, institution.regionCode);
        if (changes.regionCode) this.assertPlannerFor(actor, changes.regionCode);
      }

      const before = snapshot(institution);
      const next: Partial<InstitutionEntity> = { ...institution, ...changes };
      if (changes.creditCode) next.creditCode = normalizeCreditCode(changes.creditCode);
      if (changes.name) next.name = changes.name.trim();
      // A care home always has a bed count (0 when it becomes one without a figure; an explicit null is refused
      // below rather than silently zeroing its beds); other types never do.
      if (next.type === InstitutionType.CARE_HOME && changes.beds === undefined) next.beds ??= 0;
      else if (changes.type && changes.beds === undefined) next.beds = null;
      else if (next.type !== InstitutionType.CARE_HOME) next.beds = bedsOfOtherType(next.beds);
      await this.validate(tx, next);
      if (next.creditCode !== institution.creditCode) await this.assertCreditCodeFree(tx, next.creditCode!);

      Object.assign(institution, next);
      await this.institutions.save(institution, tx);
      const after = snapshot(institution);
      const changed = AUDITED_FIELDS.filter((f) => before[f] !== after[f]);
      return {
        result: institution,
        recordType: 'Institution',
        recordId: institution.id,
        summary: {
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, after[f]])),
        },
      };
    });
  }

  /** Every problem of the resulting record at once. */
  private async validate(tx: EntityManager, i: Partial<InstitutionEntity>): Promise<void> {
    const problems = new InputProblems();
    const name = i.name?.trim() ?? '';
    problems.check(
      name.length >= 1 && name.length <= MAX_NAME_LENGTH,
      'name',
      msg('certification.nameMustBeCharactersNot', { max: MAX_NAME_LENGTH }),
    );
    problems.check(isValidCreditCode(i.creditCode ?? ''), 'creditCode', msg('certification.creditcodeIsNotAValid'));
    const region = await this.regions.find(i.regionCode!, tx);
    problems.check(
      region !== null && this.regions.isCountyLevel(region),
      'regionCode',
      msg('institutions.regioncodeMustBeADistrict'),
    );
    // Any given zone, even an empty string, must be a real functional zone (it is a foreign key).
    if (i.zoneCode !== null && i.zoneCode !== undefined) {
      const zone = await this.regions.find(i.zoneCode, tx);
      problems.check(
        zone?.kind === RegionKind.FUNCTIONAL_ZONE,
        'zoneCode',
        msg('institutions.zonecodeMustBeAFunctional'),
      );
    }
    if (i.type === InstitutionType.CARE_HOME) {
      problems.check(
        Number.isInteger(i.beds) && i.beds! >= 0 && i.beds! <= MAX_BEDS,
        'beds',
        msg('institutions.bedsMustBe', { max: MAX_BEDS }),
      );
    } else {
      problems.check(i.beds === null || i.beds === undefined, 'beds', msg('institutions.onlyCareHomesCAREHOME'));
    }
    problems.throwIfAny();
  }

  private async assertCreditCodeFree(tx: EntityManager, creditCode: string): Promise<void> {
    if (await this.institutions.creditCodeTaken(creditCode, tx)) {
      throw conflict(msg('institutions.anInstitutionWithCreditCode', { creditCode }), 'creditCode');
    }
  }
}
