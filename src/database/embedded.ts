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
  /**
   * Calls `listener` with every notification the backend sends (`NOTIFY`, `pg_notify`), whichever connection's
   * statement raised it, before that connection hears its answer; returns the function that stops it. The backend
   * only sends those of channels someone LISTENs to (see `src/database/notifications.ts`).
   */
  onNotification(listener: NotificationListener): () => void;
  stop(): Promise<void>;
}

export type NotificationListener = (channel: string, payload: string) => void;

/** The embedded databases running in this process, by URL (the app is given only the URL; tests start their own). */
const running = new Map<string, EmbeddedDatabase>();

/** The embedded database of this process at `url`, if there is one. */
export function embeddedDatabaseAt(url: string): EmbeddedDatabase | undefined {
  return running.get(url);
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
  const listeners = new Set<NotificationListener>();
  keepExtendedQueriesTogether(server, listeners);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`;
  const embedded: EmbeddedDatabase = {
    url,
    db,
    onNotification(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      running.delete(url);
      listeners.clear();
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
  running.set(url, embedded);
  return embedded;
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
function keepExtendedQueriesTogether(server: PGLiteSocketServer, listeners: Set<NotificationListener>): void {
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
        // PGlite's own listen() hears only statements run through its own API, not the raw answers relayed here.
        const notifications = listeners.size > 0 ? new NotificationScanner(listeners) : null;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                notifications?.push(data);
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

const NOTIFICATION_RESPONSE = 'A'.charCodeAt(0);

/**
 * Picks NotificationResponse messages out of the backend's answer to one frontend message. The answer comes in
 * chunks that may split a message anywhere, but it always ends where a message ends (the backend flushes whole
 * messages). Other messages are skipped by their length without being copied.
 */
class NotificationScanner {
  private readonly header = new Uint8Array(5);
  private headerLength = 0;
  private skip = 0;
  private body: Uint8Array | null = null;
  private bodyLength = 0;

  constructor(private readonly listeners: Set<NotificationListener>) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
      } else if (this.body) {
        const n = Math.min(this.body.length - this.bodyLength, chunk.length - i);
        this.body.set(chunk.subarray(i, i + n), this.bodyLength);
        this.bodyLength += n;
        i += n;
        if (this.bodyLength === this.body.length) {
          this.emit(this.body);
          this.body = null;
        }
      } else {
        this.header[this.headerLength++] = chunk[i++];
        if (this.headerLength === 5) {
          this.headerLength = 0;
          const length = new DataView(this.header.buffer).getInt32(1) - 4; // the length counts itself
          if (this.header[0] === NOTIFICATION_RESPONSE) {
            this.body = new Uint8Array(length);
            this.bodyLength = 0;
          } else {
            this.skip = length;
          }
        }
      }
    }
  }

  /** Int32 process id, channel and payload as C strings. */
  private emit(body: Uint8Array): void {
    const channelEnd = body.indexOf(0, 4);
    const payloadEnd = body.indexOf(0, channelEnd + 1);
    if (channelEnd < 0 || payloadEnd < 0) return;
    const text = new TextDecoder();
    const channel = text.decode(body.subarray(4, channelEnd));
    const payload = text.decode(body.subarray(channelEnd + 1, payloadEnd));
    for (const listener of this.listeners) {
      try {
        listener(channel, payload);
      } catch {
        // A listener's fault must not break the answer on its way to the connection.
      }
    }
  }
}
