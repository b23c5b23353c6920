import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import Negotiator from 'negotiator';
import { RequestLoaders } from './loaders.js';
import { checkVariables } from './variables-guard.js';

/**
 * What the resolvers get as their context: the request (for the guard) and the request's DataLoaders. Apollo's
 * Fastify integration calls it with the request first.
 */
export const graphqlContext = (req: unknown) => ({ req, loaders: new RequestLoaders() });

/** What the fast path answers: the status, the negotiated content type and the JSON text. */
export interface FastAnswer {
  status: number;
  contentType: string;
  body: string;
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A query Apollo has parsed, validated and resolved to one operation once: the same text needs none of that again. */
interface KnownOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** graphql-jit's function for it, made on first use here; null if graphql-jit cannot compile it. */
  compiled?: CompiledQuery | null;
}

/** Query texts remembered; when full the memory starts afresh (the pages send a few dozen distinct ones). */
const KNOWN_OPERATIONS = 1_000;

/** Apollo's answer types for a single result, in its order of preference (`chooseContentTypeForSingleResultResponse`). */
const MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Runs a query whose text Apollo has already accepted without going through Apollo again. Apollo's per-request
 * pipeline (hashing the text, its plugin hooks, building and reading its own header maps and response objects)
 * costs more than the whole execution of a small query; for a query text it has parsed, validated and resolved to
 * one operation once, what is left is what this does: the variables guard, execution against the same schema
 * (resolvers, guards and pipes as ever), and Apollo's own error normalisation and content negotiation.
 *
 * Only queries: a mutation always goes through Apollo. Anything out of the ordinary goes through Apollo too,
 * untouched, as if this were not here: an unknown text, a body Apollo would question, a refused `Accept`, a
 * variable the guard or graphql-js refuses (nothing has run then), an exception from execution.
 */
export class GraphQLFastPath {
  private readonly known = new Map<string, KnownOperation>();
  private readonly contentTypes = new Map<string, string | null>();

  constructor(private readonly formatError: FormatError) {}

  /** The Apollo plugin that tells this which query texts Apollo accepted. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, operation, request }) => {
          if (operation?.operation !== 'query' || typeof request.query !== 'string') return;
          if (this.known.size >= KNOWN_OPERATIONS) this.known.clear();
          this.known.set(keyOf(request.query, request.operationName), { schema, document, operation });
        },
      }),
    };
  }

  /**
   * The answer to a POST on the GraphQL path whose JSON body is `body`, or null (synchronously, or once it has found
   * out that nothing ran) for one Apollo must answer. `req` is what resolvers see as the context's `req`.
   */
  answer(body: unknown, accept: string | undefined, req: unknown): Promise<FastAnswer | null> | null {
    if (!isRecord(body) || typeof body.query !== 'string' || 'extensions' in body) return null;
    const { variables, operationName } = body;
    if (variables != null && !isRecord(variables)) return null;
    if (operationName != null && typeof operationName !== 'string') return null;
    const known = this.known.get(keyOf(body.query, operationName));
    if (!known) return null;
    const contentType = this.contentType(accept);
    if (!contentType) return null;
    const values = (variables as Record<string, unknown> | null) ?? undefined;
    if (checkVariables(known.schema, known.operation, values)) return null;
    return this.run(known, req, values, contentType);
  }

  private async run(
    known: KnownOperation,
    req: unknown,
    variables: Record<string, unknown> | undefined,
    contentType: string,
  ): Promise<FastAnswer | null> {
    if (known.compiled === undefined) known.compiled = compile(known);
    const contextValue = graphqlContext(req);
    // (graphql-jit names its function `query`; it runs resolvers, no SQL of its own.)
    const run = known.compiled?.query;
    const result = (await (run
      ? run(undefined, contextValue, variables)
      : execute({
          schema: known.schema,
          document: known.document,
          contextValue,
          variableValues: variables,
          operationName: known.operation.name?.value,
        }))) as ExecutionResult;
    // No data: the variables did not coerce, and nothing ran. Apollo answers that (HTTP 400, BAD_USER_INPUT).
    if (result.data === undefined) return null;
    let status = 200;
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      errors = result.errors.map((error) => {
        const formatted = this.normalize(error);
        if (formatted.status) status = formatted.status;
        return formatted.error;
      });
    }
    // Apollo's field order and trailing newline.
    return { status, contentType, body: JSON.stringify({ errors, data: result.data }) + '\n' };
  }

  /** Apollo's `normalizeAndFormatErrors` for one execution error: a code always, `http` taken off for the status. */
  private normalize(error: GraphQLError): { error: GraphQLFormattedError; status?: number } {
    const extensions: Record<string, unknown> = {
      ...error.extensions,
      code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
    };
    // The errors of this app set only a status there (DomainError's `http`); Apollo also takes headers.
    const http = extensions.http;
    let status: number | undefined;
    if (isRecord(http) && (!('status' in http) || typeof http.status === 'number')) {
      status = http.status as number | undefined;
      delete extensions.http;
    }
    try {
      return { error: this.formatError({ ...error.toJSON(), extensions }, error), status };
    } catch {
      return { error: { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, status };
    }
  }

  /** The answer's content type for an `Accept` header, as Apollo negotiates it; null when none is acceptable. */
  private contentType(accept: string | undefined): string | null {
    if (!accept) return MEDIA_TYPES[0];
    let type = this.contentTypes.get(accept);
    if (type === undefined) {
      type = new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) ?? null;
      if (this.contentTypes.size >= KNOWN_OPERATIONS) this.contentTypes.clear();
      this.contentTypes.set(accept, type);
    }
    return type;
  }
}

/** graphql-jit's function for the operation, or null (then graphql-js executes it) if it cannot make one. */
function compile(known: KnownOperation): CompiledQuery | null {
  try {
    const compiled = compileQuery(known.schema, known.document, known.operation.name?.value);
    return isCompiledQuery(compiled) ? compiled : null;
  } catch {
    return null;
  }
}

const keyOf = (query: string, operationName: unknown) =>
  typeof operationName === 'string' ? `${operationName}\u0000${query}` : query;

/** The GraphQL path, where Nest mounts Apollo (GraphQLModule's `path`). */
const GRAPHQL_PATH = '/graphql';

/**
 * Answers POSTs on the GraphQL path from the fast path where it can, before Apollo's route handler runs (after the
 * JSON body is parsed, and after the request hooks: id, language, access line).
 */
export function installGraphQLFastPath(fastify: FastifyInstance, fastPath: GraphQLFastPath): void {
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== GRAPHQL_PATH) return;
    let answer: FastAnswer | null;
    try {
      answer = await fastPath.answer(request.body, request.headers.accept, request);
    } catch {
      return; // an exception out of execution itself: Apollo answers the request as it would have
    }
    if (!answer) return;
    return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
  });
}
