import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  migrationsRun?: boolean;
  logger?: Logger;
  applicationName?: string;
  /**
   * statement_timeout and idle_in_transaction_session_timeout, for a PostgreSQL server only: PGlite ignores the
   * first, and after the second fired its next query hung. 0 leaves one off.
   */
  serverTimeouts?: { statementSeconds: number; idleInTransactionSeconds: number };
}

/** The session settings every connection starts with. */
function sessionOptions(settings: DataSourceSettings): string {
  const options = ['-c jit=off'];
  const timeouts = settings.serverTimeouts;
  if (timeouts?.statementSeconds) options.push(`-c statement_timeout=${timeouts.statementSeconds * 1000}`);
  if (timeouts?.idleInTransactionSeconds) {
    options.push(`-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionSeconds * 1000}`);
  }
  return options.join(' ');
}

/** The one definition of the database connection: the app, the CLI and the tests all build it here. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'eldercare-portal',
    logger: settings.logger,
    logging: settings.logger ? ['error', 'warn', 'migration'] : false,
    maxQueryExecutionTime: 1000,
    // No JIT: the planner's cost estimates for the aggregates here (headcounts over 200,000 people) cross JIT's
    // threshold, and compiling costs more than it saves on statements that run in well under a second.
    extra: { connectionTimeoutMillis: 10_000, options: sessionOptions(settings) },
  };
}

/** For the TypeORM CLI (`migration:generate`): reads DATABASE_URL. */
export default new DataSource(
  dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/eldercare' }),
);
