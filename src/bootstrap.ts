import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logger.js';
import { requestIdMiddleware } from './common/request-id.middleware.js';
import { installJsonBody } from './common/request-body.js';
import { GraphQLFastPath } from './common/graphql-fast-path.js';
import type { AppConfig } from './config/config.js';
import { type DataFolder, openDataFolder } from './database/data-folder.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './database/embedded.js';
import { checkPiiKeyAndSecrets } from './database/pii-key.js';
import { SeedService } from './database/seed.service.js';
import { servePages } from './web/pages.js';
import { languageMiddleware } from './i18n/i18n.js';

export interface Portal {
  app: INestApplication;
  config: AppConfig;
  /** Set when the portal runs on its embedded PGlite. */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * Builds the portal: the embedded database when no DATABASE_URL is given (its data folder locked for this
 * process), migrations (if configured), the Nest app, the check that the PII key is the database's, and demo data
 * on a fresh non-production database. Shared by `main.ts` and the tests.
 */
export async function createPortal(config: AppConfig, logger = new JsonLogger(config.logLevel)): Promise<Portal> {
  let embedded: EmbeddedDatabase | undefined;
  let folder: DataFolder | undefined;
  if (!config.databaseUrl) {
    const started = Date.now();
    folder = openDataFolder(config.dataDir);
    try {
      embedded = await startEmbeddedDatabase({
        dataDir: join(config.dataDir, 'pglite'),
        maxConnections: config.dbPoolSize + 2,
      });
    } catch (error) {
      folder.release();
      throw error;
    }
    logger.log(
      {
        msg: 'embedded PostgreSQL (PGlite) started',
        dataDir: join(config.dataDir, 'pglite'),
        ms: Date.now() - started,
      },
      'Database',
    );
    config = { ...config, databaseUrl: embedded.url, embeddedDatabase: true };
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
      logger,
      bodyParser: false,
    });
    // The request id comes first, so that a body the parser refuses (malformed JSON, 413) is still answered with
    // `X-Request-Id` and logged.
    // The request's language (Accept-Language) for every message worded while it is served. Once is enough: the
    // body parser (raw-body) binds its callback to the request's async context.
    app.use(languageMiddleware());
    app.use(requestIdMiddleware(logger, config.exposeQueryCount));
    installJsonBody(app, config.limits.bodyBytes);
    app.use('/graphql', app.get(GraphQLFastPath).middleware);
    app.set('trust proxy', config.trustProxyHops);
    app.disable('x-powered-by');
    // No ETag on the API's answers (GraphQL posts are not cached, and hashing each body costs time); the pages set
    // their own caching headers and send no ETag.
    app.set('etag', false);
    servePages(app, logger, config.nodeEnv === 'test');
    await app.init();
    try {
      await checkPiiKeyAndSecrets(app.get(DataSource), config, logger);
      if (config.seedDemo) await app.get(SeedService).seedDemoIfEmpty();
    } catch (error) {
      await app.close();
      throw error;
    }
    return {
      app,
      config,
      embedded,
      async close() {
        await app.close();
        await embedded?.stop();
        folder?.release();
      },
    };
  } catch (error) {
    await embedded?.stop();
    folder?.release();
    throw error;
  }
}
