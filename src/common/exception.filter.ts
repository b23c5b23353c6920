import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type HttpServer, Inject } from '@nestjs/common';
import { type AbstractHttpAdapter, BaseExceptionFilter } from '@nestjs/core';
import { JsonLogger } from './logger.js';

/**
 * Replaces Nest's default handling, which logs every exception leaving a resolver or controller with its message:
 * messages are not safe to log (PostgreSQL repeats the offending value, `invalid input syntax for type uuid:
 * "<an ID number>"`; a conflict names the duplicate). GraphQL errors go on unlogged to `formatGraphQLError`, which
 * logs only safe facts (SQLSTATE, error name); HTTP errors are answered as Nest would, and an unexpected one is
 * logged by its name only.
 */
@Catch()
export class QuietExceptionFilter extends BaseExceptionFilter {
  constructor(@Inject(JsonLogger) private readonly logger: JsonLogger) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    // A resolver that returns an Error fails its field exactly as if it had thrown it.
    if (host.getType<string>() === 'graphql') return exception instanceof Error ? exception : new Error('Thrown value');
    return super.catch(exception, host);
  }

  override handleUnknownError(
    exception: unknown,
    host: ArgumentsHost,
    applicationRef: AbstractHttpAdapter | HttpServer,
  ): void {
    const status = this.isHttpError(exception) ? exception.statusCode : 500;
    const body = { statusCode: status, message: status >= 500 ? 'Internal server error' : STATUS_CODES[status] };
    const response: unknown = host.getArgByIndex(1);
    if (!applicationRef.isHeadersSent(response)) applicationRef.reply(response, body, status);
    else applicationRef.end(response);
    if (status >= 500) {
      this.logger.error(
        { msg: 'unexpected error', error: exception instanceof Error ? exception.name : typeof exception },
        'Http',
      );
    }
  }
}
