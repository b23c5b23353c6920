// The one Apollo Client of the pages: the bearer token and the chosen language on every request, automatic
// retries while the API answers SERVICE_UNAVAILABLE, and the end of the session when the API refuses its token.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { Observable, type Subscription } from 'rxjs';
import { currentLang } from '../i18n';
import { sessionStore } from '../session';
import { graphQLErrors } from './errors';

const MAX_RETRIES = 4;

// How many requests are waiting to retry: the layout shows a notice while any is.
let retrying = 0;
const retryListeners = new Set<() => void>();
export const retryStore = {
  get: () => retrying,
  subscribe(listener: () => void) {
    retryListeners.add(listener);
    return () => retryListeners.delete(listener);
  },
};
function setRetrying(delta: number) {
  retrying += delta;
  retryListeners.forEach((l) => l());
}

/** Seconds to wait before retrying, or null when the answer is not "unavailable for a moment". */
function unavailableFor(result: ApolloLink.Result | undefined, error: unknown, attempt: number): number | null {
  const errors = result ? ((result as { errors?: unknown[] }).errors ?? []) : graphQLErrors(error);
  const unavailable = (errors as { extensions?: { code?: string; retryAfterSeconds?: number } }[]).find(
    (e) => e.extensions?.code === 'SERVICE_UNAVAILABLE',
  );
  if (unavailable) return unavailable.extensions?.retryAfterSeconds ?? Math.min(2 ** attempt, 10);
  if (error && ServerError.is(error) && (error.statusCode === 503 || error.statusCode === 502))
    return Math.min(2 ** attempt, 10);
  return null;
}

/** Resends an operation while the API says it is unavailable for a moment (safe: nothing was done). */
const retryLink = new ApolloLink(
  (operation, forward) =>
    new Observable<ApolloLink.Result>((observer) => {
      let subscription: Subscription | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let attempt = 0;
      const retry = (seconds: number) => {
        attempt += 1;
        setRetrying(+1);
        timer = setTimeout(() => {
          setRetrying(-1);
          timer = undefined;
          run();
        }, seconds * 1000);
      };
      const run = () => {
        let waiting = false;
        subscription = forward(operation).subscribe({
          next(result) {
            const seconds = attempt < MAX_RETRIES ? unavailableFor(result, undefined, attempt) : null;
            if (seconds === null) observer.next(result);
            else {
              waiting = true;
              retry(seconds);
            }
          },
          error(error) {
            const seconds = attempt < MAX_RETRIES ? unavailableFor(undefined, error, attempt) : null;
            if (seconds === null) observer.error(error);
            else retry(seconds);
          },
          complete() {
            if (!waiting) observer.complete();
          },
        });
      };
      run();
      return () => {
        subscription?.unsubscribe();
        if (timer !== undefined) {
          clearTimeout(timer);
          setRetrying(-1);
        }
      };
    }),
);

/** The token and language of this request; the token is kept in the context to know which session failed. */
const headersLink = new ApolloLink((operation, forward) => {
  const token = sessionStore.token();
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    sentToken: token,
    headers: {
      ...headers,
      'accept-language': currentLang(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  }));
  return forward(operation);
});

/** A refused token ends the session: the pages go back to sign-in with a message. */
const sessionLink = new ErrorLink(({ error, operation }) => {
  const token = (operation.getContext() as { sentToken?: string | null }).sentToken;
  if (token && graphQLErrors(error).some((e) => e.extensions?.code === 'UNAUTHENTICATED')) sessionStore.expire(token);
});

export const apolloClient = new ApolloClient({
  link: ApolloLink.from([headersLink, sessionLink, retryLink, new HttpLink({ uri: '/graphql' })]),
  // The volunteer's time bank has no id: the queries of its pages add their fields to the one object.
  cache: new InMemoryCache({ typePolicies: { TimeBank: { merge: true } } }),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});

// Signing out or in as someone else must not show the previous account's figures from the cache.
let lastToken = sessionStore.token();
sessionStore.subscribe(() => {
  const token = sessionStore.token();
  if (token !== lastToken) {
    lastToken = token;
    if (!token) void apolloClient.clearStore();
  }
});

/** The bearer token's header for plain HTTP calls (the Excel export). */
export function authHeaders(): Record<string, string> {
  const token = sessionStore.token();
  return { 'accept-language': currentLang(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}
