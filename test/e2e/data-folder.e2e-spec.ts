import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPortal } from '../../src/bootstrap.js';
import { JsonLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/config.js';
import { DataFolderLockedError, LOCK_FILE, openDataFolder } from '../../src/database/data-folder.js';
import { piiKeyFingerprint } from '../../src/database/pii-key.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const folders: string[] = [];
const children: ChildProcess[] = [];

const newFolder = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'eldercare-folder-')), 'data');
  folders.push(dir);
  return dir;
};

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of folders) rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** Another process that takes the folder's lock: resolves once it holds it. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/hold-data-folder.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Runs the database CLI (from source, through tsx) and collects its exit code and output. */
function cli(args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/database/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: '--no-warnings', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.once('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('one process owns a data folder (issue 11, item 2)', () => {
  it('refuses a second process at once, naming the folder and the pid that holds it: the app and the CLI', async () => {
    const dir = newFolder();
    const child = await holder(dir);

    let refusal: unknown;
    try {
      openDataFolder(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderLockedError);
    expect((refusal as Error).message).toContain(dir);
    expect((refusal as Error).message).toContain(String(child.pid));

    // The portal stops before it opens the embedded database.
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'error' }, () => {});
    await expect(createPortal(config, new JsonLogger('error', () => {}))).rejects.toThrow(
      new RegExp(`${dir}.*process ${child.pid}`),
    );
    expect(existsSync(join(dir, 'pglite'))).toBe(false);

    // So does every CLI command.
    const migrate = await cli(['migrate'], { DATA_DIR: dir });
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(dir);
    expect(migrate.stderr).toContain(`process ${child.pid}`);
    expect(existsSync(join(dir, 'pglite'))).toBe(false);

    child.kill('SIGTERM');
    await exited(child);
  }, 120_000);

  it('recovers a lock left by a process killed with kill -9', async () => {
    const dir = newFolder();
    const child = await holder(dir);
    child.kill('SIGKILL');
    await exited(child);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(child.pid);

    const folder = openDataFolder(dir);
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]); // the stale lock moved aside was removed
    folder.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('tells a reused pid from the holder; counts a lock from another host as held', () => {
    const dir = newFolder();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LOCK_FILE);
    // The parent process is alive, but started at another time than the one recorded: the holder is gone.
    writeFileSync(
      file,
      JSON.stringify({ pid: process.ppid, host: hostname(), processStart: '1', token: 'x', since: '2026-01-01' }),
    );
    const folder = openDataFolder(dir);
    folder.release();

    writeFileSync(file, JSON.stringify({ pid: 4242, host: 'elsewhere', token: 'y', since: '2026-01-01' }));
    expect(() => openDataFolder(dir)).toThrow(/process 4242 on host elsewhere/);
    // An unreadable lock is treated as stale.
    writeFileSync(file, 'garbage');
    openDataFolder(dir).release();
  });

  it('makes the folder and what is already in it owner-only', () => {
    const dir = newFolder();
    mkdirSync(join(dir, 'pglite', 'base'), { recursive: true });
    writeFileSync(join(dir, 'pglite', 'base', 'file'), 'x');
    chmodSync(join(dir, 'pglite', 'base', 'file'), 0o666);
    chmodSync(join(dir, 'pglite'), 0o777);
    chmodSync(dir, 0o755);
    const folder = openDataFolder(dir);
    for (const path of [dir, join(dir, 'pglite'), join(dir, 'pglite', 'base'), join(dir, 'pglite', 'base', 'file')])
      expect({ path, open: lstatSync(path).mode & 0o077 }).toEqual({ path, open: 0 });
    folder.release();
  });
});

describe('the portal on its embedded database: lock, modes, key fingerprint, secrets (issue 11, items 2-4)', () => {
  it('starts on a new folder (secrets made and saved), refuses a second portal and another key, restarts', async () => {
    const dir = newFolder();
    const quiet = new JsonLogger('error', () => {});
    const env = { NODE_ENV: 'development', DATA_DIR: dir, SEED_DEMO: 'false', LOG_LEVEL: 'error' };
    const first = await createPortal(
      loadConfig(env, () => {}),
      quiet,
    );
    try {
      expect(first.embedded).toBeDefined();
      // New and empty: the development secrets were saved, and the key's fingerprint recorded.
      const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
      const [row] = await first
        .embedded!.db.query<{ fingerprint: string }>('SELECT fingerprint FROM pii_key_fingerprint')
        .then((r) => r.rows);
      expect(row.fingerprint).toBe(piiKeyFingerprint(Buffer.from(secrets.piiKey, 'hex')));
      // Nobody else may read or enter the folder.
      const open: string[] = [];
      const walk = (path: string) => {
        const stat = lstatSync(path);
        if (stat.mode & 0o077) open.push(path);
        if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
      };
      walk(dir);
      expect(open).toEqual([]);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      // A second portal on the same folder (here: the same process, as a second process would be) is refused.
      await expect(
        createPortal(
          loadConfig(env, () => {}),
          quiet,
        ),
      ).rejects.toThrow(/in use by process/);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    // Another PII key: refused with a message that says so, and never advises deleting keys.
    const other = loadConfig({ ...env, PII_KEY: 'ab'.repeat(32) }, () => {});
    const refusal = await createPortal(other, quiet).then(
      () => null,
      (error: Error) => error,
    );
    expect(refusal?.message).toMatch(/PII_KEY does not match the data in this database/);
    expect(refusal?.message).not.toMatch(/delet/i);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    // secrets.json gone (an install copied without it): no new secrets are made for a database with data.
    const saved = readFileSync(join(dir, 'secrets.json'), 'utf8');
    rmSync(join(dir, 'secrets.json'));
    const generated = await createPortal(
      loadConfig(env, () => {}),
      quiet,
    ).then(
      () => null,
      (error: Error) => error,
    );
    expect(generated?.message).toMatch(/PII_KEY is not set, and this database already holds/);
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);

    writeFileSync(join(dir, 'secrets.json'), saved, { mode: 0o600 });
    const again = await createPortal(
      loadConfig(env, () => {}),
      quiet,
    );
    await again.close();
  }, 180_000);
});
