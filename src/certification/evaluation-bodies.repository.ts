import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import type { CertificateKind, EvaluationBodyKind } from './certification.enums.js';
import { EvaluationBodyEntity } from './evaluation-body.entity.js';

/** The bodies list's filter once the service has applied the caller's scope. */
export interface EvaluationBodyQuery {
  /** A district planner's own region (null matches none). */
  scopeRegionCode?: string | null;
  /** A body account's own body; null (an account without a valid body) matches none. */
  scopeBodyId?: string | null;
  regionCode?: string | null;
  kind?: EvaluationBodyKind | null;
  certificateKind?: CertificateKind | null;
}

export type NewEvaluationBody = Pick<
  EvaluationBodyEntity,
  | 'name'
  | 'kind'
  | 'creditCode'
  | 'regionCode'
  | 'filingNumber'
  | 'filedFrom'
  | 'filedTo'
  | 'certificateKinds'
  | 'mayTrain'
>;

/** The only place the evaluation_body table is read or written. */
@Injectable()
export class EvaluationBodiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<EvaluationBodyEntity | null> {
    return tx.findOneBy(EvaluationBodyEntity, { id });
  }

  findByIds(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<EvaluationBodyEntity[]> {
    return tx.findBy(EvaluationBodyEntity, { id: In([...ids]) });
  }

  /** By name, then id. */
  page(query: EvaluationBodyQuery, page: PageArgs): Promise<Connection<EvaluationBodyEntity>> {
    const qb = this.dataSource.getRepository(EvaluationBodyEntity).createQueryBuilder('b');
    if (query.scopeRegionCode !== undefined)
      qb.andWhere('b.region_code = :ownRegion', { ownRegion: query.scopeRegionCode });
    if (query.scopeBodyId !== undefined) qb.andWhere('b.id = :ownBody', { ownBody: query.scopeBodyId });
    if (query.regionCode) qb.andWhere('b.region_code = :regionCode', { regionCode: query.regionCode });
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    if (query.certificateKind)
      qb.andWhere(':certificateKind = ANY(b.certificate_kinds)', { certificateKind: query.certificateKind });
    return paginate(qb, page, [
      { sql: 'b.name', value: (b) => b.name },
      { sql: 'b.id', value: (b) => b.id, kind: 'uuid' },
    ]);
  }

  existsWithCreditCode(creditCode: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(EvaluationBodyEntity, { creditCode });
  }

  existsWithFilingNumber(filingNumber: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(EvaluationBodyEntity, { filingNumber });
  }

  /** The stored body, with its id and defaulted columns. */
  async insert(fields: NewEvaluationBody, tx: EntityManager): Promise<EvaluationBodyEntity> {
    const body = tx.create(EvaluationBodyEntity, fields);
    const certificateKinds = body.certificateKinds;
    await tx.insert(EvaluationBodyEntity, body);
    // TypeORM reads defaulted columns back after an insert, and an enum array comes back as its text form.
    body.certificateKinds = certificateKinds;
    return body;
  }
}
