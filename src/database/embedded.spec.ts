import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
});
