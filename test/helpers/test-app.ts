import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import pg from 'pg';
import request from 'supertest';
import { createPortal, type Portal } from '../../src/bootstrap.js';
import { JsonLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../src/database/embedded.js';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const TEST_PII_KEY = '5f'.repeat(32);

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
  headers: Record<string, string>;
}

export interface TestApp {
  portal: Portal;
  server: Server;
  /** A direct connection to this test's database, for arranging data and checking what was written. */
  db: pg.Client;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

let counter = 0;

/** Stores of a database for one test file: a clone of the migrated template, or a PGlite restored from a dump. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void>; embedded?: EmbeddedDatabase }> {
  const mode = process.env.TEST_DB_MODE;
  if (mode === 'server') {
    const adminUrl = process.env.TEST_DB_ADMIN_URL!;
    const name = `eldercare_t_${process.env.TEST_RUN_ID}_${process.pid}_${++counter}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_DB_TEMPLATE}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  if (mode === 'pglite') {
    const dump = readFileSync(process.env.TEST_PGLITE_DUMP!);
    // The test's own connection (`db`) may sit unused for minutes while a long test runs: no idle cut-off here.
    // Room for two portals' pools (startPeerApp) besides the test's own connection.
    const embedded = await startEmbeddedDatabase({
      loadDataDir: new Blob([dump]),
      maxConnections: 12,
      idleTimeoutMs: 60 * 60_000,
    });
    return { url: embedded.url, embedded, drop: () => embedded.stop() };
  }
  throw new Error('Run the tests with `npm test` (scripts/test.mjs prepares the database)');
}

/**
 * Boots the real portal (real migrations, auth, GraphQL) on a database of its own. `env` overrides settings the
 * way the environment would.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const logs: string[] = [];
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      PII_KEY: TEST_PII_KEY,
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      DB_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      ANONYMOUS_RATE_LIMIT: '100000',
      LOGIN_MAX_FAILURES_PER_CLIENT: '100000',
      ...env,
    },
    (m) => logs.push(m),
  );
  // PGlite mode: the portal treats it as its embedded database (no server-side timeouts), as in production.
  if (database.embedded) config.embeddedDatabase = true;
  const logger = new JsonLogger(config.logLevel, (line) => {
    logs.push(line);
    if (process.env.TEST_LOGS) process.stdout.write(line + '\n');
  });
  let portal: Portal;
  try {
    portal = await createPortal(config, logger);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const server = portal.app.getHttpServer() as Server;
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();

  return {
    portal,
    server,
    db,
    logs,
    gql: gqlOn(server),
    async close() {
      await db.end();
      await portal.close();
      await database.drop();
    },
  };
}

function gqlOn(server: Server): TestApp['gql'] {
  return async (query, variables, token, headers = {}) => {
    // English unless the test asks for another language: the suites assert English wording (Chinese is the
    // portal's default, tested in i18n.e2e-spec).
    const req = request(server).post('/graphql').set('content-type', 'application/json').set('accept-language', 'en');
    if (token) req.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    const res = await req.send({ query, variables });
    return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
  };
}

export type PeerApp = Pick<TestApp, 'portal' | 'server' | 'logs' | 'gql' | 'close'>;

/**
 * A second portal on `t`'s database with `t`'s settings, as a second instance behind a load balancer would be. Close
 * it before `t` (which drops the database).
 */
export async function startPeerApp(t: TestApp): Promise<PeerApp> {
  const logs: string[] = [];
  const config = t.portal.config;
  const logger = new JsonLogger(config.logLevel, (line) => {
    logs.push(line);
    if (process.env.TEST_LOGS) process.stdout.write(line + '\n');
  });
  const portal = await createPortal(config, logger);
  const server = portal.app.getHttpServer() as Server;
  return { portal, server, logs, gql: gqlOn(server), close: () => portal.close() };
}

/** The error codes of a response, in order. */
export const codes = (res: GraphQLResponse) => (res.body.errors ?? []).map((e) => e.extensions?.code);
