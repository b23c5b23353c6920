/** JSON text with object keys sorted at every level: equal payloads give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export interface Difference {
  path: string;
  portal: unknown;
  sql: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first place (depth first, keys sorted) where the two payloads differ; null when they are the same. */
export function firstDifference(portal: unknown, sql: unknown, path = 'data'): Difference | null {
  if (Array.isArray(portal) && Array.isArray(sql)) {
    for (let i = 0; i < Math.min(portal.length, sql.length); i++) {
      const d = firstDifference(portal[i], sql[i], `${path}[${i}]`);
      if (d) return d;
    }
    return portal.length === sql.length ? null : { path: `${path}.length`, portal: portal.length, sql: sql.length };
  }
  if (isObject(portal) && isObject(sql)) {
    const keys = [...new Set([...Object.keys(portal), ...Object.keys(sql)])].sort();
    for (const key of keys) {
      if (!(key in portal)) return { path: `${path}.${key}`, portal: '(missing)', sql: sql[key] };
      if (!(key in sql)) return { path: `${path}.${key}`, portal: portal[key], sql: '(missing)' };
      const d = firstDifference(portal[key], sql[key], `${path}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return canonicalJson(portal) === canonicalJson(sql) ? null : { path, portal, sql };
}

/** A value shortened for an error message. */
export function preview(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (canonicalJson(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Up to `limit` places (depth first, keys sorted) where the two payloads differ: the diff a failed case prints. */
export function differences(portal: unknown, sql: unknown, limit = 10, path = 'data'): Difference[] {
  const found: Difference[] = [];
  const walk = (p: unknown, s: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (Array.isArray(p) && Array.isArray(s)) {
      for (let i = 0; i < Math.min(p.length, s.length); i++) walk(p[i], s[i], `${at}[${i}]`);
      if (p.length !== s.length) found.push({ path: `${at}.length`, portal: p.length, sql: s.length });
      return;
    }
    if (isObject(p) && isObject(s)) {
      for (const key of [...new Set([...Object.keys(p), ...Object.keys(s)])].sort()) {
        if (!(key in p)) found.push({ path: `${at}.${key}`, portal: '(missing)', sql: s[key] });
        else if (!(key in s)) found.push({ path: `${at}.${key}`, portal: p[key], sql: '(missing)' });
        else walk(p[key], s[key], `${at}.${key}`);
        if (found.length >= limit) return;
      }
      return;
    }
    if (canonicalJson(p) !== canonicalJson(s)) found.push({ path: at, portal: p, sql: s });
  };
  walk(portal, sql, path);
  return found.slice(0, limit);
}
