import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { restrictToOwner } from './data-folder.js';

/**
 * A connection that sends nothing for this long is closed (and its open transaction rolled back), so that a client
 * that stalls inside a transaction cannot hold PGlite's single backend for ever. Longer than any statement the
 * portal runs (PGlite ignores statement_timeout: the wait for a slow statement's answer counts as idle too), and
 * longer than the pool keeps an idle connection (10 s).
 */
export const EMBEDDED_IDLE_TIMEOUT_MS = 120_000;

export interface EmbeddedDatabase {
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the data files; undefined keeps everything in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (tests restore a migrated database this way). */
  loadDataDir?: Blob | File;
  /** Must be at least the pool size: PGlite resets connections beyond it instead of queueing them. */
  maxConnections: number;
  idleTimeoutMs?: number;
}

/**
 * Real PostgreSQL (PGlite, compiled to WebAssembly) in this process, reachable over the wire protocol so the app
 * uses the ordinary `pg` driver and nothing else changes. One backend serves every connection: a transaction on
 * one connection makes the others wait.
 *
 * The server listens on a Unix socket in a fresh folder only this user can enter (mode 0700), never on a TCP port:
 * pglite-socket takes any user name and password, so the folder's permissions are what keeps other local users
 * out. The data folder's files are made owner-only too (PGlite writes those of a new database world-writable).
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  if (options.dataDir) restrictToOwner(options.dataDir);
  const socketDir = mkdtempSync(join(tmpdir(), 'eldercare-pg-')); // created with mode 0700
  const server = new PGLiteSocketServer({
    db,
    // libpq's socket file name, so that `pg` finds it from the folder and the port alone.
    path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: options.maxConnections,
    idleTimeout: options.idleTimeoutMs ?? EMBEDDED_IDLE_TIMEOUT_MS,
  });
  keepExtendedQueriesTogether(server);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`;
  return {
    url,
    db,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** Only names the socket file (`.s.PGSQL.5432`); nothing listens on this port. */
const SOCKET_PORT = 5432;

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  timestamp: number;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const PROTOCOL_3 = 196608;
/** Frontend messages after which the backend answers ReadyForQuery: Sync, simple Query, Terminate, CopyDone, CopyFail. */
const BATCH_ENDS = new Set(['S', 'Q', 'X', 'c', 'f'].map((c) => c.charCodeAt(0)));

function endsBatch(message: Uint8Array): boolean {
  if (message.length >= 8 && new DataView(message.buffer, message.byteOffset).getInt32(4) === PROTOCOL_3) return true;
  return BATCH_ENDS.has(message[0]);
}

/**
 * pglite-socket 0.2.17 queues each wire-protocol message on its own and keeps one connection's messages together
 * only inside a transaction. Two connections' extended-protocol batches (Parse, Bind, Execute, Sync) then
 * interleave on PGlite's single backend and overwrite each other's unnamed statement ("unnamed prepared statement
 * does not exist", electric-sql/pglite#1046). This keeps a connection's messages together until the message that
 * ends its batch, as well as inside transactions.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let owner: number | null = null; // the connection in the middle of a batch
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (owner === handlerId) {
      // A connection that dropped mid-batch must not leave the others waiting for it.
      owner = null;
      void queue.processQueue();
    }
  };
  queue.processQueue = async function (this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const next = this.db.isInTransaction() && this.lastHandlerId !== null ? this.lastHandlerId : owner;
        let item: QueuedMessage | undefined;
        if (next === null) {
          item = this.queue.shift();
        } else {
          const index = this.queue.findIndex((q) => q.handlerId === next);
          if (index === -1) break; // wait for the rest of that connection's batch; enqueue() resumes us
          item = this.queue.splice(index, 1)[0];
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = null;
          current.reject(error);
          continue;
        }
        this.lastHandlerId = current.handlerId;
        owner = endsBatch(current.message) ? null : current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
