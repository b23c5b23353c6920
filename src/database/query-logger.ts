import type { Logger as TypeOrmLogger } from 'typeorm';
import type { JsonLogger } from '../common/logger.js';
import { requestTracking } from '../common/request-tracking.js';

/**
 * Counts SQL round trips per request (for the benchmark header and the round-trip tests) and logs failures by
 * SQLSTATE only: parameters and PostgreSQL's `detail` can hold personal data, so neither is ever logged.
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: JsonLogger) {}

  logQuery(): void {
    const store = requestTracking.getStore();
    if (store) store.sqlRoundTrips++;
  }
  logQueryError(error: string | Error): void {
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    // Expected constraint violations are turned into API errors by the caller; they are not failures of ours.
    if (code && code.startsWith('23')) return;
    this.logger.warn({ msg: 'query failed', sqlState: code ?? null }, 'Database');
  }
  logQuerySlow(time: number): void {
    this.logger.warn({ msg: 'slow query', ms: time }, 'Database');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.log(message, 'Migrations');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message), 'Database');
  }
}
