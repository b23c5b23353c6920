import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ScenarioEntity } from './scenario.entity.js';

/** The only place the scenario table is read or written. */
@Injectable()
export class ScenariosRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Saves `input` under the owner's `name`, replacing a scenario of that name; returns the row as stored. */
  async upsert(
    ownerId: string,
    name: string,
    input: Record<string, unknown>,
    tx: EntityManager,
  ): Promise<ScenarioEntity> {
    await tx.query(
      `INSERT INTO scenario (owner_id, name, input) VALUES ($1, $2, $3)
         ON CONFLICT (owner_id, name) DO UPDATE SET input = excluded.input, saved_at = now()`,
      [ownerId, name, input],
    );
    return tx.findOneByOrFail(ScenarioEntity, { ownerId, name });
  }

  findByName(
    ownerId: string,
    name: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<ScenarioEntity | null> {
    return tx.findOneBy(ScenarioEntity, { ownerId, name });
  }

  async delete(id: string, tx: EntityManager): Promise<void> {
    await tx.delete(ScenarioEntity, { id });
  }

  /** The owner's scenarios, by name. */
  listByOwner(ownerId: string): Promise<ScenarioEntity[]> {
    return this.dataSource.getRepository(ScenarioEntity).find({ where: { ownerId }, order: { name: 'ASC' } });
  }
}
