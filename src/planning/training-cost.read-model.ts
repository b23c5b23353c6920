import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { personSession, sessionEndsIn } from '../common/counting-rules.js';

/**
 * trainingCostPerPersonSession's one statement: planning's fund allocations and training's completed
 * person-sessions, read together.
 */
@Injectable()
export class TrainingCostReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The TRAINING allocations of `year` (fen, a bigint as text) and the completed person-sessions of sessions ending
   * that year (DESIGN.md training count): a region's own, or with null the whole city's (city-wide allocations
   * included).
   */
  async fundsAndSessions(year: number, regionCode: string | null): Promise<{ funds: string; sessions: number }> {
    const [row]: { funds: string; sessions: number }[] = await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM fund_allocation
                WHERE year = $1 AND purpose = 'TRAINING' AND ($2::varchar IS NULL OR region_code = $2))::text AS funds,
              (SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.session_id
                WHERE ${personSession('a')} AND ${sessionEndsIn('s', '$1::int')}
                  AND ($2::varchar IS NULL OR s.region_code = $2))::int AS sessions`,
      [year, regionCode],
    );
    return row;
  }
}
