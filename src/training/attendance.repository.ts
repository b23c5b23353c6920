import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** One person's attendance of a session. */
export interface AttendanceRow {
  personId: string;
  completed: boolean;
}

/** Attendees and completed attendees of one session. */
export interface SessionAttendanceCounts {
  sessionId: string;
  attendees: number;
  completed: number;
}

/** The only place the attendance table is read or written (progress: TrainingProgressReadModel). */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sessions without attendance have no row. One query. */
  countsBySession(
    sessionIds: readonly string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<SessionAttendanceCounts[]> {
    return tx.query(
      `SELECT session_id AS "sessionId", count(*)::int AS attendees, count(*) FILTER (WHERE completed)::int AS completed
         FROM attendance WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
      [sessionIds],
    );
  }

  ofSession(sessionId: string, tx: EntityManager = this.dataSource.manager): Promise<AttendanceRow[]> {
    return tx.query('SELECT person_id AS "personId", completed FROM attendance WHERE session_id = $1', [sessionId]);
  }

  /** In one statement; a person already attending is not written. How many were written. */
  async insertMany(sessionId: string, rows: readonly AttendanceRow[], tx: EntityManager): Promise<number> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO attendance (session_id, person_id, completed)
       SELECT $1::uuid, v.person_id, v.completed FROM unnest($2::uuid[], $3::boolean[]) AS v(person_id, completed)
       ON CONFLICT (session_id, person_id) DO NOTHING
       RETURNING person_id`,
      [sessionId, rows.map((r) => r.personId), rows.map((r) => r.completed)],
    );
    return inserted.length;
  }

  /** Sets `completed` of these attendances, in one statement. */
  async updateCompleted(sessionId: string, rows: readonly AttendanceRow[], tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE attendance a SET completed = v.completed
         FROM unnest($2::uuid[], $3::boolean[]) AS v(person_id, completed)
        WHERE a.session_id = $1::uuid AND a.person_id = v.person_id`,
      [sessionId, rows.map((r) => r.personId), rows.map((r) => r.completed)],
    );
  }
}
