import { Injectable } from '@nestjs/common';
import { asOfOrToday, dateProblem, isIsoDate, todayInShanghai } from '../common/dates.js';
import { BadUserInputError, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, assertRegionFilterInScope, plannerRegion, Role } from '../common/roles.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { EmploymentsRepository } from './employments.repository.js';
import { HeadcountReadModel } from './headcount.read-model.js';
import type { PersonEntity } from './person.entity.js';
import { type EmploymentWithInstitution, PeopleReadModel, type PersonPageRow } from './people.read-model.js';
import { normalizeName } from './persons.js';
import type { Headcount, PeopleFilter } from './workforce.model.js';
import { byTeamAndOccupation } from './team-occupation-counts.js';
import { msg } from '../i18n/i18n.js';

export const EARLIEST_HEADCOUNT_DATE = '2000-01-01';

/** Reading people and their employments, as far as the actor's scope goes, and the headcount. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleReadModel,
    private readonly headcounts: HeadcountReadModel,
    private readonly employments: EmploymentsRepository,
    private readonly institutions: InstitutionsService,
    private readonly regions: RegionsService,
  ) {}

  async listPeople(
    actor: Actor,
    filter: PeopleFilter,
    page: PageArgs,
    withEmployments: boolean,
  ): Promise<Connection<PersonPageRow>> {
    assertRegionFilterInScope(actor, filter.regionCode);
    const problems = new InputProblems();
    if (filter.activeOn !== undefined && filter.activeOn !== null) {
      problems.check(isIsoDate(filter.activeOn), 'filter.activeOn', () =>
        dateProblem(msg('field.activeOn'), filter.activeOn)!,
      );
    }
    if (filter.minSkillLevel !== undefined) {
      problems.check(
        filter.minSkillLevel >= 1 && filter.minSkillLevel <= 5,
        'filter.minSkillLevel',
        msg('workforce.minskilllevelMustBeIsThe'),
      );
    }
    problems.throwIfAny();
    await this.assertFilterInScope(actor, filter);
    return this.people.page(actor, {
      filter,
      namePrefix: filter.namePrefix ? normalizeName(filter.namePrefix) : '',
      certificatesValidOn: filter.activeOn ?? todayInShanghai(),
      page,
      withEmployments,
    });
  }

  /** A filter naming an institution or region outside the caller's scope is refused, not answered with nobody. */
  private async assertFilterInScope(actor: Actor, filter: PeopleFilter): Promise<void> {
    if (filter.institutionId !== undefined && filter.institutionId !== null) {
      // An id that is malformed or names nothing is NOT_FOUND; one outside the caller's scope FORBIDDEN.
      const [institution] = await this.institutions.findByIds([filter.institutionId]);
      if (!institution) throw notFound(msg('thing.institution'));
      if (!this.institutions.canSee(actor, institution)) {
        throw forbidden(
          msg(
            actor.role === Role.INSTITUTION_ADMIN ? 'workforce.outsideYourInstitution' : 'planning.outsideYourRegion',
          ),
        );
      }
    }
    if (actor.role === Role.INSTITUTION_ADMIN && filter.regionCode && actor.institutionId) {
      const [institution] = await this.institutions.findByIds([actor.institutionId]);
      if (institution && filter.regionCode !== institution.regionCode && filter.regionCode !== institution.zoneCode) {
        throw forbidden(msg('workforce.outsideYourInstitution'));
      }
    }
  }

  async getPerson(actor: Actor, id: string): Promise<PersonEntity> {
    assertId(id, msg('thing.person'));
    // The person and whether the actor may see it, in one statement.
    const found = await this.people.findWithVisibility(actor, id);
    if (!found) throw notFound(msg('thing.person'));
    if (!found.visible) throw forbidden(msg('institutions.outsideYourScope'));
    return found.person;
  }

  /** Each person's employments that the actor may see, with their institutions. One query. */
  async visibleEmploymentsOf(actor: Actor, personIds: readonly string[]): Promise<EmploymentWithInstitution[][]> {
    const rows = await this.people.visibleEmploymentsOf(actor, personIds);
    const byPerson = new Map<string, EmploymentWithInstitution[]>();
    for (const row of rows) {
      const list = byPerson.get(row.personId) ?? [];
      list.push(row);
      byPerson.set(row.personId, list);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  }

  /**
   * Talent headcount on `asOf` by the DESIGN.md rule, in one statement: distinct persons with an active employment
   * (start <= D < end), each under their primary employment (the active one that started first; ties: lowest id).
   */
  async headcount(actor: Actor, asOfArg: string | undefined, regionArg: string | undefined): Promise<Headcount> {
    const problems = new InputProblems();
    const asOf = asOfOrToday(asOfArg, problems, EARLIEST_HEADCOUNT_DATE);

    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const rows = await this.headcounts.counts(asOf, regionCode);
    // An unknown region counts nobody; only then is it worth a second statement to tell it from an empty one.
    if (
      regionCode !== null &&
      rows.filter((r) => r.dim !== 'anyJob').length <= 1 &&
      !(await this.regions.find(regionCode))
    ) {
      throw BadUserInputError.field('regionCode', msg('certification.regioncodeIsNotAKnown'));
    }
    const counts = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key!, r.n]));
    const anyJob = counts('anyJob');
    return {
      asOf,
      regionCode,
      total: rows.find((r) => r.dim === 'total')?.n ?? 0,
      ...byTeamAndOccupation(counts('team'), counts('occupation')),
      byRegion: [...counts('region')]
        .map(([code, count]) => ({ regionCode: code, count, withAnyJob: anyJob.get(code) ?? count }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  }

  /** Per institution, today: distinct active staff and distinct persons in an active SOCIAL_WORKER job. One query. */
  async staffCounts(institutionIds: readonly string[]): Promise<{ staff: number; socialWorkers: number }[]> {
    const rows = await this.employments.countActiveStaff(institutionIds, todayInShanghai());
    const byId = new Map(rows.map((r) => [r.institution_id, r]));
    return institutionIds.map((id) => ({
      staff: byId.get(id)?.staff ?? 0,
      socialWorkers: byId.get(id)?.social_workers ?? 0,
    }));
  }
}
