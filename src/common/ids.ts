import { notFound } from './errors.js';
import type { Msg } from '../i18n/i18n.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid no row has: stands in for an empty id list in `IN (...)`, which may not be empty. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const isUuid = (id: string): boolean => UUID.test(id);

/** An id that cannot exist is simply not found (and never reaches SQL as a bad uuid). */
export function assertId(id: string, what: Msg): void {
  if (!isUuid(id)) throw notFound(what);
}
