import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { BatchResult } from '../common/batch.js';
import { recordConflicts, runBatch } from '../common/batch-run.js';
import { isIsoDate, period, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import { NameConflictLimiter, withheld } from '../common/name-conflicts.js';
import { maskPhone, PiiCipher } from '../common/pii.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import type { InstitutionEntity } from '../institutions/institution.entity.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { EmploymentEntity } from './employment.entity.js';
import { PersonEntity } from './person.entity.js';
import { employmentActiveOn } from '../common/counting-rules.js';
import { primaryJobsSql } from './primary-jobs.js';
import { validOnSql } from '../certification/certificate-status.js';
import {
  checkName,
  checkStaffRow,
  latestEndDate,
  normalizeName,
  normalizePhone,
  insertPersonRows,
  maskName,
  personColumns,
  type PreparedStaff,
  type StaffRowInput,
} from './staff-row.js';
import type { CorrectPersonInput, Headcount, PeopleFilter } from './workforce.model.js';
import { type EndReason, Occupation, type Sex, Team } from './workforce.enums.js';
import { parseResidentId } from '../common/validation/resident-id.js';
import { msg } from '../i18n/i18n.js';

export const MAX_BATCH_ROWS = 5_000;
export const EARLIEST_HEADCOUNT_DATE = '2000-01-01';
const MAX_REASON_LENGTH = 500;

/** An employment as nested under a person, with its institution (for priming the institution loader). */
export interface EmploymentWithInstitution extends EmploymentEntity {
  institution: InstitutionEntity;
}

/** A person row of a people page, with the employments the caller may see when the query asked for them. */
export type PersonPageRow = PersonEntity & { visibleEmployments?: EmploymentWithInstitution[] };

/** Columns of an employment, with its institution, as one JSON object per row (for the one-statement people page). */
const EMPLOYMENT_JSON = `json_build_object(
  'id', e.id, 'personId', e.person_id, 'institutionId', e.institution_id, 'occupation', e.occupation,
  'team', e.team, 'postType', e.post_type, 'startDate', e.start_date, 'endDate', e.end_date,
  'endReason', e.end_reason, 'createdAt', e.created_at,
  'institution', json_build_object(
    'id', i.id, 'name', i.name, 'creditCode', i.credit_code, 'regionCode', i.region_code, 'zoneCode', i.zone_code,
    'type', i.type, 'ownership', i.ownership, 'beds', i.beds, 'hasSocialWorkDepartment', i.has_social_work_department,
    'createdAt', i.created_at, 'updatedAt', i.updated_at))`;

/** The order employments are listed in: as the primary-employment rule ranks them. */
const EMPLOYMENT_ORDER = 'e.start_date, e.id';

@Injectable()
export class WorkforceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly institutions: InstitutionsService,
    private readonly regions: RegionsService,
    private readonly pii: PiiCipher,
    private readonly nameConflicts: NameConflictLimiter,
  ) {}

  // ---- scope: who sees which persons and employments ----

  /** SQL condition: person `p` has an employment the actor may see matching `extra`, with its parameters. */
  private visibleEmploymentExists(actor: Actor, extra: string[] = [], params: Record<string, unknown> = {}) {
    const scope = this.institutions.scopeCondition(actor, 'si');
    const conditions = ['se.person_id = p.id', scope.sql, ...extra].join(' AND ');
    return {
      sql: `EXISTS (SELECT 1 FROM employment se JOIN institution si ON si.id = se.institution_id WHERE ${conditions})`,
      params: { ...scope.params, ...params },
    };
  }

  private async canSeePerson(actor: Actor, personId: string, em: EntityManager): Promise<boolean> {
    if (actor.role === Role.MUNICIPAL_PLANNER) return true;
    const exists = this.visibleEmploymentExists(actor);
    const row = await em
      .createQueryBuilder(PersonEntity, 'p')
      .select('1')
      .where('p.id = :personId', { personId })
      .andWhere(exists.sql, exists.params)
      .getRawOne();
    return row !== undefined;
  }

  private assertMayRegisterAt(actor: Actor, institution: InstitutionEntity): void {
    if (!this.institutions.canSee(actor, institution)) {
      throw forbidden(msg('workforce.youMayRegisterAndEnd'));
    }
  }

  // ---- reads ----

  async listPeople(
    actor: Actor,
    filter: PeopleFilter,
    page: PageArgs,
    withEmployments: boolean,
  ): Promise<Connection<PersonPageRow>> {
    if (actor.role === Role.DISTRICT_PLANNER && filter.regionCode && filter.regionCode !== actor.regionCode) {
      throw forbidden(msg('certification.outsideYourRegion', { regionCode: actor.regionCode }));
    }
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

    const extra: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.regionCode) {
      extra.push('(si.region_code = :fRegion OR si.zone_code = :fRegion)');
      params.fRegion = filter.regionCode;
    }
    if (filter.institutionId) {
      extra.push('se.institution_id = :fInstitution');
      params.fInstitution = filter.institutionId;
    }
    if (filter.occupation) {
      extra.push('se.occupation = :fOccupation');
      params.fOccupation = filter.occupation;
    }
    if (filter.team) {
      extra.push('se.team = :fTeam');
      params.fTeam = filter.team;
    }
    if (filter.activeOn) {
      extra.push(employmentActiveOn('se', ':fActiveOn'));
      params.fActiveOn = filter.activeOn;
    }

    const qb = this.dataSource.getRepository(PersonEntity).createQueryBuilder('p');
    // A municipal planner sees every person, employed or not; anyone else only people employed in their scope.
    if (actor.role !== Role.MUNICIPAL_PLANNER || extra.length > 0) {
      const exists = this.visibleEmploymentExists(actor, extra, params);
      qb.andWhere(exists.sql, exists.params);
    }
    if (filter.certificateKind || filter.minSkillLevel !== undefined) {
      // The certificate table is read here (the certification module builds on this one); the validity rule is its.
      const conditions = ['c.person_id = p.id', 'c.kind = :fCertificateKind', validOnSql('c', ':fValidOn')];
      if (filter.minSkillLevel !== undefined) conditions.push('c.level <= :fMinLevel');
      qb.andWhere(`EXISTS (SELECT 1 FROM certificate c WHERE ${conditions.join(' AND ')})`, {
        fCertificateKind: filter.certificateKind ?? 'NURSING_ASSISTANT_SKILL',
        fValidOn: filter.activeOn ?? todayInShanghai(),
        fMinLevel: filter.minSkillLevel,
      });
    }
    const prefix = filter.namePrefix ? normalizeName(filter.namePrefix) : '';
    if (prefix) qb.andWhere(`p.name LIKE :prefix`, { prefix: `${escapeLike(prefix)}%` });

    if (withEmployments) {
      // The page's employments come in the same statement, so a page costs one round trip.
      const scope = this.institutions.scopeCondition(actor, 'i');
      qb.addSelect(
        `(SELECT coalesce(json_agg(${EMPLOYMENT_JSON} ORDER BY ${EMPLOYMENT_ORDER}), '[]'::json)
          FROM employment e JOIN institution i ON i.id = e.institution_id
          WHERE e.person_id = p.id AND ${scope.sql})`,
        'visible_employments',
      ).setParameters(scope.params);
    }
    // Without a name condition, the total is the number of distinct people among the matching employments: far
    // cheaper than testing every person for one (7 ms instead of 130 for a district of 7,000 among 200,000).
    let count: SelectQueryBuilder<ObjectLiteral> | undefined;
    const personConditions = prefix || filter.certificateKind || filter.minSkillLevel !== undefined;
    if (!personConditions && (actor.role !== Role.MUNICIPAL_PLANNER || extra.length > 0)) {
      const scope = this.institutions.scopeCondition(actor, 'si');
      count = this.dataSource
        .createQueryBuilder()
        .select('count(DISTINCT se.person_id)')
        .from('employment', 'se')
        .innerJoin('institution', 'si', 'si.id = se.institution_id')
        .where([scope.sql, ...extra].join(' AND '), { ...scope.params, ...params });
    }
    const connection = await paginate(
      qb,
      page,
      [
        { sql: 'p.name', value: (p) => p.name },
        { sql: 'p.id', value: (p) => p.id, kind: 'uuid' },
      ],
      'ASC',
      { count },
    );
    if (withEmployments) {
      connection.edges.forEach((edge, i) => {
        const raw = connection.raw[i] as { visible_employments: EmploymentWithInstitution[] };
        (edge.node as PersonPageRow).visibleEmployments = raw.visible_employments;
      });
    }
    return connection;
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
    const exists =
      actor.role === Role.MUNICIPAL_PLANNER ? { sql: 'true', params: {} } : this.visibleEmploymentExists(actor);
    const { entities, raw } = await this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .addSelect(exists.sql, 'visible')
      .where('p.id = :id', { id })
      .setParameters(exists.params)
      .getRawAndEntities<{ visible: boolean }>();
    if (entities.length === 0) throw notFound(msg('thing.person'));
    if (!raw[0].visible) throw forbidden(msg('institutions.outsideYourScope'));
    return entities[0];
  }

  /** Persons by id, for nested fields whose parent the actor already may see. One query. */
  async personsByIds(ids: readonly string[]): Promise<(PersonEntity | null)[]> {
    const rows = await this.dataSource.getRepository(PersonEntity).findBy({ id: inIds(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Each person's employments that the actor may see, with their institutions. One query. */
  async visibleEmploymentsOf(actor: Actor, personIds: readonly string[]): Promise<EmploymentWithInstitution[][]> {
    const scope = this.institutions.scopeCondition(actor, 'i');
    const rows = await this.dataSource
      .getRepository(EmploymentEntity)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.institution', 'i')
      .where('e.person_id IN (:...personIds)', { personIds: personIds.filter(isUuid).concat(NIL_UUID) })
      .andWhere(scope.sql, scope.params)
      .orderBy('e.start_date')
      .addOrderBy('e.id')
      .getMany();
    const byPerson = new Map<string, EmploymentWithInstitution[]>();
    for (const row of rows as EmploymentWithInstitution[]) {
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
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    const problems = new InputProblems();
    problems.check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!);
    problems.check(asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }));
    problems.check(
      asOf >= EARLIEST_HEADCOUNT_DATE,
      'asOf',
      msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_HEADCOUNT_DATE }),
    );

    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const rows: { dim: 'total' | 'team' | 'occupation' | 'region' | 'anyJob'; key: string | null; n: number }[] =
      await this.dataSource.query(
        `WITH primary_job AS (${primaryJobsSql('$1::date', regionCode !== null ? '$2::varchar' : undefined)})
         SELECT CASE WHEN GROUPING(team) = 0 THEN 'team' WHEN GROUPING(occupation) = 0 THEN 'occupation'
                     WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'total' END AS dim,
                coalesce(team::text, occupation::text, region_code) AS key,
                count(*)::int AS n
           FROM primary_job
          WHERE $2::varchar IS NULL OR region_code = $2::varchar OR zone_code = $2::varchar
          GROUP BY GROUPING SETS ((), (team), (occupation), (region_code))
         UNION ALL
         -- People with any active job in each district (in the zone, when a zone is asked for), primary or not.
         SELECT 'anyJob', i.region_code, count(DISTINCT e.person_id)::int
           FROM employment e JOIN institution i ON i.id = e.institution_id
          WHERE ${employmentActiveOn('e', '$1::date')}
            AND ($2::varchar IS NULL OR i.region_code = $2::varchar OR i.zone_code = $2::varchar)
          GROUP BY i.region_code`,
        [asOf, regionCode],
      );
    // An unknown region counts nobody; only then is it worth a second statement to tell it from an empty one.
    if (
      regionCode !== null &&
      rows.filter((r) => r.dim !== 'anyJob').length <= 1 &&
      !(await this.regions.find(regionCode))
    ) {
      throw BadUserInputError.field('regionCode', msg('certification.regioncodeIsNotAKnown'));
    }
    const counts = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key!, r.n]));
    const teams = counts('team');
    const occupations = counts('occupation');
    const anyJob = counts('anyJob');
    return {
      asOf,
      regionCode,
      total: rows.find((r) => r.dim === 'total')?.n ?? 0,
      byTeam: Object.values(Team).map((team) => ({ team, count: teams.get(team) ?? 0 })),
      byOccupation: Object.values(Occupation).map((occupation) => ({
        occupation,
        count: occupations.get(occupation) ?? 0,
      })),
      byRegion: [...counts('region')]
        .map(([code, count]) => ({ regionCode: code, count, withAnyJob: anyJob.get(code) ?? count }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  }

  /** Per institution, today: distinct active staff and distinct persons in an active SOCIAL_WORKER job. One query. */
  async staffCounts(institutionIds: readonly string[]): Promise<{ staff: number; socialWorkers: number }[]> {
    const rows: { institution_id: string; staff: number; social_workers: number }[] = await this.dataSource.query(
      `SELECT institution_id, count(DISTINCT person_id)::int AS staff,
              count(DISTINCT person_id) FILTER (WHERE occupation = 'SOCIAL_WORKER')::int AS social_workers
         FROM employment
        WHERE institution_id = ANY($1::uuid[]) AND ${employmentActiveOn('employment', '$2::date')}
        GROUP BY institution_id`,
      [institutionIds.filter(isUuid), todayInShanghai()],
    );
    const byId = new Map(rows.map((r) => [r.institution_id, r]));
    return institutionIds.map((id) => ({
      staff: byId.get(id)?.staff ?? 0,
      socialWorkers: byId.get(id)?.social_workers ?? 0,
    }));
  }

  // ---- writes ----

  async registerStaff(actor: Actor, input: StaffRowInput): Promise<EmploymentEntity> {
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'registerStaff', async (em) => {
      // An institution id that is malformed or names nothing is NOT_FOUND, before the row's own checks.
      const [institution] = await this.institutions.findByIds([input.institutionId], em);
      if (!institution) throw notFound(msg('thing.institution'));
      this.assertMayRegisterAt(actor, institution);
      const { problems, prepared } = checkStaffRow(input, today);
      if (!prepared) throw new BadUserInputError(null, problems);

      const hash = this.pii.lookupHash(prepared.idNumber);
      let person = await em.findOne(PersonEntity, {
        where: { idNumberHash: hash },
        lock: { mode: 'pessimistic_write' },
      });
      let newPerson = false;
      if (!person) {
        const inserted = await this.insertPersons(em, [prepared]);
        newPerson = inserted.size === 1;
        // Another request registered the same number meanwhile: use its row (and check its name) below.
        person = await em.findOne(PersonEntity, { where: { idNumberHash: hash }, lock: { mode: 'pessimistic_write' } });
      }
      if (!person) throw new Error('person row missing after insert');
      if (!newPerson) {
        // Whether this number goes with this name is the registry's to tell, but not at scale.
        const budget = this.nameConflicts.budget(actor.userId);
        if (!budget.mayCheck()) throw withheld(budget.retryAfterSeconds);
        if (person.name !== prepared.name) {
          budget.conflict();
          throw nameConflict();
        }
      }

      const existing = await em.findBy(EmploymentEntity, {
        personId: person.id,
        institutionId: prepared.institutionId,
        occupation: prepared.occupation,
      });
      const identical = existing.find((e) => e.startDate === prepared.startDate);
      if (identical) {
        if (identical.postType !== prepared.postType) {
          throw conflict(
            msg('workforce.thisEmploymentIsAlreadyRegistered', {
              startDate: identical.startDate,
              postType: identical.postType,
            }),
            'postType',
          );
        }
        // A retried registration: answer with the stored employment, write nothing.
        return {
          result: identical,
          recordType: 'Employment',
          recordId: identical.id,
          summary: { repeated: true },
        };
      }
      const overlapping = existing.find((e) => overlaps(e, prepared.startDate));
      if (overlapping) throw overlapConflict(overlapping);

      if (!newPerson) await this.fillBlanks(em, [{ personId: person.id, row: prepared }]);
      const employment = em.create(EmploymentEntity, {
        personId: person.id,
        institutionId: prepared.institutionId,
        occupation: prepared.occupation,
        team: prepared.team,
        postType: prepared.postType,
        startDate: prepared.startDate,
        endDate: null,
        endReason: null,
      });
      await em.insert(EmploymentEntity, employment);
      return {
        result: employment,
        recordType: 'Employment',
        recordId: employment.id,
        summary: {
          after: {
            personId: person.id,
            newPerson,
            institutionId: employment.institutionId,
            occupation: employment.occupation,
            postType: employment.postType,
            startDate: employment.startDate,
          },
        },
      };
    });
  }

  /**
   * Checks every row (formats, dates, scope, duplicates in the batch, names and jobs already stored), then writes
   * all of them in a bounded number of statements, or none. Identical stored jobs are skipped.
   */
  async registerStaffBatch(actor: Actor, rows: StaffRowInput[], dryRun: boolean): Promise<BatchResult> {
    const today = todayInShanghai();
    return runBatch(this.unitOfWork, this.nameConflicts, {
      actor,
      operation: 'registerStaffBatch',
      recordType: 'Employment',
      rows,
      dryRun,
      maxRows: MAX_BATCH_ROWS,
      checkRow: (row) => checkStaffRow(row, today),
      compare: async (em, checked, batch) => {
        const { rowError } = batch;
        // Scope and existence of every institution named, in one query.
        const institutions = new Map(
          (await this.institutions.findByIds(rows.map((r) => r.institutionId).filter(isUuid), em)).map((i) => [
            i.id,
            i,
          ]),
        );
        rows.forEach((row, index) => {
          const institution = institutions.get(String(row.institutionId ?? '').toLowerCase());
          if (!institution)
            rowError(index, 'institutionId', 'NOT_FOUND', msg('common.notFound', { what: msg('thing.institution') }));
          else if (!this.institutions.canSee(actor, institution)) {
            rowError(index, 'institutionId', 'FORBIDDEN', msg('workforce.theInstitutionIsOutsideYour'));
          }
        });

        // Persons already stored, in one query.
        const hashes = checked.map((p) => (p ? this.pii.lookupHash(p.idNumber) : null));
        const stored = new Map(
          (
            await em
              .createQueryBuilder(PersonEntity, 'p')
              .select(['p.id', 'p.idNumberHash', 'p.name', 'p.phoneMasked', 'p.education'])
              .where('p.id_number_hash = ANY(:hashes)', { hashes: hashes.filter(Boolean) })
              .setLock('pessimistic_write')
              .getMany()
          ).map((p) => [p.idNumberHash, p]),
        );
        // Their employments, in one query.
        const storedJobs = new Map<string, EmploymentEntity[]>();
        const storedIds = [...stored.values()].map((p) => p.id);
        if (storedIds.length > 0) {
          const jobs = await em
            .createQueryBuilder(EmploymentEntity, 'e')
            .where('e.person_id = ANY(:ids)', { ids: storedIds })
            .getMany();
          for (const job of jobs) storedJobs.set(job.personId, [...(storedJobs.get(job.personId) ?? []), job]);
        }

        const firstRowOfPerson = new Map<string, number>();
        const firstRowOfJob = new Map<string, number>();
        checked.forEach((row, index) => {
          if (!row) return;
          const hash = hashes[index]!;
          const earlier = firstRowOfPerson.get(hash);
          if (earlier === undefined) firstRowOfPerson.set(hash, index);
          else if (checked[earlier]!.name !== row.name) {
            rowError(index, 'name', 'CONFLICT', msg('workforce.rowHasTheSameID', { earlier }));
            return;
          }
          const person = stored.get(hash);
          if (!batch.nameMatches(index, person, row.name, nameConflict().msg)) return;
          const jobKey = `${hash}|${row.institutionId}|${row.occupation}`;
          const earlierJob = firstRowOfJob.get(jobKey);
          if (earlierJob !== undefined) {
            rowError(index, null, 'CONFLICT', msg('workforce.rowRegistersTheSamePerson', { earlierJob }));
            return;
          }
          firstRowOfJob.set(jobKey, index);
          const sameJob = (storedJobs.get(person?.id ?? '') ?? []).filter(
            (e) => e.institutionId === row.institutionId && e.occupation === row.occupation,
          );
          const identical = sameJob.find((e) => e.startDate === row.startDate);
          if (identical && identical.postType === row.postType) batch.skip(index);
          else if (identical) {
            rowError(
              index,
              'postType',
              'CONFLICT',
              msg('workforce.alreadyRegisteredFromAs', {
                startDate: identical.startDate,
                postType: identical.postType,
              }),
            );
          } else {
            const overlapping = sameJob.find((e) => overlaps(e, row.startDate));
            if (overlapping) rowError(index, 'startDate', 'CONFLICT', overlapConflict(overlapping).msg);
          }
        });
        return { hashes, stored };
      },
      write: async (em, { hashes, stored }, toWrite, counts) => {
        const newRows = toWrite.filter(({ index }) => !stored.has(hashes[index]!));
        const newPersonRows = [...new Map(newRows.map((r) => [hashes[r.index]!, r.row])).values()];
        const insertedIds = await this.insertPersons(em, newPersonRows);
        if (insertedIds.size !== newPersonRows.length) {
          // Someone registered one of these people while this batch ran: the retry will see them.
          throw conflict(msg('workforce.someOfThesePeopleWere'));
        }
        const personIdOf = (index: number) => stored.get(hashes[index]!)?.id ?? insertedIds.get(hashes[index]!)!;
        const fills = toWrite.filter(({ index }) => stored.has(hashes[index]!));
        await this.fillBlanks(
          em,
          fills.map(({ row, index }) => ({ personId: personIdOf(index), row })),
        );
        const insertedJobs = await this.insertEmployments(
          em,
          toWrite.map(({ row, index }) => ({ personId: personIdOf(index), row })),
        );
        if (insertedJobs !== toWrite.length) {
          throw conflict(msg('workforce.someOfTheseJobsWere'));
        }
        return { summary: { ...counts, newPersons: newPersonRows.length } };
      },
    });
  }

  /** Until certification and training run their batches through runBatch, which records this itself. */
  async recordConflicts(
    actor: Actor,
    operation: string,
    recordType: string,
    rows: number,
    dryRun: boolean,
    conflicts: { nameConflicts: number; withheld: number } | null,
  ): Promise<void> {
    await recordConflicts(this.unitOfWork, actor, operation, recordType, rows, dryRun, conflicts);
  }

  async endEmployment(actor: Actor, id: string, endDate: string, reason: EndReason): Promise<EmploymentEntity> {
    assertId(id, msg('thing.employment'));
    const today = todayInShanghai();
    return this.unitOfWork.run(actor, 'endEmployment', async (em) => {
      const employment = await em.findOne(EmploymentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!employment) throw notFound(msg('thing.employment'));
      const [institution] = await this.institutions.findByIds([employment.institutionId], em);
      this.assertMayRegisterAt(actor, institution);

      const problems = new InputProblems();
      if (employment.endDate !== null) {
        problems.add('id', msg('workforce.thisEmploymentAlreadyEndedOn', { endDate: employment.endDate }));
      }
      if (!isIsoDate(endDate)) problems.add('endDate', dateProblem(msg('field.endDate'), endDate)!);
      else if (endDate < employment.startDate) {
        problems.add('endDate', msg('workforce.enddateMustNotBeBefore', { startDate: employment.startDate }));
      } else if (endDate > latestEndDate(today)) {
        problems.add('endDate', msg('workforce.enddateMustNotBeMore'));
      }
      problems.throwIfAny();

      employment.endDate = endDate;
      employment.endReason = reason;
      await em.update(EmploymentEntity, { id }, { endDate, endReason: reason });
      return {
        result: employment,
        recordType: 'Employment',
        recordId: id,
        summary: { before: { endDate: null, endReason: null }, after: { endDate, endReason: reason } },
      };
    });
  }

  async correctPerson(actor: Actor, id: string, input: CorrectPersonInput, reason: string): Promise<PersonEntity> {
    assertId(id, msg('thing.person'));
    return this.unitOfWork.run(actor, 'correctPerson', async (em) => {
      const person = await em.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw notFound(msg('thing.person'));
      if (!(await this.canSeePerson(actor, id, em))) {
        throw forbidden(msg('workforce.aDistrictPlannerMayCorrect'));
      }

      const problems = new InputProblems();
      const trimmedReason = reason.trim();
      problems.check(
        trimmedReason.length >= 1 && trimmedReason.length <= MAX_REASON_LENGTH,
        'reason',
        msg('certification.reasonMustBeCharactersNot', { max: MAX_REASON_LENGTH }),
      );
      const changes: Partial<PersonEntity> = {};
      if (input.name !== undefined && input.name !== null) {
        const name = normalizeName(input.name);
        const problem = checkName(name);
        if (problem) problems.add('input.name', problem);
        else if (name !== person.name) changes.name = name;
      }
      if (input.phone !== undefined) {
        const blank = input.phone === null || input.phone.trim() === '';
        const phone = blank ? null : normalizePhone(input.phone!);
        if (!blank && !phone) {
          problems.add('input.phone', msg('timebank.phoneMustBeAMobile'));
        } else if (phone !== null || person.phoneMasked !== null) {
          changes.phoneEncrypted = phone ? this.pii.encrypt(phone) : null;
          changes.phoneMasked = phone ? maskPhone(phone) : null;
        }
      }
      if (input.education !== undefined && input.education !== person.education) {
        changes.education = input.education;
      }
      if (
        (input.name === undefined || input.name === null) &&
        input.phone === undefined &&
        input.education === undefined
      ) {
        problems.add('input', msg('workforce.nameAtLeastOneOf2'));
      }
      problems.throwIfAny();

      const shown = (p: Partial<PersonEntity>) => ({
        ...('name' in changes ? { name: p.name ? maskName(p.name) : null } : {}),
        ...('phoneMasked' in changes ? { phone: p.phoneMasked ?? null } : {}),
        ...('education' in changes ? { education: p.education ?? null } : {}),
      });
      const before = shown(person);
      if (Object.keys(changes).length > 0) {
        await em.update(PersonEntity, { id }, changes);
        Object.assign(person, changes);
      }
      return {
        result: person,
        recordType: 'Person',
        recordId: id,
        summary: { reason: trimmedReason, before, after: shown(person) },
      };
    });
  }

  // ---- bulk statements, shared by single and batch registration ----

  /** Inserts new persons in one statement; returns the ids of those inserted by hash (numbers stored meanwhile are left). */
  // ---- persons for other modules (certificate holders, trainees), inside their transaction ----

  /** Whether the person holds an active employment at the institution on the date. */
  async isEmployedAt(em: EntityManager, personId: string, institutionId: string, date: string): Promise<boolean> {
    return em
      .createQueryBuilder(EmploymentEntity, 'e')
      .where('e.person_id = :personId AND e.institution_id = :institutionId', { personId, institutionId })
      .andWhere(employmentActiveOn('e', ':date'), { date })
      .getExists();
  }

  /** Whether a person with this id exists (for other modules telling NOT_FOUND from FORBIDDEN). */
  async personExists(em: EntityManager, personId: string): Promise<boolean> {
    return isUuid(personId) && em.existsBy(PersonEntity, { id: personId });
  }

  /**
   * The stored persons among these (normalised) ID numbers, by ID number, locked until the caller's transaction
   * ends. One query.
   */
  async findPersonsByIdNumbers(
    em: EntityManager,
    idNumbers: readonly string[],
  ): Promise<Map<string, { id: string; name: string }>> {
    const byHash = new Map(idNumbers.map((n) => [this.pii.lookupHash(n), n]));
    if (byHash.size === 0) return new Map();
    const rows = await em
      .createQueryBuilder(PersonEntity, 'p')
      .select(['p.id', 'p.idNumberHash', 'p.name'])
      .where('p.id_number_hash = ANY(:hashes)', { hashes: [...byHash.keys()] })
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((p) => [byHash.get(p.idNumberHash)!, { id: p.id, name: p.name }]));
  }

  /**
   * Creates persons not yet in the registry (ID number normalised and valid, name normalised), in one statement.
   * Returns their ids by ID number; CONFLICT if another request created one of them meanwhile (retry the request).
   */
  async createPersons(
    em: EntityManager,
    persons: readonly { idNumber: string; name: string; phone?: string | null }[],
  ): Promise<Map<string, string>> {
    const unique = [...new Map(persons.map((p) => [p.idNumber, p])).values()];
    const rows = unique.map((p) => {
      const id = parseResidentId(p.idNumber);
      return { ...p, birthDate: id.birthDate, sex: id.sex as Sex, phone: p.phone ?? null, education: null };
    });
    const inserted = await this.insertPersons(em, rows);
    if (inserted.size !== rows.length) {
      throw conflict(msg('workforce.someOfThesePeopleWere'));
    }
    return new Map(rows.map((r) => [r.idNumber, inserted.get(this.pii.lookupHash(r.idNumber))!]));
  }

  private async insertPersons(
    em: EntityManager,
    rows: Pick<PreparedStaff, 'idNumber' | 'name' | 'birthDate' | 'sex' | 'phone' | 'education'>[],
  ): Promise<Map<string, string>> {
    return insertPersonRows(em, this.pii, rows);
  }

  /** A registration may add a phone or education a stored person lacks; it never overwrites one (correctPerson does). */
  /** For other modules, inside their transaction: stores a phone for a person who has none (never overwrites). */
  async addPhoneIfMissing(em: EntityManager, personId: string, idNumber: string, phone: string): Promise<void> {
    await this.fillBlanks(em, [{ personId, row: { idNumber, phone, education: null } as PreparedStaff }]);
  }

  private async fillBlanks(em: EntityManager, rows: { personId: string; row: PreparedStaff }[]): Promise<void> {
    const byPerson = new Map<string, PreparedStaff>();
    for (const { personId, row } of rows) {
      if ((row.phone || row.education) && !byPerson.has(personId)) byPerson.set(personId, row);
    }
    if (byPerson.size === 0) return;
    const entries = [...byPerson];
    const phones = entries.map(([, r]) => (r.phone ? personColumns(this.pii, r.idNumber, r.phone) : null));
    await em.query(
      `UPDATE person p
          SET phone_encrypted = coalesce(p.phone_encrypted, v.phone_encrypted),
              phone_masked = coalesce(p.phone_masked, v.phone_masked),
              education = coalesce(p.education, v.education),
              updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::education[])
              AS v(id, phone_encrypted, phone_masked, education)
        WHERE p.id = v.id
          AND ((p.phone_encrypted IS NULL AND v.phone_encrypted IS NOT NULL)
               OR (p.education IS NULL AND v.education IS NOT NULL))`,
      [
        entries.map(([id]) => id),
        phones.map((c) => c?.phoneEncrypted ?? null),
        phones.map((c) => c?.phoneMasked ?? null),
        entries.map(([, r]) => r.education),
      ],
    );
  }

  /** Inserts employments in one statement; returns how many were inserted (identical ones stored meanwhile are left). */
  private async insertEmployments(
    em: EntityManager,
    rows: { personId: string; row: PreparedStaff }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await em.query(
      `INSERT INTO employment (person_id, institution_id, occupation, team, post_type, start_date)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::occupation[], $4::team[], $5::post_type[], $6::date[])
       ON CONFLICT (person_id, institution_id, occupation, start_date) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.row.institutionId),
        rows.map((r) => r.row.occupation),
        rows.map((r) => r.row.team),
        rows.map((r) => r.row.postType),
        rows.map((r) => r.row.startDate),
      ],
    );
    return inserted.length;
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const inIds = (ids: readonly string[]) => {
  const valid = ids.filter(isUuid);
  return In(valid.length ? valid : [NIL_UUID]);
};

/** A stored job overlaps a new open-ended one starting on `start` unless it ended by then. */
const overlaps = (e: EmploymentEntity, start: string) => e.endDate === null || e.endDate > start;

const nameConflict = () => conflict(msg('workforce.thisIDNumberIsRegistered'), 'name');

const overlapConflict = (e: EmploymentEntity) =>
  conflict(msg('workforce.alreadyEmployedThereInThis', { period: period(e.startDate, e.endDate) }), 'startDate');
