import { isNativeError } from 'node:util/types';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import type { JsonLogger } from './logger.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { currentLang, t } from '../i18n/i18n.js';
import { DomainError, serviceUnavailable } from './errors.js';

/** Codes Apollo itself raises for a request it refused before running it; their messages are safe to show. */
const REQUEST_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface FormatErrorOptions {
  /**
   * Whether messages may suggest names ("Did you mean ...?"): only where introspection shows the schema anyway.
   * Without it, a client could map the schema by guessing near-misses.
   */
  suggestions: boolean;
}

/** graphql-js ends some messages with ` Did you mean "a", "b" or "c"?` (fields, arguments, types, enum values). */
const SUGGESTION = / Did you mean [^?]*\?/g;

/**
 * The one mapping from thrown errors to what clients see: `extensions.code` always, `fields` for bad input, never
 * a stack trace or an internal message.
 */
export function formatGraphQLError(logger: JsonLogger, options: FormatErrorOptions = { suggestions: true }) {
  const format = formatOne(logger);
  if (options.suggestions) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return result.message.includes(' Did you mean ')
      ? { ...result, message: result.message.replace(SUGGESTION, '') }
      : result;
  };
}

function formatOne(logger: JsonLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      // Worded now, in the request's language. `http` sets the response's status (Apollo reads it); it is not for
      // the client.
      const { message, extensions: worded } = original.worded(currentLang());
      const { http: _http, ...extensions } = worded;
      return { ...base, message, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      const unavailable = serviceUnavailable().worded(currentLang());
      logger.warn({ msg: 'database unavailable', error: errorName(original) }, 'GraphQL');
      return { ...base, ...unavailable };
    }
    // graphql-js gives up on a request's variables after 50 problems: the client's values, like the 50 before it.
    if (formatted.message.startsWith('Too many errors processing variables')) {
      return { ...base, message: t('request.tooManyInvalidValues'), extensions: { code: 'BAD_USER_INPUT' } };
    }
    // graphql-js refusing the request itself as it starts executing ("Schema is not configured to execute
    // subscription operation."): no field ran, nothing of ours failed; the request asked for what cannot be.
    if (
      original instanceof GraphQLError &&
      original.extensions.code === undefined &&
      !original.originalError &&
      !original.path
    ) {
      return { ...base, message: withoutValues(original.message), extensions: { code: 'BAD_USER_INPUT' } };
    }
    // A scalar that refused a literal in the query text (a Date of 2025-13-01): Apollo reports it as a validation
    // failure, but it is the client's value, as it would be in variables.
    if (original instanceof GraphQLError && original.originalError instanceof DomainError) {
      const { message, extensions } = original.originalError.worded(currentLang());
      // In variables, graphql-js knows where the value was: name that path as the failing field.
      const invalid = invalidVariable(formatted.message);
      if (invalid && Array.isArray(extensions.fields) && extensions.fields.length === 0)
        extensions.fields = invalid.fields;
      return { ...base, message, extensions };
    }
    if (original instanceof QueryFailedError) {
      const sqlState = (original as QueryFailedError & { code?: string }).code;
      // A unique index caught a duplicate that slipped past the service's own check (two concurrent requests).
      if (sqlState === '23505')
        return { ...base, message: t('common.duplicateRecord'), extensions: { code: 'CONFLICT' } };
      // Data exceptions (class 22): a value PostgreSQL cannot take (a NUL byte, malformed uuid or date, overflow)
      // that slipped past the input checks; it is the client's value, not a fault of ours.
      if (sqlState?.startsWith('22')) {
        return {
          ...base,
          message: t('common.valueNotStorable'),
          extensions: { code: 'BAD_USER_INPUT' },
        };
      }
      if (sqlState === '40001' || sqlState === '40P01') {
        return { ...base, message: t('common.concurrentUpdate'), extensions: { code: 'CONFLICT' } };
      }
      logger.error({ msg: 'database error', sqlState: sqlState ?? null }, 'GraphQL');
      return { ...base, message: t('common.internalError'), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_CODES.has(code)) {
      const invalid = code === 'BAD_USER_INPUT' ? invalidVariable(formatted.message) : null;
      if (invalid) return { ...base, message: invalid.message, extensions: { code, fields: invalid.fields } };
      return { ...base, message: withoutValues(formatted.message), extensions: { code } };
    }
    logger.error({ msg: 'unexpected error', error: errorName(original) }, 'GraphQL');
    return { ...base, message: t('common.internalError'), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** An error's class name, for logs (never its message: messages can repeat client values). */
const errorName = (error: unknown) => (isNativeError(error) || error instanceof Error ? error.name : typeof error);

/** graphql-js: `Variable "$input" got invalid value <the whole value>[ at "input.a.b"]; <reason>`. */
const INVALID_VARIABLE = /^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([^;]*)$/;

/**
 * graphql-js repeats the rejected variable in its message: a whole input object, with any ID number or phone in
 * it. Keep the variable, the path and the reason; drop the value.
 */
export function invalidVariable(message: string): { message: string; fields: string[] } | null {
  const match = INVALID_VARIABLE.exec(message);
  if (!match) {
    const variable = /^Variable "\$(\w+)" got invalid value/.exec(message)?.[1];
    return variable ? { message: t('request.invalidVariable', { variable }), fields: [variable] } : null;
  }
  const [, variable, path, reason] = match;
  return {
    message: path
      ? t('request.invalidVariableAt', { variable, path, reason: withoutValues(reason) })
      : t('request.invalidVariableReason', { variable, reason: withoutValues(reason) }),
    fields: [path ?? variable],
  };
}

/**
 * graphql-js also repeats the offending value in its reasons ("String cannot represent a non string value:
 * 13812345678", "Expected value of type "String!", found 500101…", "Value "X" does not exist in "Occupation" enum"):
 * a phone or ID number sent as a number would come back whole. Say what was wrong, not the value.
 */
export function withoutValues(message: string): string {
  return message
    .replace(/( cannot represent[^:]*): [^;]*/g, '$1')
    .replace(/(Expected value of type "[^"]+"), found [^;]*?(;|\.$|$)/g, '$1$2')
    .replace(/Value "[^"]*" does not exist in ("[^"]+" enum)/g, 'The value does not exist in $1');
}
