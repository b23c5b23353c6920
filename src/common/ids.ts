import { notFound } from './errors.js';
import type { Msg } from '../i18n/i18n.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: string): boolean => UUID.test(id);

/** An id that cannot exist is simply not found (and never reaches SQL as a bad uuid). */
export function assertId(id: string, what: Msg): void {
  if (!isUuid(id)) throw notFound(what);
}
