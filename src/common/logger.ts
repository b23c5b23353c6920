import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/config.js';
import { currentRequestId } from './request-tracking.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout, with the request id when there is one. Callers pass facts, never request
 * bodies, variables, tokens or passwords: nothing here can scrub a secret it is handed.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  private emit(level: LogLevel, message: unknown, context?: unknown, extra?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    const requestId = currentRequestId();
    if (requestId) entry.requestId = requestId;
    if (typeof context === 'string') entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.error = message.name;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (extra) Object.assign(entry, extra);
    this.write(JSON.stringify(entry));
  }

  log(message: unknown, context?: unknown): void {
    this.emit('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context) or (message, context); stacks stay out of the log line.
    this.emit('error', message, rest.length > 1 ? rest[rest.length - 1] : rest[0]);
  }
  warn(message: unknown, context?: unknown): void {
    this.emit('warn', message, context);
  }
  debug(message: unknown, context?: unknown): void {
    this.emit('debug', message, context);
  }
  verbose(message: unknown, context?: unknown): void {
    this.emit('debug', message, context);
  }
  fatal(message: unknown, context?: unknown): void {
    this.emit('error', message, context);
  }
  info(message: unknown, extra?: Record<string, unknown>): void {
    this.emit('info', message, undefined, extra);
  }
}

/**
 * Apollo Server's own messages as JSON lines (its default logger writes plain text to the console). An error's
 * text is cut at its first colon: what follows is usually the message of the error it wraps, which may hold
 * request data (`Unexpected error processing request: <error>`).
 */
export function apolloLogger(logger: JsonLogger) {
  const text = (message: unknown) => (message instanceof Error ? message.name : String(message));
  return {
    debug: (message: unknown) => logger.debug({ msg: text(message) }, 'Apollo'),
    info: (message: unknown) => logger.log({ msg: text(message) }, 'Apollo'),
    warn: (message: unknown) => logger.warn({ msg: text(message) }, 'Apollo'),
    error: (message: unknown) => logger.error({ msg: text(message).split(':')[0] }, 'Apollo'),
  };
}
