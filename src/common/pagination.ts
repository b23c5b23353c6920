import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors.js';
import { isUuid } from './ids.js';
import { msg } from '../i18n/i18n.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A page as `paginate` returns it: also the raw rows of the page's nodes, for columns added with addSelect. */
export interface Page<T> extends Connection<T> {
  raw: Record<string, unknown>[];
}

/** A Relay connection type named `<Name>Connection` with `<Name>Edge`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionClass;
}

export interface KeysetColumn<T> {
  /** SQL expression in the query, e.g. `i.name`. */
  sql: string;
  /** The same value read from a loaded row. */
  value: (row: T) => string | number;
  /** What a cursor may hold for this column (checked before it reaches SQL); default text. */
  kind?: CursorKind;
}

/** What one value of a cursor may be: text, a uuid, a bigint written as digits, or a safe integer. */
export type CursorKind = 'text' | 'uuid' | 'bigint' | 'int';

const KIND_CHECKS: Record<CursorKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  uuid: (v) => typeof v === 'string' && isUuid(v),
  bigint: (v) => typeof v === 'string' && /^\d{1,18}$/.test(v),
  int: (v) => Number.isSafeInteger(v),
};

/** An opaque cursor holding the keyset values of a row. */
export const encodeCursor = (values: (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/**
 * The values of a cursor from `encodeCursor`, each checked against its kind before it reaches SQL; BAD_USER_INPUT
 * on `after` otherwise.
 */
export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === kinds.length && values.every((v, i) => KIND_CHECKS[kinds[i]](v))) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.field('after', msg('value.badCursor'));
}

/**
 * Keyset pagination in one round trip: the page (one row more than asked, to learn whether another follows) and
 * the filtered total in the same statement. The columns must end in a unique one (the id), all in one direction.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  keyset: KeysetColumn<T>[],
  direction: 'ASC' | 'DESC' = 'ASC',
  options: {
    /** A cheaper query giving the same total (one row, one column), when the list's own filter is costly to count. */
    count?: SelectQueryBuilder<ObjectLiteral>;
  } = {},
): Promise<Page<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const count = options.count ?? qb.clone().select('count(*)').orderBy();
  const page = qb.clone().addSelect(`(${count.getQuery()})::int`, 'total_count');
  if (options.count) page.setParameters(options.count.getParameters());
  if (args.after) {
    const values = decodeCursor(
      args.after,
      keyset.map((k) => k.kind ?? 'text'),
    );
    const params = Object.fromEntries(values.map((v, i) => [`cursor_${i}`, v]));
    const tuple = keyset.map((k) => k.sql).join(', ');
    const placeholders = values.map((_, i) => `:cursor_${i}`).join(', ');
    page.andWhere(`(${tuple}) ${direction === 'ASC' ? '>' : '<'} (${placeholders})`, params);
  }
  keyset.forEach((k, i) => (i === 0 ? page.orderBy(k.sql, direction) : page.addOrderBy(k.sql, direction)));
  page.limit(first + 1);

  const { entities, raw } = await page.getRawAndEntities<{ total_count: number } & Record<string, unknown>>();
  let totalCount: number;
  if (raw.length > 0) {
    totalCount = raw[0].total_count;
  } else {
    // An empty page (past the end, or nothing matches) carries no total: ask for it alone.
    const row = await count.getRawOne<Record<string, string | number>>();
    totalCount = row ? Number(Object.values(row)[0]) : 0;
  }
  // One raw row per node: the queries paginated here select no joined rows.
  return { ...connectionOf(entities, first, keyset, totalCount), raw: raw.slice(0, first) };
}

/** The connection of a page read with one row more than asked (`first + 1`), each node's cursor from its keyset. */
function connectionOf<T>(nodes: T[], first: number, keyset: KeysetColumn<T>[], totalCount: number): Connection<T> {
  const edges = nodes.slice(0, first).map((node) => ({ node, cursor: encodeCursor(keyset.map((k) => k.value(node))) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: nodes.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

/** A user's text for a LIKE pattern: its % _ and \ match themselves. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A condition in SQL with TypeORM-style named parameters (`:name`), as the modules' scope conditions are given. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** One list in plain SQL: the columns, the table (with its alias) and the conditions, all ANDed. */
export interface SqlList {
  select: string;
  from: string;
  where: SqlCondition[];
}

/** `:name` placeholders (not `::` casts) → `$n`, the same name the same number. */
const NAMED_PARAMETER = /(?<!:):([A-Za-z_]\w*)/g;

function positional(sql: string, params: Record<string, unknown>, values: unknown[], numbers: Map<string, number>) {
  return sql.replace(NAMED_PARAMETER, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`no value for :${name}`);
    let n = numbers.get(name);
    if (n === undefined) {
      values.push(params[name]);
      n = values.length;
      numbers.set(name, n);
    }
    return `$${n}`;
  });
}

/**
 * `paginate` for the hottest lists, in plain SQL: the page and the filtered total in one statement as there, but
 * no query builder and no entity hydration (on a page of 50 rows they cost more than the statement). `map` turns a
 * row into the node; the keyset's `value` reads the node.
 */
export async function paginateSql<T, R extends Record<string, unknown>>(
  query: (sql: string, values: unknown[]) => Promise<R[]>,
  list: SqlList,
  args: PageArgs,
  keyset: KeysetColumn<T>[],
  map: (row: R) => T,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const values: unknown[] = [];
  const numbers = new Map<string, number>();
  const filter = list.where.map((c) => `(${positional(c.sql, c.params, values, numbers)})`);
  const filterSql = filter.length ? ` WHERE ${filter.join(' AND ')}` : '';
  const countSql = `SELECT count(*)::int AS total_count FROM ${list.from}${filterSql}`;
  const conditions = [...filter];
  if (args.after) {
    const cursor = decodeCursor(
      args.after,
      keyset.map((k) => k.kind ?? 'text'),
    );
    const placeholders = cursor.map((v) => {
      values.push(v);
      return `$${values.length}`;
    });
    conditions.push(`(${keyset.map((k) => k.sql).join(', ')}) > (${placeholders.join(', ')})`);
  }
  values.push(first + 1);
  const rows = await query(
    `SELECT ${list.select}, (${countSql}) AS total_count FROM ${list.from}` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY ${keyset.map((k) => k.sql).join(', ')} LIMIT $${values.length}`,
    values,
  );
  let totalCount: number;
  if (rows.length > 0) {
    totalCount = rows[0].total_count as number;
  } else {
    // An empty page (past the end, or nothing matches) carries no total: ask for it alone.
    const [row] = await query(countSql, values.slice(0, numbers.size));
    totalCount = row ? (row.total_count as number) : 0;
  }
  return connectionOf(rows.map(map), first, keyset, totalCount);
}
