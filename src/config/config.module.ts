import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JsonLogger } from '../common/logger.js';
import { NameConflictLimiter } from '../common/name-conflicts.js';
import { PiiCipher } from '../common/pii.js';
import { APP_CONFIG, type AppConfig } from './config.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JsonLogger, useValue: logger },
        // One cipher for every module that stores personal data (ID numbers, phones).
        { provide: PiiCipher, useValue: new PiiCipher(config.piiKey) },
        // One budget of "registered under another name" answers per account, whichever module gives them.
        NameConflictLimiter,
      ],
      exports: [APP_CONFIG, JsonLogger, PiiCipher, NameConflictLimiter],
    };
  }
}
