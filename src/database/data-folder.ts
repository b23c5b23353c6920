import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file in a data folder: who holds the folder. */
export const LOCK_FILE = 'portal.lock';

/** A data folder another live process holds (or one this process cannot take for another reason it names). */
export class DataFolderLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderLockedError';
  }
}

interface LockContent {
  pid: number;
  host: string;
  /** Linux: the boot the process ran in, and its start time in clock ticks since boot (so a reused pid is told apart). */
  bootId?: string;
  processStart?: string;
  token: string;
  since: string;
}

const readOr = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const currentBootId = () => readOr('/proc/sys/kernel/random/boot_id')?.trim();

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function processStart(pid: number): string | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
}

function parseLock(text: string | undefined): LockContent | null {
  if (text === undefined) return null;
  try {
    const content = JSON.parse(text) as Partial<LockContent>;
    if (typeof content.pid !== 'number' || typeof content.token !== 'string') return null;
    return content as LockContent;
  } catch {
    return null;
  }
}

/**
 * Whether the process named in a lock may still be using the folder. A lock from this host whose process is gone
 * (killed, crashed, the machine restarted, or the pid now belongs to a process started later) is stale. A lock
 * from another host (a folder on shared storage) cannot be checked, so it counts as held.
 */
function holderAlive(lock: LockContent): boolean {
  if (lock.host !== hostname()) return true;
  if (lock.bootId && currentBootId() && lock.bootId !== currentBootId()) return false;
  if (!isAlive(lock.pid)) return false;
  if (lock.processStart && processStart(lock.pid) && processStart(lock.pid) !== lock.processStart) return false;
  return true;
}

/** Removes group and other permissions from a folder and everything under it (symbolic links are left alone). */
export function restrictToOwner(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o7700);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) restrictToOwner(join(path, entry));
}

export interface DataFolder {
  dir: string;
  /** Gives the folder up (removes the lock if it is still this process's). Safe to call twice. */
  release(): void;
}

/**
 * Takes a data folder for this process: creates it (owner only), makes what is already in it owner-only, and
 * holds a lock file (created exclusively) with this process's id until `release()` or exit. A second process, or
 * a CLI command, stops at once with a message naming the folder and the holder's pid. A lock left by a process
 * that is gone (`kill -9`, a crash, a power cut) is recovered.
 *
 * Sets the process umask to 077 as well: PostgreSQL (PGlite) creates its files as the process goes, and they must
 * not be readable by other users.
 */
export function openDataFolder(dir: string): DataFolder {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, LOCK_FILE);
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    bootId: currentBootId(),
    processStart: processStart(process.pid),
    token: randomBytes(12).toString('hex'),
    since: new Date().toISOString(),
  };
  const text = JSON.stringify(content);

  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readOr(file);
    const holder = parseLock(seen);
    if (holder && holderAlive(holder)) {
      const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
      throw new DataFolderLockedError(
        `The data folder ${dir} is in use by process ${holder.pid}${where} (since ${holder.since}). One process ` +
          'owns a data folder at a time: stop that process first, or give this one another DATA_DIR.',
      );
    }
    if (attempt >= 3) {
      throw new DataFolderLockedError(
        `The data folder ${dir} could not be locked: its lock file ${file} keeps changing`,
      );
    }
    if (seen !== undefined) recoverStale(file, seen);
  }
  // Only after the lock is ours: files a previous run (or an older version of the portal) left readable.
  restrictToOwner(dir);

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOr(file) === text) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', release);
  return { dir, release };
}

/**
 * Moves a stale lock aside. Rename is atomic, so of two processes recovering the same stale lock one moves it;
 * if what was moved is not the stale lock that was read (another process had already recovered it and taken the
 * folder), it is put back.
 */
function recoverStale(file: string, stale: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved it first
  }
  if (readOr(aside) !== stale) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process took the folder meanwhile; its own lock stands
    }
  }
  unlinkSync(aside);
}
