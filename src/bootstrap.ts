import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logger.js';
import { requestIdMiddleware } from './common/request-id.middleware.js';
import type { AppConfig } from './config/config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './database/embedded.js';
import { SeedService } from './database/seed.service.js';
import { servePages } from './web/pages.js';

export interface Portal {
  app: INestApplication;
  config: AppConfig;
  /** Set when the portal runs on its embedded PGlite. */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * Builds the portal: the embedded database when no DATABASE_URL is given, migrations (if configured), the Nest
 * app, and demo data on a fresh non-production database. Shared by `main.ts` and the tests.
 */
export async function createPortal(config: AppConfig, logger = new JsonLogger(config.logLevel)): Promise<Portal> {
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const started = Date.now();
    embedded = await startEmbeddedDatabase({
      dataDir: join(config.dataDir, 'pglite'),
      maxConnections: config.dbPoolSize + 2,
    });
    logger.log(
      {
        msg: 'embedded PostgreSQL (PGlite) started',
        dataDir: join(config.dataDir, 'pglite'),
        ms: Date.now() - started,
      },
      'Database',
    );
    config = { ...config, databaseUrl: embedded.url };
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
      logger,
      bodyParser: false,
    });
    // The request id comes first, so that a body the parser refuses (malformed JSON, 413) is still answered with
    // `X-Request-Id` and logged.
    app.use(requestIdMiddleware(logger, config.exposeQueryCount));
    app.useBodyParser('json', { limit: config.limits.bodyBytes });
    app.set('trust proxy', config.trustProxyHops);
    app.disable('x-powered-by');
    servePages(app, logger, config.nodeEnv === 'test');
    await app.init();
    if (config.seedDemo) await app.get(SeedService).seedDemoIfEmpty();
    return {
      app,
      config,
      embedded,
      async close() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
