import type { QueryResult, QueryResultRow } from 'pg';

/** What a case's raw-SQL side may use: `query` only, so the harness can count round trips by wrapping it. */
export interface SqlClient {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The JSON a GraphQL response carries under `data`. */
export type Payload = Record<string, unknown>;

export interface BenchCase {
  name: string;
  /** The GraphQL operation the portal answers. */
  query: string;
  variables?: Record<string, unknown>;
  /** The same payload as the portal's `data`, built from raw `pg` queries on the same database. */
  sql: (client: SqlClient) => Promise<Payload>;
}

/** Same as `encodeCursor` in src/common/pagination.ts (not exported there). */
const encodeCursor = (values: (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const regions: BenchCase = {
  name: 'regions',
  query: `{ regions { code nameZh nameEn kind population(year: 2020) { year total olderAdults totalBasis olderAdultsBasis } } }`,
  async sql(client) {
    // One round trip: each region with its latest figure at or before 2020 (none for functional zones).
    const { rows } = await client.query<{
      code: string;
      name_zh: string;
      name_en: string;
      kind: string;
      year: number | null;
      total: number;
      older_adults: number;
      total_basis: string;
      older_adults_basis: string;
    }>(
      `SELECT r.code, r.name_zh, r.name_en, r.kind,
              p.year, p.total, p.older_adults, p.total_basis, p.older_adults_basis
         FROM region r
         LEFT JOIN LATERAL (
                SELECT year, total, older_adults, total_basis, older_adults_basis
                  FROM region_population
                 WHERE region_code = r.code AND year <= $1
                 ORDER BY year DESC
                 LIMIT 1
              ) p ON true
        ORDER BY r.code`,
      [2020],
    );
    return {
      regions: rows.map((r) => ({
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        kind: r.kind,
        population:
          r.year === null
            ? null
            : {
                year: r.year,
                total: r.total,
                olderAdults: r.older_adults,
                totalBasis: r.total_basis,
                olderAdultsBasis: r.older_adults_basis,
              },
      })),
    };
  },
};

const INSTITUTIONS_PAGE = 50;

const institutions: BenchCase = {
  name: 'institutions',
  query: `{ institutions(first: ${INSTITUTIONS_PAGE}) { totalCount edges { cursor node { id name creditCode regionCode zoneCode type ownership beds hasSocialWorkDepartment } } pageInfo { hasNextPage endCursor } } }`,
  async sql(client) {
    // One round trip: the total and the first page plus one row (to learn whether another page follows). The
    // LEFT JOIN keeps the total when the page is empty.
    const { rows } = await client.query<{
      total_count: number;
      id: string | null;
      name: string;
      credit_code: string;
      region_code: string;
      zone_code: string | null;
      type: string;
      ownership: string;
      beds: number | null;
      has_social_work_department: boolean;
    }>(
      `SELECT c.total_count, p.*
         FROM (SELECT count(*)::int AS total_count FROM institution) c
         LEFT JOIN LATERAL (
                SELECT id, name, credit_code, region_code, zone_code, type, ownership, beds,
                       has_social_work_department
                  FROM institution
                 ORDER BY region_code, name, id
                 LIMIT $1
              ) p ON true`,
      [INSTITUTIONS_PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    const edges = found.slice(0, INSTITUTIONS_PAGE).map((r) => ({
      cursor: encodeCursor([r.region_code, r.name, r.id!]),
      node: {
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        regionCode: r.region_code,
        zoneCode: r.zone_code,
        type: r.type,
        ownership: r.ownership,
        beds: r.beds,
        hasSocialWorkDepartment: r.has_social_work_department,
      },
    }));
    return {
      institutions: {
        totalCount: rows[0].total_count,
        edges,
        pageInfo: {
          hasNextPage: found.length > INSTITUTIONS_PAGE,
          endCursor: edges.length ? edges[edges.length - 1].cursor : null,
        },
      },
    };
  },
};

/** Run in this order; `npm run bench -- <name>...` picks some. Later issues add theirs here. */
export const CASES: BenchCase[] = [regions, institutions];
