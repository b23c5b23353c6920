import pg from 'pg';
import type { JsonLogger } from '../common/logger.js';
import { embeddedDatabaseAt } from './embedded.js';

/** What a listener tells its owner. */
export interface ChannelEvents {
  /** A notification on the channel, sent by a transaction that committed. */
  notify(payload: string): void;
  /** LISTEN is in force: every notification from now on arrives (those sent before it may not have). */
  listening(): void;
  /** The listening connection is gone: notifications are missed until `listening` comes again. */
  lost(): void;
}

export interface ChannelListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  /** The portal's own embedded PGlite, reached in this process rather than by a connection of its own. */
  embedded: boolean;
  channel: string;
  logger: JsonLogger;
  events: ChannelEvents;
}

/** The application_name of the listening connection (pg_stat_activity shows it; the tests end it by this name). */
export const LISTENER_APPLICATION_NAME = 'eldercare-portal-listener';

/** The first retry after a lost connection, doubled on each failure up to the longest. */
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Listens to one notification channel. On a PostgreSQL server: a connection of its own, outside the pool (a pooled
 * connection is handed to other work and LISTEN is per session), reconnected with backoff when it drops. Resolves
 * once the first attempt has succeeded or failed, so that a portal that has started is listening if it can.
 */
export async function listenToChannel(options: ListenOptions): Promise<ChannelListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  if (options.embedded) return listenEmbedded(options);
  const listener = new ServerListener(options);
  await listener.connect();
  return listener;
}

/**
 * PGlite has one backend, shared by every connection: LISTEN on it once (through a connection that then closes;
 * the backend keeps listening) and read the notifications out of the answers it relays (see `onNotification`).
 */
async function listenEmbedded({ url, channel, logger, events }: ListenOptions): Promise<ChannelListener> {
  const database = embeddedDatabaseAt(url);
  if (!database) {
    logger.warn(
      { msg: 'no embedded database in this process at the database URL: not listening', channel },
      'Database',
    );
    return { close: () => Promise.resolve() };
  }
  const stop = database.onNotification((name, payload) => {
    if (name === channel) events.notify(payload);
  });
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // reported by the query below
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    events.listening();
  } catch (error) {
    stop();
    logger.warn({ msg: 'could not listen on the embedded database', channel, error: errorName(error) }, 'Database');
    return { close: () => Promise.resolve() };
  } finally {
    await client.end().catch(() => {});
  }
  return {
    close() {
      stop();
      events.lost();
      return Promise.resolve();
    },
  };
}

class ServerListener implements ChannelListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: ListenOptions) {}

  async connect(): Promise<void> {
    this.retry = null;
    const { url, channel, events } = this.options;
    const client = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    let up = false;
    let gone = false;
    const lose = (error?: unknown) => {
      if (gone) return;
      gone = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => {});
      if (up) events.lost();
      if (!this.closed) this.scheduleRetry(error);
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (n) => {
      if (!gone && n.channel === channel) events.notify(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (gone) return;
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    up = true;
    if (this.failures > 0) this.options.logger.log({ msg: 'listening again', channel }, 'Database');
    this.failures = 0;
    events.listening();
  }

  private scheduleRetry(error: unknown): void {
    const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures += 1;
    this.options.logger.warn(
      {
        msg: 'listening connection lost or refused',
        channel: this.options.channel,
        error: errorName(error),
        retryInMs: delay,
      },
      'Database',
    );
    // unref: a retry pending must not keep the process (or a test run) alive.
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

/** An error's code or class name only: messages can quote the connection string. */
function errorName(error: unknown): string | null {
  if (!error) return null;
  if (typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
