import { AsyncLocalStorage } from 'node:async_hooks';

/** What is tracked per request for log lines and the SQL round-trip counter, without threading it through calls. */
export interface RequestTracking {
  requestId: string;
  sqlRoundTrips: number;
}

export const requestTracking = new AsyncLocalStorage<RequestTracking>();

export const currentRequestId = (): string | undefined => requestTracking.getStore()?.requestId;
