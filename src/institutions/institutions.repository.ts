import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { type Connection, escapeLike, type KeysetColumn, type PageArgs, paginate } from '../common/pagination.js';
import { InstitutionEntity } from './institution.entity.js';
import type { InstitutionType } from './institution.enums.js';

/** A condition on the institution row `i` with its named parameters (InstitutionsService.scopeCondition). */
export interface InstitutionScope {
  sql: string;
  params: Record<string, unknown>;
}

/** The institutions list's filter; `scope` null: every institution. */
export interface InstitutionQuery {
  scope: InstitutionScope | null;
  regionCode?: string | null;
  zoneCode?: string | null;
  type?: InstitutionType | null;
  nameContains?: string | null;
}

/** Lists run by region, then name, then id (the index institution_region_name). */
const BY_REGION_AND_NAME: KeysetColumn<InstitutionEntity>[] = [
  { sql: 'i.region_code', value: (i) => i.regionCode },
  { sql: 'i.name', value: (i) => i.name },
  { sql: 'i.id', value: (i) => i.id, kind: 'uuid' },
];

/** The only place the institution table is read or written. */
@Injectable()
export class InstitutionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(scope: InstitutionScope | null): SelectQueryBuilder<InstitutionEntity> {
    const qb = this.dataSource.getRepository(InstitutionEntity).createQueryBuilder('i');
    return scope ? qb.andWhere(scope.sql, scope.params) : qb;
  }

  /** A page of institutions by region, name and id, with the filtered total. */
  list(filter: InstitutionQuery, page: PageArgs): Promise<Connection<InstitutionEntity>> {
    const qb = this.query(filter.scope);
    if (filter.regionCode) qb.andWhere('i.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.zoneCode) qb.andWhere('i.zone_code = :zoneCode', { zoneCode: filter.zoneCode });
    if (filter.type) qb.andWhere('i.type = :type', { type: filter.type });
    if (filter.nameContains) {
      const needle = escapeLike(filter.nameContains);
      qb.andWhere('i.name ILIKE :needle', { needle: `%${needle}%` });
    }
    return paginate(qb, page, BY_REGION_AND_NAME);
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
