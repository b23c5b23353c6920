import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import {
  type Connection,
  escapeLike,
  type KeysetColumn,
  type PageArgs,
  paginateSql,
  type SqlCondition,
} from '../common/pagination.js';
import { InstitutionEntity } from './institution.entity.js';
import type { InstitutionType, Ownership } from './institution.enums.js';

/** A condition on the institution row `i` with its named parameters (InstitutionsService.scopeCondition). */
export type InstitutionScope = SqlCondition;

/** The institutions list's filter; `scope` null: every institution. */
export interface InstitutionQuery {
  scope: InstitutionScope | null;
  regionCode?: string | null;
  zoneCode?: string | null;
  type?: InstitutionType | null;
  nameContains?: string | null;
}

/** Lists run by region, then name, then id (the index institution_region_name). */
const BY_REGION_AND_NAME: KeysetColumn<ListedInstitution>[] = [
  { sql: 'i.region_code', value: (i) => i.regionCode },
  { sql: 'i.name', value: (i) => i.name },
  { sql: 'i.id', value: (i) => i.id, kind: 'uuid' },
];

/** An institution as lists show it: its facts, without the row's timestamps (reading those costs a Date each). */
export type ListedInstitution = Omit<InstitutionEntity, 'createdAt' | 'updatedAt' | 'region' | 'zone'>;

/** The columns of a listed institution, as `institutionOf` reads them. */
const INSTITUTION_COLUMNS =
  'i.id, i.name, i.credit_code, i.region_code, i.zone_code, i.type, i.ownership, i.beds, i.has_social_work_department';

interface InstitutionRow extends Record<string, unknown> {
  id: string;
  name: string;
  credit_code: string;
  region_code: string;
  zone_code: string | null;
  type: InstitutionType;
  ownership: Ownership;
  beds: number | null;
  has_social_work_department: boolean;
}

const institutionOf = (row: InstitutionRow): ListedInstitution => ({
  id: row.id,
  name: row.name,
  creditCode: row.credit_code,
  regionCode: row.region_code,
  zoneCode: row.zone_code,
  type: row.type,
  ownership: row.ownership,
  beds: row.beds,
  hasSocialWorkDepartment: row.has_social_work_department,
});

/** The only place the institution table is read or written. */
@Injectable()
export class InstitutionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  private query(scope: InstitutionScope | null): SelectQueryBuilder<InstitutionEntity> {
    const qb = this.dataSource.getRepository(InstitutionEntity).createQueryBuilder('i');
    return scope ? qb.andWhere(scope.sql, scope.params) : qb;
  }

  /**
   * A page of institutions by region, name and id, with the filtered total: one prepared statement in plain SQL
   * (the institutions page and the time bank's service sites ask for it often).
   */
  list(filter: InstitutionQuery, page: PageArgs): Promise<Connection<ListedInstitution>> {
    const where: SqlCondition[] = filter.scope ? [filter.scope] : [];
    if (filter.regionCode)
      where.push({ sql: 'i.region_code = :regionCode', params: { regionCode: filter.regionCode } });
    if (filter.zoneCode) where.push({ sql: 'i.zone_code = :zoneCode', params: { zoneCode: filter.zoneCode } });
    if (filter.type) where.push({ sql: 'i.type = :type', params: { type: filter.type } });
    if (filter.nameContains) {
      where.push({ sql: 'i.name ILIKE :needle', params: { needle: `%${escapeLike(filter.nameContains)}%` } });
    }
    return paginateSql<ListedInstitution, InstitutionRow>(
      (sql, values) => this.prepared.query(sql, values),
      { select: INSTITUTION_COLUMNS, from: 'institution i', where },
      page,
      BY_REGION_AND_NAME,
      institutionOf,
    );
  }

  findById(id: string): Promise<InstitutionEntity | null> {
    return this.dataSource.getRepository(InstitutionEntity).findOneBy({ id });
  }

  /** The institutions among `ids` (valid uuids) that exist and match `scope`, in no particular order. */
  findInScope(ids: readonly string[], scope: InstitutionScope | null): Promise<InstitutionEntity[]> {
    return this.query(scope).andWhere('i.id IN (:...ids)', { ids }).getMany();
  }

  /** The institutions among `ids` (valid, distinct uuids) that exist. */
  findByIds(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<InstitutionEntity[]> {
    return tx.findBy(InstitutionEntity, { id: In([...ids]) });
  }

  exists(id: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(InstitutionEntity, { id });
  }

  creditCodeTaken(creditCode: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(InstitutionEntity, { creditCode });
  }

  /** The institution, locked until the transaction ends. */
  findForUpdate(id: string, tx: EntityManager): Promise<InstitutionEntity | null> {
    return tx.findOne(InstitutionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(row: Partial<InstitutionEntity>, tx: EntityManager): Promise<InstitutionEntity> {
    const institution = tx.create(InstitutionEntity, row);
    await tx.insert(InstitutionEntity, institution);
    return institution;
  }

  async save(institution: InstitutionEntity, tx: EntityManager): Promise<void> {
    await tx.save(institution);
  }
}
