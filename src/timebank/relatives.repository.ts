import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { RelativeEntity } from './relative.entity.js';

export type NewRelative = Pick<
  RelativeEntity,
  'volunteerId' | 'idNumberHash' | 'idNumberEncrypted' | 'idNumberMasked' | 'name' | 'birthDate' | 'relationship'
>;

/** The relative table: reads, locks and writes. The relatives with their accounts are RelativeViewsReadModel's. */
@Injectable()
export class RelativesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The volunteer's current relative with this ID number, if any. */
  findCurrentByIdNumberHash(
    volunteerId: string,
    idNumberHash: string,
    tx: EntityManager,
  ): Promise<RelativeEntity | null> {
    return tx.findOneBy(RelativeEntity, { volunteerId, idNumberHash, removedAt: IsNull() });
  }

  countCurrent(volunteerId: string, tx: EntityManager): Promise<number> {
    return tx.countBy(RelativeEntity, { volunteerId, removedAt: IsNull() });
  }

  /** Inserts the relative and returns it with its generated id. */
  async insert(relative: NewRelative, tx: EntityManager): Promise<RelativeEntity> {
    const row = tx.create(RelativeEntity, relative);
    await tx.insert(RelativeEntity, row);
    return row;
  }

  /** One of the volunteer's current relatives, locked against other changes (FOR UPDATE). */
  lockCurrent(id: string, volunteerId: string, tx: EntityManager): Promise<RelativeEntity | null> {
    return tx.findOne(RelativeEntity, {
      where: { id, volunteerId, removedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * A share lock on one of the volunteer's current relatives (other spending for it goes on; removing it waits);
   * false when it is not (or no longer) one of theirs.
   */
  async shareLockCurrent(id: string, volunteerId: string, tx: EntityManager): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'SELECT 1 FROM relative WHERE id = $1 AND volunteer_id = $2 AND removed_at IS NULL FOR SHARE',
      [id, volunteerId],
    );
    return rows.length > 0;
  }

  async markRemoved(id: string, at: Date, tx: EntityManager): Promise<void> {
    await tx.update(RelativeEntity, { id }, { removedAt: at });
  }
}
