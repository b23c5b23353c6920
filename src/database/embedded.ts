import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
  port?: number;
}

/**
 * Real PostgreSQL (PGlite, compiled to WebAssembly) in this process, reachable over the wire protocol so the app
 * uses the ordinary `pg` driver and nothing else changes. One backend serves every connection: a transaction on
 * one connection makes the others wait.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  keepExtendedQueriesTogether(server);
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

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
