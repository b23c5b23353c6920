/**
 * The raw `node:http` + `pg` server `npm run bench -- --peers` measures: the floor of what answering these requests
 * costs in Node on this database. It takes the portal's own requests (POST /graphql, the same JSON body and token),
 * looks the operation up by its text (no GraphQL parsing, like a persisted query), verifies the token only where the
 * answer depends on who asks (case D: HS256 with the bench portal's secret, no account read), runs the case's SQL
 * (bench/peers/cases.ts) and answers `{"data": ...}` in the cases' common shape. GET /health answers 200.
 *
 * Environment: DATABASE_URL, PORT, DB_POOL_SIZE (default 10), JWT_SECRET.
 */
import { createSecretKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { PEER_CASES } from './cases.js';

const MAX_BODY_BYTES = 1_000_000;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE || 10) });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));
const byQuery = new Map(PEER_CASES.filter((c) => c.raw).map((c) => [c.portal.query, c]));

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function userOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  try {
    const claims = jwt.verify(header.slice(7), key, { algorithms: ['HS256'], issuer: 'eldercare-portal' });
    return typeof claims === 'object' && typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { ok: true });
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return send(res, 413, { errors: [{ message: 'body too large' }] });
    chunks.push(chunk);
  }
  let query: unknown;
  try {
    query = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: unknown }).query;
  } catch {
    return send(res, 400, { errors: [{ message: 'the body is not JSON' }] });
  }
  const c = typeof query === 'string' ? byQuery.get(query) : undefined;
  if (!c?.raw) return send(res, 400, { errors: [{ message: 'unknown operation' }] });
  let userId: string | null = null;
  if (c.account === 'volunteer') {
    userId = userOf(req);
    if (!userId) return send(res, 401, { errors: [{ message: 'sign in' }] });
  }
  send(res, 200, { data: await c.raw(pool, userId) });
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { errors: [{ message: 'internal error' }] });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`raw server on port ${process.env.PORT}`));

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
