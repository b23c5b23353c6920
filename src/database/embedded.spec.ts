import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  let embedded: EmbeddedDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    embedded = await startEmbeddedDatabase({ maxConnections: 8 });
    pool = new pg.Pool({ connectionString: embedded.url, max: 6 });
    await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await pool.query('INSERT INTO counter VALUES (1, 0)');
  }, 120_000);

  afterAll(async () => {
    await pool.end();
    await embedded.stop();
  });

  it('keeps concurrent parameterised queries from different connections apart', async () => {
    // Each query is a Parse/Bind/Execute/Sync batch; interleaved batches used to clobber each other's unnamed
    // statement ("unnamed prepared statement does not exist") or return another query's rows.
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        pool.query<{ n: number; tag: string }>('SELECT $1::int * 2 AS n, $2::text AS tag', [i, `q${i}`]),
      ),
    );
    results.forEach((r, i) => expect(r.rows).toEqual([{ n: i * 2, tag: `q${i}` }]));
  });

  it('isolates transactions on one connection from queries on the others', async () => {
    const increments = Array.from({ length: 20 }, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ n: number }>('SELECT n FROM counter WHERE id = $1', [1]);
        await client.query('UPDATE counter SET n = $1 WHERE id = $2', [rows[0].n + 1, 1]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    const reads = Array.from({ length: 20 }, () => pool.query('SELECT $1::int AS x', [7]));
    await Promise.all([...increments, ...reads]);
    const { rows } = await pool.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
    expect(rows[0].n).toBe(20);
  });

  it('serves the other connections when one drops in the middle of a batch', async () => {
    // Speak the wire protocol by hand: start up, send a Parse without its Sync, then vanish.
    const url = new URL(embedded.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    let received = Buffer.alloc(0);
    const ready = new Promise<void>((resolve) =>
      socket.on('data', (d: Buffer) => {
        received = Buffer.concat([received, d]);
        if (received.includes(Buffer.from('Z\0\0\0\x05I'))) resolve(); // ReadyForQuery, idle
      }),
    );
    socket.write(Buffer.concat([startup, params]));
    await ready;
    const body = Buffer.from('\0SELECT 1\0\0\0');
    const parse = Buffer.alloc(5);
    parse.write('P', 0);
    parse.writeInt32BE(4 + body.length, 1);
    socket.write(Buffer.concat([parse, body]));
    await new Promise((r) => setTimeout(r, 100));
    // Another connection's query queues up behind the unfinished batch...
    const pending = pool.query<{ x: number }>('SELECT $1::int AS x', [42]);
    await new Promise((r) => setTimeout(r, 100));
    // ...and runs once the connection that held the queue is gone.
    socket.destroy();
    const stalled = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('query stalled')), 3000).unref(),
    );
    const { rows } = await Promise.race([pending, stalled]);
    expect(rows).toEqual([{ x: 42 }]);
  });
});
