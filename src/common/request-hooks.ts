import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Lang, resolveLang, withLang } from '../i18n/i18n.js';
import type { JsonLogger } from './logger.js';
import { type RequestTracking, requestTracking } from './request-tracking.js';

interface Tracked {
  tracking: RequestTracking;
  lang: Lang;
}

const TRACKED = Symbol('tracked');
type TrackedRequest = FastifyRequest & { [TRACKED]?: Tracked };

/**
 * Gives each request an id of its own (never the caller's `X-Request-Id`: that is client text, and could carry
 * personal data into the logs), runs the request inside it and inside its language (Accept-Language) so every log
 * line carries the id and every message is worded in the caller's language, and logs one access line: method,
 * path without query string, status, time. Never bodies, headers or query strings: those hold passwords, tokens
 * and ID numbers.
 *
 * Fastify reads the body between `onRequest` and `preValidation`, in the socket's async context, not the one the
 * `onRequest` hook ran in: the request's context is entered again in `preValidation`, before any handler runs.
 */
export function installRequestHooks(fastify: FastifyInstance, logger: JsonLogger, exposeQueryCount: boolean): void {
  const enter = (tracked: Tracked, done: () => void) =>
    requestTracking.run(tracked.tracking, () => withLang(tracked.lang, done));

  fastify.addHook('onRequest', (request: TrackedRequest, reply, done) => {
    const tracked: Tracked = {
      tracking: { requestId: randomUUID(), sqlRoundTrips: 0 },
      lang: resolveLang(request.headers['accept-language']),
    };
    request[TRACKED] = tracked;
    reply.header('X-Request-Id', tracked.tracking.requestId);
    enter(tracked, done);
  });
  fastify.addHook('preValidation', (request: TrackedRequest, _reply, done) => {
    const tracked = request[TRACKED];
    if (tracked) enter(tracked, done);
    else done();
  });
  if (exposeQueryCount) {
    fastify.addHook('onSend', (request: TrackedRequest, reply, payload, done) => {
      const tracked = request[TRACKED];
      if (tracked) reply.header('X-Sql-Round-Trips', String(tracked.tracking.sqlRoundTrips));
      done(null, payload);
    });
  }
  fastify.addHook('onResponse', (request: TrackedRequest, reply, done) => {
    const tracked = request[TRACKED];
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 1000) / 1000,
    };
    if (tracked) requestTracking.run(tracked.tracking, () => logger.info('request', line));
    else logger.info('request', line);
    done();
  });
}
