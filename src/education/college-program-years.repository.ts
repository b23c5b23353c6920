import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { CollegeProgramYearEntity } from './college-program-year.entity.js';
import type { CollegeMajor } from './education.enums.js';

/** A program year's key: one college, major and year. */
export interface ProgramYearKey {
  collegeId: string;
  major: CollegeMajor;
  year: number;
}

/** The program years' list filter as the service narrowed it. */
export interface ProgramYearQuery {
  collegeId: string | null;
  year: number | null;
  /** When given, only colleges filed in this region (a district planner's view), through the program year's college. */
  collegeRegion?: string | null;
}

/** The only place the college_program_year table is read or written. */
@Injectable()
export class CollegeProgramYearsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The program year, locked until the transaction ends. */
  findForUpdate(key: ProgramYearKey, tx: EntityManager): Promise<CollegeProgramYearEntity | null> {
    return tx.findOne(CollegeProgramYearEntity, { where: { ...key }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts or replaces the figures of a college, major and year. */
  async upsert(row: Omit<CollegeProgramYearEntity, 'college'>, tx: EntityManager): Promise<void> {
    await tx.upsert(CollegeProgramYearEntity, row, ['collegeId', 'major', 'year']);
  }

  /** Newest year first, then by college and major. */
  list(filter: ProgramYearQuery, page: PageArgs): Promise<Connection<CollegeProgramYearEntity>> {
    const qb = this.dataSource.getRepository(CollegeProgramYearEntity).createQueryBuilder('p');
    if (filter.collegeRegion !== undefined) {
      qb.innerJoin('p.college', 'b').andWhere('b.region_code = :own', { own: filter.collegeRegion });
    }
    if (filter.collegeId !== null) qb.andWhere('p.college_id = :collegeId', { collegeId: filter.collegeId });
    if (filter.year !== null) qb.andWhere('p.year = :year', { year: filter.year });
    return paginate(
      qb,
      page,
      [
        { sql: 'p.year', value: (p) => p.year, kind: 'int' },
        { sql: 'p.college_id', value: (p) => p.collegeId, kind: 'uuid' },
        // As text, so that a cursor's value is compared without a cast to the enum that could fail.
        { sql: 'p.major::text', value: (p) => p.major },
      ],
      'DESC',
    );
  }
}
