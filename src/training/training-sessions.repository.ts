import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { sessionEndsIn } from '../common/counting-rules.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { TrainingSessionEntity } from './training-session.entity.js';
import type { TrainingAudience } from './training.enums.js';

/** The sessions list's filter once the service has checked it and applied the caller's scope. */
export interface TrainingSessionQuery {
  /** A district planner's own region (null matches none). */
  scopeRegionCode?: string | null;
  /** A body account's own body (null matches none). */
  scopeProviderId?: string | null;
  regionCode?: string | null;
  audience?: TrainingAudience | null;
  /** Sessions ending in this year. */
  year?: number | null;
}

export type NewTrainingSession = Pick<
  TrainingSessionEntity,
  'providerId' | 'title' | 'audience' | 'regionCode' | 'startDate' | 'endDate' | 'hours' | 'capacity'
>;

/** The only place the training_session table is read or written (progress: TrainingProgressReadModel). */
@Injectable()
export class TrainingSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Locked until the end of the transaction (FOR UPDATE). */
  lockById(id: string, tx: EntityManager): Promise<TrainingSessionEntity | null> {
    return tx.findOne(TrainingSessionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Newest start first. */
  page(query: TrainingSessionQuery, page: PageArgs): Promise<Connection<TrainingSessionEntity>> {
    const qb = this.dataSource.getRepository(TrainingSessionEntity).createQueryBuilder('s');
    if (query.scopeRegionCode !== undefined) qb.andWhere('s.region_code = :own', { own: query.scopeRegionCode });
    if (query.scopeProviderId !== undefined)
      qb.andWhere('s.provider_id = :provider', { provider: query.scopeProviderId });
    if (query.regionCode) qb.andWhere('s.region_code = :regionCode', { regionCode: query.regionCode });
    if (query.audience) qb.andWhere('s.audience = :audience', { audience: query.audience });
    if (query.year !== undefined && query.year !== null) {
      qb.andWhere(sessionEndsIn('s', ':year'), {
        year: query.year,
      });
    }
    return paginate(
      qb,
      page,
      [
        { sql: 's.start_date', value: (s) => s.startDate },
        { sql: 's.id', value: (s) => s.id, kind: 'uuid' },
      ],
      'DESC',
    );
  }

  /** The stored session, with its id and defaulted columns. */
  async insert(fields: NewTrainingSession, tx: EntityManager): Promise<TrainingSessionEntity> {
    const session = tx.create(TrainingSessionEntity, fields);
    await tx.insert(TrainingSessionEntity, session);
    return session;
  }
}
