import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type pg from 'pg';
import type { Payload, SqlClient } from './cases.js';

export interface Stats {
  /** Completed requests (or SQL-side calls) per second over the measured window. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Calls completed in the measured window. */
  requests: number;
  seconds: number;
}

export interface PortalStats extends Stats {
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers that carried GraphQL errors. */
  errors: number;
  timeouts: number;
  non2xx: number;
  badBodies: number;
}

/**
 * Latencies for both sides go into the same kind of histogram (Node's, in microseconds): autocannon's own is kept
 * in whole milliseconds, too coarse for sub-millisecond SQL.
 */
const histogram = () => createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
const record = (h: RecordableHistogram, ms: number) =>
  h.record(Math.min(60_000_000, Math.max(1, Math.round(ms * 1000))));
const percentileMs = (h: RecordableHistogram, p: number) => (h.count ? h.percentile(p) / 1000 : NaN);

export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A successful GraphQL answer: data and no errors (checked cheaply, on every response). */
const goodBody = (body: string | Buffer | undefined) => {
  const text = typeof body === 'string' ? body : (body?.toString('utf8') ?? '');
  return text.startsWith('{"data":') && !text.includes('"errors":');
};

function autocannonOnce(target: HttpTarget, connections: number, seconds: number): Promise<PortalStats> {
  return new Promise((resolve, reject) => {
    const latency = histogram();
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: target.headers,
        body: target.body,
        connections,
        duration: seconds,
        timeout: 10,
        verifyBody: goodBody,
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const requests = result.requests.total;
        resolve({
          requestsPerSecond: requests / result.duration,
          p50Ms: percentileMs(latency, 50),
          p99Ms: percentileMs(latency, 99),
          requests,
          seconds: result.duration,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          badBodies: result.mismatches,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) record(latency, responseTimeMs);
    });
  });
}

/** Autocannon against the portal: a warm-up (discarded), then the measured run, both with `connections`. */
export async function measurePortal(
  target: HttpTarget,
  opts: { connections: number; seconds: number; warmupSeconds: number },
): Promise<PortalStats> {
  if (opts.warmupSeconds > 0) await autocannonOnce(target, opts.connections, opts.warmupSeconds);
  return autocannonOnce(target, opts.connections, opts.seconds);
}

async function sqlLoop(
  clients: pg.PoolClient[],
  fn: (client: SqlClient) => Promise<Payload>,
  seconds: number,
): Promise<Stats> {
  const latency = histogram();
  let requests = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await fn(client);
        record(latency, performance.now() - t0);
        requests++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: requests / elapsed,
    p50Ms: percentileMs(latency, 50),
    p99Ms: percentileMs(latency, 99),
    requests,
    seconds: elapsed,
  };
}

/**
 * The raw-`pg` side, measured like the portal: `connections` workers, each with its own client from the pool,
 * calling the case's SQL function back to back for the same warm-up and duration, every call's latency recorded.
 *
 * It has no HTTP, no JSON (de)serialisation, no GraphQL parsing/validation/execution and no authentication, and it
 * runs in the harness process while autocannon has the portal's process to itself plus its own cost. So the ratio
 * raw/portal is an upper bound of what the framework stack costs, not what a hand-written HTTP service would gain.
 */
export async function measureSql(
  pool: pg.Pool,
  fn: (client: SqlClient) => Promise<Payload>,
  opts: { connections: number; seconds: number; warmupSeconds: number },
): Promise<Stats> {
  const clients: pg.PoolClient[] = [];
  try {
    for (let i = 0; i < opts.connections; i++) clients.push(await pool.connect());
    if (opts.warmupSeconds > 0) await sqlLoop(clients, fn, opts.warmupSeconds);
    return await sqlLoop(clients, fn, opts.seconds);
  } finally {
    for (const client of clients) client.release();
  }
}

/** Runs `fn` once on a client whose `query` counts the calls: SQL round trips per request on the raw side. */
export async function countSqlRoundTrips(
  pool: pg.Pool,
  fn: (client: SqlClient) => Promise<Payload>,
): Promise<{ payload: Payload; roundTrips: number }> {
  const client = await pool.connect();
  try {
    let roundTrips = 0;
    const counting: SqlClient = {
      query: (text, values) => {
        roundTrips++;
        return client.query(text, values);
      },
    };
    const payload = await fn(counting);
    return { payload, roundTrips };
  } finally {
    client.release();
  }
}
