import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type HttpServer, Inject } from '@nestjs/common';
import { type AbstractHttpAdapter, BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError, type ErrorCode, serviceUnavailable } from './errors.js';
import { JsonLogger } from './logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { currentLang, msg, resolveLang, t, word } from '../i18n/i18n.js';
import { describeBodyError } from './request-body.js';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_BALANCE: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * A domain error (the auth guard's included) on a plain HTTP route (the planning export): its status and a JSON
 * body with the code GraphQL would show, and no stack.
 */
function replyDomainError(error: DomainError, reply: FastifyReply): void {
  const status = HTTP_STATUS[error.code] ?? 500;
  const { message } = error.worded(currentLang());
  const { fields, retryAfterSeconds } = error.extensions as { fields?: string[]; retryAfterSeconds?: number };
  reply.header('Cache-Control', 'no-store');
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer');
  if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
  void reply.code(status).send({
    statusCode: status,
    code: error.code,
    message: status === 500 ? t('common.internalError') : message,
    ...(fields ? { fields } : {}),
  });
}

/**
 * Replaces Nest's default handling, which logs every exception leaving a resolver or controller with its message:
 * messages are not safe to log (PostgreSQL repeats the offending value, `invalid input syntax for type uuid:
 * "<an ID number>"`; a conflict names the duplicate). GraphQL errors go on unlogged to `formatGraphQLError`, which
 * logs only safe facts (SQLSTATE, error name); over plain HTTP a domain error gets its status and code, other HTTP
 * errors are answered as Nest would, and an unexpected one is logged by its name only.
 */
@Catch()
export class QuietExceptionFilter extends BaseExceptionFilter {
  constructor(
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    // A resolver that returns an Error fails its field exactly as if it had thrown it.
    // A database that cannot be reached: SERVICE_UNAVAILABLE, over GraphQL and plain HTTP alike.
    const unavailable = isDatabaseUnavailable(exception) ? serviceUnavailable() : null;
    if (host.getType<string>() === 'graphql') {
      if (unavailable) return unavailable;
      return exception instanceof Error ? exception : new Error('Thrown value');
    }
    const bodyError = describeBodyError(exception);
    if (bodyError) {
      // Errors of reading the body (before GraphQL runs), answered in the GraphQL error shape with a code, as
      // GraphQL's own errors are. Worded from the request's own header: the body is read before the request's
      // language is set for what runs after.
      const http = host.switchToHttp();
      const message =
        bodyError.code === 'PAYLOAD_TOO_LARGE'
          ? msg('request.bodyTooLarge', { bytes: this.config.limits.bodyBytes })
          : bodyError.message;
      const lang = resolveLang(http.getRequest<FastifyRequest>().headers['accept-language']);
      const reply = http.getResponse<FastifyReply>();
      if (reply.sent) return;
      void reply
        .header('Cache-Control', 'no-store')
        .code(bodyError.status)
        .send({ errors: [{ message: word(message, lang), extensions: { code: bodyError.code } }] });
      return;
    }
    if (exception instanceof DomainError || unavailable)
      return replyDomainError(
        unavailable ?? (exception as DomainError),
        host.switchToHttp().getResponse<FastifyReply>(),
      );
    return super.catch(exception, host);
  }

  override handleUnknownError(
    exception: unknown,
    host: ArgumentsHost,
    applicationRef: AbstractHttpAdapter | HttpServer,
  ): void {
    const status = this.isHttpError(exception) ? exception.statusCode : 500;
    const body = { statusCode: status, message: status >= 500 ? t('common.internalError') : STATUS_CODES[status] };
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
