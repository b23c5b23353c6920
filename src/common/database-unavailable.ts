import { isNativeError } from 'node:util/types';

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection exception), admin and
 * crash shutdown, cannot connect now, too many connections.
 */
const unavailableSqlState = (code: string) =>
  code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

/** What pg and TypeORM say when there is no connection to be had. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Driver not Connected',
];

/**
 * Whether an error means the database cannot be reached for the moment (it stopped, restarts, or refuses more
 * connections), as opposed to a fault of the request or of ours: such a request is answered SERVICE_UNAVAILABLE,
 * safe to retry. Looks through the wrappers TypeORM and GraphQL put around the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && (current instanceof Error || isNativeError(current)); depth++) {
    const e = current as Error & { code?: unknown; syscall?: unknown; driverError?: unknown; originalError?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code)) return true;
    // A Unix socket whose file is gone (the embedded server stopped).
    if (code === 'ENOENT' && e.syscall === 'connect') return true;
    if (/^[0-9A-Z]{5}$/.test(code) && unavailableSqlState(code)) return true;
    if (UNAVAILABLE_MESSAGES.some((m) => e.message.startsWith(m))) return true;
    current = e.driverError ?? e.originalError ?? e.cause;
  }
  return false;
}
