import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that log lines and the SQL round-trip counter need, without threading them through calls. */
export interface RequestContext {
  requestId: string;
  sqlRoundTrips: number;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;
