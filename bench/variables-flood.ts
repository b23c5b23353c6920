/**
 * `node dist/bench/variables-flood.js` (after `npm run build`): the hostile request of issue 11, item 1. One anonymous
 * `POST /graphql` of the largest body the portal accepts, `mutation($i: SetTargetInput!) { setTarget(input: $i) }`
 * whose `$i` carries the three real fields and then undeclared keys `f0`, `f1`, ... up to the byte, while a second
 * client polls `GET /health/live` back to back. Prints how long the flood took to answer (status and error codes)
 * and the slowest `/health/live` answer during it: before the variables guard, graphql-js formatted each unknown
 * key's error with the whole value and the event loop stood still; after it, the body is refused at its first
 * unknown key.
 *
 * Environment:
 *   BENCH_URL        GraphQL URL of a running portal. Unset: starts `node dist/src/main.js` itself on DATABASE_URL
 *                    (default: a database `eldercare_bench_flood` on the local server, created and dropped here).
 *   MAX_BODY_BYTES   The portal's body limit (default 16777216): the body sent is exactly this size.
 *   BENCH_FLOOD_BYTES  Send a smaller body instead (for timing the unguarded code at the tester's 1.7 MB).
 *   BENCH_FLOOD_TIMEOUT  Seconds to wait for the answer (default 900).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { floodBody } from './flood.js';
import { ensureDatabase, type StartedPortal, startPortal } from './portal.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/eldercare_bench_flood';

interface Poll {
  answers: number;
  failures: number;
  firstFailure?: string;
  slowestMs: number;
}

/** GET /health/live back to back until `stop()`; the slowest answer is what a load balancer would have seen. */
function pollLive(base: string) {
  const poll: Poll = { answers: 0, failures: 0, slowestMs: 0 };
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(900_000) });
        await res.arrayBuffer();
        if (res.ok) poll.answers++;
        else {
          poll.failures++;
          poll.firstFailure ??= `HTTP ${res.status}`;
        }
      } catch (error) {
        poll.failures++;
        poll.firstFailure ??= `${(error as Error).message} ${String((error as Error).cause ?? '')}`.trim();
      }
      poll.slowestMs = Math.max(poll.slowestMs, performance.now() - started);
      await sleep(20);
    }
  })();
  return {
    poll,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Reads the answer as a stream (it may be hundreds of megabytes), counting bytes and `extensions.code` values. */
async function readAnswer(res: Response): Promise<{ bytes: number; codes: Map<string, number> }> {
  const codes = new Map<string, number>();
  let bytes = 0;
  let carry = '';
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const text = carry + decoder.decode(value, { stream: true });
    const pattern = /"code":"([A-Z_]+)"/g;
    let match: RegExpExecArray | null;
    let consumed = 0;
    while ((match = pattern.exec(text))) {
      codes.set(match[1], (codes.get(match[1]) ?? 0) + 1);
      consumed = pattern.lastIndex;
    }
    carry = text.slice(Math.max(consumed, text.length - 64));
  }
  return { bytes, codes };
}

async function main(): Promise<void> {
  const bytes = Number(process.env.BENCH_FLOOD_BYTES ?? process.env.MAX_BODY_BYTES ?? 16 * 1024 * 1024);
  const timeoutSeconds = Number(process.env.BENCH_FLOOD_TIMEOUT ?? 900);
  let url = process.env.BENCH_URL?.trim();
  let portal: StartedPortal | undefined;
  let createdDatabase: string | undefined;
  if (!url) {
    const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
    if (await ensureDatabase(databaseUrl)) createdDatabase = databaseUrl;
    portal = await startPortal(ROOT, databaseUrl);
    url = portal.url;
  }
  const base = new URL(url).origin;
  try {
    const { body, keys } = floodBody(bytes);
    console.log(`flood: ${bytes} bytes, ${keys} undeclared keys in $i, anonymous, to ${url}`);
    const live = pollLive(base);
    await sleep(200); // the poller is under way
    const started = performance.now();
    let status = 0;
    let answer = { bytes: 0, codes: new Map<string, number>() };
    let failure: string | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      status = res.status;
      answer = await readAnswer(res);
    } catch (error) {
      failure = (error as Error).message;
    }
    const floodMs = performance.now() - started;
    await live.stop();
    const codes = [...answer.codes].map(([code, n]) => `${code} x${n}`).join(', ') || 'none';
    console.log(
      failure
        ? `flood: no answer after ${(floodMs / 1000).toFixed(2)} s (${failure})`
        : `flood: answered in ${(floodMs / 1000).toFixed(3)} s, HTTP ${status}, ${answer.bytes} bytes, codes: ${codes}`,
    );
    console.log(
      `/health/live during it: ${live.poll.answers} answers, ${live.poll.failures} failures` +
        `${live.poll.firstFailure ? ` (first: ${live.poll.firstFailure})` : ''}, slowest ` +
        `${(live.poll.slowestMs / 1000).toFixed(3)} s`,
    );
  } finally {
    await portal?.stop();
    if (createdDatabase) {
      const admin = new URL(createdDatabase);
      const name = decodeURIComponent(admin.pathname.slice(1));
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
      await client.end();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
