import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { type Msg, msg, word } from '../i18n/i18n.js';

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

/** A body refused for its shape, passed to the error handler by the JSON parser. */
class BodyShapeError extends Error {
  readonly code = 'PORTAL_BODY_SHAPE';
  readonly statusCode = 400;

  constructor(readonly problem: Msg) {
    super(word(problem, 'en'));
  }
}

/** A body that is not JSON (or not an object or list at its top, as express.json's `strict` also refused). */
class BodyNotJsonError extends Error {
  readonly code = 'PORTAL_BODY_NOT_JSON';
  readonly statusCode = 400;
}

/** A charset other than UTF-8, or a content encoding other than gzip, deflate, br and identity. */
class BodyMediaTypeError extends Error {
  readonly code = 'PORTAL_BODY_MEDIA_TYPE';
  readonly statusCode = 415;
}

interface BodyError {
  code?: unknown;
  statusCode?: unknown;
  problem?: Msg;
}

/**
 * What a failure of reading the body is called for the client: status, code and a message that repeats nothing
 * sent. Null for anything that is not one (the exception filter answers those as before).
 */
export function describeBodyError(error: unknown): { status: number; code: string; message: Msg } | null {
  if (typeof error !== 'object' || error === null) return null;
  // Nest's Fastify adapter hands Fastify's own 4xx errors (413 among them) on as an HttpException, the original as
  // its cause.
  const cause = (error as { cause?: unknown }).cause;
  if (error instanceof HttpException && typeof cause === 'object' && cause !== null) error = cause;
  const { code, problem } = error as BodyError;
  switch (code) {
    case 'PORTAL_BODY_NOT_JSON':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'BAD_REQUEST', message: msg('request.bodyNotJson') };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: msg('request.bodyTooLargeAllowed') };
    case 'PORTAL_BODY_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: msg('request.bodyMediaType') };
    case 'PORTAL_BODY_SHAPE':
      return { status: 400, code: 'BAD_USER_INPUT', message: problem ?? msg('request.unreadable') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR_PADDING_1':
      return { status: 400, code: 'BAD_REQUEST', message: msg('request.unreadable') };
    default:
      return null;
  }
}

/** The body as sent, or a stream that decompresses it; Fastify counts the decompressed bytes against the limit. */
function decoded(encoding: string | undefined, payload: NodeJS.ReadableStream): NodeJS.ReadableStream {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity') return payload;
  let decoder: Transform;
  if (name === 'gzip' || name === 'x-gzip') decoder = createGunzip();
  else if (name === 'deflate') decoder = createInflate();
  else if (name === 'br') decoder = createBrotliDecompress();
  else throw new BodyMediaTypeError('unsupported content encoding');
  const stream = decoder as Transform & { receivedEncodedLength: number };
  stream.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (stream.receivedEncodedLength += chunk.length));
  payload.on('error', (error) => stream.destroy(error));
  return payload.pipe(stream);
}

/**
 * JSON bodies up to `bodyBytes` (after decompression: gzip, deflate and br are read, as express.json did), refused
 * for their shape before JSON.parse builds them. Every failure of reading one reaches the exception filter, which
 * answers it in the GraphQL error shape (`describeBodyError`).
 */
export function installJsonBody(
  fastify: FastifyInstance,
  bodyBytes: number,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding'];
    if (!encoding) return done(null, payload);
    try {
      done(null, decoded(encoding, payload) as typeof payload);
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.removeAllContentTypeParsers();
  // Any other type is left unread and goes on to Apollo, as it did with express.json: its CSRF prevention refuses
  // the "simple" types (text/plain, forms) a cross-site page can send, and any other with 400 BAD_REQUEST.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: bodyBytes },
    (request, body, done) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
      if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8')
        return done(new BodyMediaTypeError('unsupported charset'));
      const buffer = body as Buffer;
      const problem = jsonShapeProblem(buffer, limits);
      if (problem) return done(new BodyShapeError(problem));
      // Only an object or a list at the top, as express.json's `strict` read it.
      let first = 0;
      while (
        first < buffer.length &&
        (buffer[first] === 0x20 || buffer[first] === 0x09 || buffer[first] === 0x0a || buffer[first] === 0x0d)
      )
        first++;
      if (buffer[first] !== OPEN_OBJECT && buffer[first] !== OPEN_ARRAY) return done(new BodyNotJsonError('not JSON'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(buffer.toString('utf8'));
      } catch {
        return done(new BodyNotJsonError('not JSON'));
      }
      done(null, parsed);
    },
  );
}
