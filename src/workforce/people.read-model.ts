import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { validOnSql } from '../certification/certificate-status.js';
import { employmentActiveOn } from '../common/counting-rules.js';
import { isUuid, NIL_UUID } from '../common/ids.js';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import type { InstitutionEntity } from '../institutions/institution.entity.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { EmploymentEntity } from './employment.entity.js';
import { PersonEntity } from './person.entity.js';
import type { PeopleFilter } from './workforce.model.js';

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

/** A people page's query, its filter already checked (dates, levels, scope) by PeopleService. */
export interface PeoplePageQuery {
  filter: PeopleFilter;
  /** The name prefix, normalised; '' for none. */
  namePrefix: string;
  /** The date certificates must be valid on, for the certificate conditions. */
  certificatesValidOn: string;
  page: PageArgs;
  /** Whether each person's visible employments come with the page (the query asked for them). */
  withEmployments: boolean;
}

/**
 * Persons and employments as an actor may see them: the scope is the institutions' (their region, zone or the
 * institution itself), so these statements read the person, employment and institution tables together, and the
 * people page the certificate table too.
 */
@Injectable()
export class PeopleReadModel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly institutions: InstitutionsService,
  ) {}

  /** SQL condition: person `p` has an employment the actor may see matching `extra`, with its parameters. */
  private visibleEmploymentExists(actor: Actor, extra: string[] = [], params: Record<string, unknown> = {}) {
    const scope = this.institutions.scopeCondition(actor, 'si');
    const conditions = ['se.person_id = p.id', scope.sql, ...extra].join(' AND ');
    return {
      sql: `EXISTS (SELECT 1 FROM employment se JOIN institution si ON si.id = se.institution_id WHERE ${conditions})`,
      params: { ...scope.params, ...params },
    };
  }

  /** Whether the person has an employment the actor may see. */
  async hasVisibleEmployment(
    actor: Actor,
    personId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const exists = this.visibleEmploymentExists(actor);
    const row = await tx
      .createQueryBuilder(PersonEntity, 'p')
      .select('1')
      .where('p.id = :personId', { personId })
      .andWhere(exists.sql, exists.params)
      .getRawOne();
    return row !== undefined;
  }

  /** One page of persons, by name; with their visible employments in the same statement when asked for. */
  async page(actor: Actor, query: PeoplePageQuery): Promise<Connection<PersonPageRow>> {
    const { filter, namePrefix: prefix, page, withEmployments } = query;
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
        fValidOn: query.certificatesValidOn,
        fMinLevel: filter.minSkillLevel,
      });
    }
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

  /** The person, and whether the actor may see it, in one statement; null when there is no such person. */
  async findWithVisibility(actor: Actor, id: string): Promise<{ person: PersonEntity; visible: boolean } | null> {
    const exists =
      actor.role === Role.MUNICIPAL_PLANNER ? { sql: 'true', params: {} } : this.visibleEmploymentExists(actor);
    const { entities, raw } = await this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .addSelect(exists.sql, 'visible')
      .where('p.id = :id', { id })
      .setParameters(exists.params)
      .getRawAndEntities<{ visible: boolean }>();
    return entities.length === 0 ? null : { person: entities[0], visible: raw[0].visible };
  }

  /** The employments of these persons that the actor may see, with their institutions, oldest first. One query. */
  async visibleEmploymentsOf(actor: Actor, personIds: readonly string[]): Promise<EmploymentWithInstitution[]> {
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
    return rows as EmploymentWithInstitution[];
  }
}
