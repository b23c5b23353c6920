import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logger.js';
import { installRequestHooks } from './common/request-hooks.js';
import { installJsonBody } from './common/request-body.js';
import { GraphQLFastPath, installGraphQLFastPath } from './common/graphql-fast-path.js';
import type { AppConfig } from './config/config.js';
import { type DataFolder, openDataFolder } from './database/data-folder.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './database/embedded.js';
import { checkPiiKeyAndSecrets } from './database/pii-key.js';
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
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, logger),
      new FastifyAdapter({
        // TRUST_PROXY proxies in front: the client address is the one that many hops back in
        // X-Forwarded-For. (Fastify takes a plain number as "trust none": its hop counting cannot check the peer.)
        trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
        bodyLimit: config.limits.bodyBytes,
      }),
      { logger, bodyParser: false },
    );
    // Fastify itself sends no X-Powered-By and no ETag (GraphQL posts are not cached, and hashing each body costs
    // time; the pages set their own caching headers).
    const fastify = app.getHttpAdapter().getInstance();
    // The request id and language first, so that a body the parser refuses (malformed JSON, 413) is still answered
    // with `X-Request-Id` and logged.
    installRequestHooks(fastify, logger, config.exposeQueryCount);
    installJsonBody(fastify, config.limits.bodyBytes);
    installGraphQLFastPath(fastify, app.get(GraphQLFastPath));
    servePages(fastify, logger, config.nodeEnv === 'test');
    await app.init();
    // Routes and hooks are final: the server answers from here on, whether it listens (`main.ts`) or is handed to
    // supertest (the tests' `app.getHttpServer()`).
    await fastify.ready();
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
