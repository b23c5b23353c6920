// Preloaded (`node --import`) into each server `npm run bench -- --peers` measures: counts the calls of pg's
// `Client.prototype.query` (one SQL round trip each: pg neither pipelines nor batches) made in that process, and
// answers the running total on http://127.0.0.1:$BENCH_SQL_COUNTER_PORT/. The harness reads it before and after a
// few requests sent one at a time: SQL round trips per request, counted the same way for every server. The `pg`
// patched is the one resolved from BENCH_SQL_COUNTER_FROM (a folder; default the working directory).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const from = process.env.BENCH_SQL_COUNTER_FROM || process.cwd();
const pg = createRequire(`${from.replace(/\/$/, '')}/`)('pg');
let calls = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  calls++;
  return query.apply(this, args);
};

const server = createServer((_req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end(String(calls));
});
server.listen(Number(process.env.BENCH_SQL_COUNTER_PORT), '127.0.0.1');
server.unref();
