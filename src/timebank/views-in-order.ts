import type { Connection } from '../common/pagination.js';

/** Views read in no particular order (one query), put in the order of `ids`; unknown ones are left out. */
export function inOrder<V extends { id: string }>(ids: readonly string[], rows: readonly V[]): V[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** A page of rows shown as their views: `views` reads those of the page's ids, in their order (one query). */
export async function pageOfViews<V>(
  found: Connection<{ id: string }>,
  views: (ids: readonly string[]) => Promise<V[]>,
): Promise<Connection<V>> {
  const shown = await views(found.edges.map((e) => e.node.id));
  return { ...found, edges: found.edges.map((e, i) => ({ cursor: e.cursor, node: shown[i] })) };
}
