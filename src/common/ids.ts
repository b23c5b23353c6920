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

/**
 * Rows for `ids`, in their order and null where none: ids that cannot exist never reach SQL, each is asked for once,
 * and `find` is not called when none is left. `keyOf` says which of a row's ids matches (its own by default).
 */
export async function inOrderOf<T extends { id: string }>(
  ids: readonly string[],
  find: (validIds: string[]) => Promise<T[]>,
  keyOf: (row: T) => string | null = (row) => row.id,
): Promise<(T | null)[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  const rows = valid.length ? await find(valid) : [];
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return ids.map((id) => byKey.get(id) ?? null);
}
