import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JsonLogger } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { dataSourceOptions } from './data-source.js';
import { PreparedStatements } from './prepared-statements.js';
import { QueryLogger } from './query-logger.js';

/** Global: repositories anywhere run their hottest reads through PreparedStatements. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG, JsonLogger],
      useFactory: (config: AppConfig, logger: JsonLogger) => {
        if (!config.databaseUrl)
          throw new Error('DATABASE_URL must be resolved (embedded or given) before the app starts');
        return {
          ...dataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.dbPoolSize,
            migrationsRun: config.migrateOnStart,
            logger: new QueryLogger(logger),
            serverTimeouts: config.embeddedDatabase ? undefined : config.dbTimeouts,
          }),
          // The app fails fast instead of retrying a database that is not there.
          retryAttempts: 0,
        };
      },
    }),
  ],
  providers: [PreparedStatements],
  exports: [PreparedStatements],
})
export class DatabaseModule {}
