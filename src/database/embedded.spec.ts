import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';

/** The Unix socket the embedded server listens on: libpq's file name in the folder the URL names. */
const socketPath = (url: string) => `${new URL(url).searchParams.get('host')}/.s.PGSQL.5432`;

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
    const socket = connect(socketPath(embedded.url));
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

describe('embedded PostgreSQL: reachable by this user only', () => {
  let embedded: EmbeddedDatabase;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'eldercare-embedded-')), 'pglite');
    // As a new database is made under the usual umask (022): PGlite writes its initial files mode 0666.
    const umask = process.umask(0o022);
    try {
      embedded = await startEmbeddedDatabase({ dataDir, maxConnections: 4, idleTimeoutMs: 3000 });
    } finally {
      process.umask(umask);
    }
  }, 120_000);

  afterAll(async () => {
    await embedded.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('listens on a Unix socket in a folder only the owner can enter, on no TCP port', async () => {
    const url = new URL(embedded.url);
    const folder = url.searchParams.get('host')!;
    expect(folder.startsWith('/')).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(socketPath(embedded.url)).isSocket()).toBe(true);
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    await client.end();
    // Nothing of this process listens on TCP for it.
    const ports = readFileSync('/proc/net/tcp', 'utf8') + readFileSync('/proc/net/tcp6', 'utf8');
    const inodes = new Set(
      readdirSync('/proc/self/fd').flatMap((fd) => {
        const link = (() => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        })();
        const match = /^socket:\[(\d+)\]$/.exec(link);
        return match ? [match[1]] : [];
      }),
    );
    const listening = ports
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && inodes.has(cols[9])); // state LISTEN, owned by this process
    expect(listening).toEqual([]);
  });

  it('keeps no file of the data folder readable or writable by group or others', () => {
    const open: string[] = [];
    const walk = (path: string) => {
      const stat = lstatSync(path);
      if (stat.mode & 0o077) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
      if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    };
    walk(dataDir);
    expect(open).toEqual([]);
  });

  it('closes a connection that sits idle in a transaction, rolls it back, and serves the others', async () => {
    // The other client connects first: pglite-socket counts waiting for an answer as idle too, so it must start
    // its own wait well after the idle one went quiet (margin 1.5 s on a 3 s timeout).
    const other = new pg.Client({ connectionString: embedded.url });
    other.on('error', () => {});
    await other.connect();
    const idle = new pg.Client({ connectionString: embedded.url });
    idle.on('error', () => {}); // the server closing it is the point
    await idle.connect();
    await idle.query('CREATE TABLE IF NOT EXISTS held (n int)');
    await other.query('SELECT 1'); // the other's last word before the idle one goes quiet
    await idle.query('BEGIN');
    await idle.query('INSERT INTO held VALUES (1)');
    await new Promise((r) => setTimeout(r, 1500));
    // The other client waits behind the open transaction (PGlite has one backend)...
    const started = Date.now();
    const { rows } = await other.query('SELECT count(*)::int AS n FROM held');
    // ...until the idle one is cut off and its insert rolled back.
    expect(rows).toEqual([{ n: 0 }]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await other.end().catch(() => {});
    await idle.end().catch(() => {});
  });
});
