import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { VolunteerEntity } from './volunteer.entity.js';

export type NewVolunteer = Pick<VolunteerEntity, 'userId' | 'personId' | 'regionCode' | 'registeredBy'>;

/**
 * The volunteer table: reads, locks and writes. Volunteers with their account's and person's facts, and the
 * password-reset scope, are VolunteerViewsReadModel's.
 */
@Injectable()
export class VolunteersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<VolunteerEntity | null> {
    return tx.findOneBy(VolunteerEntity, { id });
  }

  /** The volunteer profile of an account. */
  findByUserId(userId: string, tx: EntityManager = this.dataSource.manager): Promise<VolunteerEntity | null> {
    return tx.findOneBy(VolunteerEntity, { userId });
  }

  /** The volunteer profile of an account, locked until the transaction ends. */
  lockByUserId(userId: string, tx: EntityManager): Promise<VolunteerEntity | null> {
    return tx.findOne(VolunteerEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  existsForPerson(personId: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(VolunteerEntity, { personId });
  }

  /** Inserts the volunteer and returns it with its generated id. */
  async insert(volunteer: NewVolunteer, tx: EntityManager): Promise<VolunteerEntity> {
    const row = tx.create(VolunteerEntity, volunteer);
    await tx.insert(VolunteerEntity, row);
    return row;
  }
}
