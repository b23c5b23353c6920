import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from './logger.js';
import { requestTracking } from './request-tracking.js';

/**
 * Gives each request an id of its own (never the caller's `X-Request-Id`: that is client text, and could carry
 * personal data into the logs), runs the request inside it so every log line
 * carries it, and logs one access line: method, path without query string, status, time. Never bodies,
 * headers or query strings: those hold passwords, tokens and ID numbers.
 */
export function requestIdMiddleware(logger: JsonLogger, exposeQueryCount: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    const store = { requestId, sqlRoundTrips: 0 };
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    if (exposeQueryCount) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) res.setHeader('X-Sql-Round-Trips', String(store.sqlRoundTrips));
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    res.on('finish', () => {
      requestTracking.run(store, () =>
        logger.info('request', {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        }),
      );
    });
    requestTracking.run(store, next);
  };
}
