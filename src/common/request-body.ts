import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { type Msg, msg, resolveLang, word } from '../i18n/i18n.js';

/**
 * How big a JSON body may be in shape, not only in bytes: JSON.parse itself takes seconds over a body of the
 * largest allowed size built for it (a million keys in one object: 2 s; five million empty objects: 5 s; five
 * million nested brackets: 3 s), all of it holding the event loop. Every real request is far inside these: the
 * widest input type has under 30 fields, inputs nest a few levels, and a 10,000-row batch is about 10,000 objects
 * and 100,000 values.
 */
export interface JsonShapeLimits {
  /** Objects and arrays inside each other. */
  maxDepth: number;
  /** Members of any one object. */
  maxKeysPerObject: number;
  /** Objects and arrays in the whole body. */
  maxContainers: number;
  /** Object members and array elements in the whole body. */
  maxValues: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = {
  maxDepth: 64,
  maxKeysPerObject: 100,
  maxContainers: 100_000,
  maxValues: 1_000_000,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * One pass over the raw bytes (UTF-8: bytes of multi-byte characters never equal the ASCII structure characters)
 * that counts what JSON.parse would build, and says what is over a limit before anything is built. It does not
 * validate the JSON: JSON.parse does that afterwards, for bodies within the limits.
 */
export function jsonShapeProblem(body: Uint8Array, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): Msg | null {
  const keys = new Int32Array(limits.maxDepth + 2); // members per open object; -1 marks an open array
  let depth = 0;
  let containers = 0;
  let values = 0;
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const c = body[i];
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = body[i];
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return msg('request.bodyTooDeep', { max: limits.maxDepth });
      if (++containers > limits.maxContainers)
        return msg('request.bodyTooManyContainers', { max: limits.maxContainers });
      keys[depth] = c === OPEN_OBJECT ? 0 : -1;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (c === COLON) {
      if (depth > 0 && keys[depth] >= 0 && ++keys[depth] > limits.maxKeysPerObject)
        return msg('request.bodyTooManyKeys', { max: limits.maxKeysPerObject });
      if (++values > limits.maxValues) return msg('request.bodyTooManyValues', { max: limits.maxValues });
    } else if (c === COMMA && depth > 0 && keys[depth] < 0) {
      if (++values > limits.maxValues) return msg('request.bodyTooManyValues', { max: limits.maxValues });
    }
  }
  return null;
}

/** A body refused for its shape; body-parser passes it on with its `type`. */
class BodyShapeError extends Error {
  readonly type = 'entity.shape.refused';
  readonly status = 400;
  readonly expose = true;

  constructor(readonly problem: Msg) {
    super(word(problem, 'en'));
  }
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
  message?: unknown;
  problem?: Msg;
}

/** What a body-parser failure is called for the client: status, code and a message that repeats nothing sent. */
function describe(error: BodyParserError): { status: number; code: string; message: Msg } | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: msg('request.bodyNotJson') };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message:
          typeof error.limit === 'number'
            ? msg('request.bodyTooLarge', { bytes: error.limit })
            : msg('request.bodyTooLargeAllowed'),
      };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: msg('request.bodyMediaType'),
      };
    case 'entity.shape.refused':
      return { status: 400, code: 'BAD_USER_INPUT', message: error.problem ?? msg('request.unreadable') };
    default: {
      const status = typeof error.status === 'number' ? error.status : 500;
      if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message: msg('request.unreadable') };
      return null;
    }
  }
}

/**
 * Errors of reading the body (before GraphQL runs), answered in the GraphQL error shape with a code, as GraphQL's
 * own errors are: malformed JSON (400 BAD_REQUEST), too large (413 PAYLOAD_TOO_LARGE), a charset or content
 * encoding it cannot read (415 UNSUPPORTED_MEDIA_TYPE), a body over the shape limits (400 BAD_USER_INPUT).
 */
export function bodyErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const described = typeof error === 'object' && error !== null ? describe(error as BodyParserError) : null;
  if (!described || res.headersSent) return next(error);
  res.setHeader('Cache-Control', 'no-store');
  // Worded from the request's own header: the body parser's callbacks may run outside the request's async context.
  const message = word(described.message, resolveLang(req.headers['accept-language']));
  res.status(described.status).json({ errors: [{ message, extensions: { code: described.code } }] });
}

/**
 * JSON bodies up to `bodyBytes`, refused for their shape before JSON.parse builds them, and every failure of
 * reading one answered in the GraphQL error shape. Registered right after the request id, before any route.
 */
export function installJsonBody(
  app: NestExpressApplication,
  bodyBytes: number,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): void {
  const verify = (_req: unknown, _res: unknown, body: Buffer) => {
    const problem = jsonShapeProblem(body, limits);
    if (problem) throw new BodyShapeError(problem);
  };
  // Nest's types leave out body-parser's `verify` (Nest uses it for `rawBody`, which this app does not turn on);
  // it is passed through to express.json as is.
  app.useBodyParser('json', { limit: bodyBytes, verify } as never);
  app.use(bodyErrorHandler);
}
