// What a failed request means to the person at the page: a message per form field (extensions.fields and
// problems), or one message at the top, worded from the catalogue for the codes that need no server text.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { MessageKey, Translate } from '../i18n';

export interface ApiErrorShape {
  message: string;
  extensions?: {
    code?: string;
    fields?: string[];
    problems?: { field: string; message: string }[];
    retryAfterSeconds?: number;
  };
}

/** The GraphQL errors inside whatever Apollo hands back (a GraphQL result, or an HTTP error with a JSON body). */
export function graphQLErrors(error: unknown): ApiErrorShape[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors as ApiErrorShape[];
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: ApiErrorShape[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

export function errorCode(error: unknown): string | undefined {
  return graphQLErrors(error)[0]?.extensions?.code;
}

/** "30 秒", "2 分钟": how long to wait before trying again. */
export function waitText(t: Translate, seconds: number): string {
  return seconds < 90 ? t('time.seconds', { n: seconds }) : t('time.minutes', { n: Math.ceil(seconds / 60) });
}

export interface Explained {
  /** Messages for named form fields (the API's field names). */
  fields: Record<string, string>;
  /** What to show at the top of the form or page; empty when everything went next to fields. */
  top: string[];
  code?: string;
  retryAfterSeconds?: number;
}

const CODE_MESSAGES: Record<string, MessageKey> = {
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  INTERNAL_SERVER_ERROR: 'error.internal',
  SERVICE_UNAVAILABLE: 'error.unavailableGaveUp',
  UNAUTHENTICATED: 'error.sessionEnded',
};

/**
 * Splits an error into per-field and top messages. `formFields` are the API field names the form shows; a
 * problem naming one of them goes beside it, anything else goes to the top. `overrides` words a code for this
 * form (the sign-in form's UNAUTHENTICATED means a wrong password, not an ended session).
 */
export function explainError(
  error: unknown,
  t: Translate,
  formFields: readonly string[] = [],
  overrides: Partial<Record<string, MessageKey>> = {},
): Explained {
  const errors = graphQLErrors(error);
  const result: Explained = { fields: {}, top: [] };
  if (errors.length === 0) {
    result.top.push(t(ServerError.is(error) || error instanceof TypeError ? 'error.network' : 'error.unknown'));
    return result;
  }
  for (const e of errors) {
    const code = e.extensions?.code;
    result.code ??= code;
    if (code === 'RATE_LIMITED') {
      const seconds = e.extensions?.retryAfterSeconds ?? 60;
      result.retryAfterSeconds = seconds;
      result.top.push(t('error.rateLimited', { wait: waitText(t, seconds) }));
      continue;
    }
    const key = (code && overrides[code]) ?? (code ? CODE_MESSAGES[code] : undefined);
    if (key) {
      result.top.push(t(key));
      continue;
    }
    const problems =
      e.extensions?.problems ?? (e.extensions?.fields ?? []).map((field) => ({ field, message: e.message }));
    const placed = problems.filter((p) => formFields.includes(p.field));
    for (const p of placed)
      result.fields[p.field] = result.fields[p.field] ? `${result.fields[p.field]} ${p.message}` : p.message;
    if (placed.length < problems.length || problems.length === 0) {
      const rest = problems.filter((p) => !formFields.includes(p.field)).map((p) => p.message);
      result.top.push(...(rest.length > 0 ? rest : [e.message]));
    }
  }
  result.top = [...new Set(result.top)];
  return result;
}
