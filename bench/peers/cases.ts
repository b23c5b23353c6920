import type { QueryResult, QueryResultRow } from 'pg';
import { regions as regionsCase } from '../cases.js';

/**
 * The cases `npm run bench -- --peers` measures on three servers over the same bench database: the portal,
 * PostGraphile and a raw `node:http` + `pg` server. Each case has the portal's GraphQL operation, PostGraphile's
 * (its schema names differ: `allPeople`, `rowId`, `employmentsByPersonId`, ...) and the raw server's SQL, and each
 * side's answer is mapped to one common shape, which must be equal on all three before anything is measured.
 *
 * The raw server is sent exactly the portal's request (same body, same token) and answers `{"data": <the common
 * shape>}`: it looks the operation up by its text, as a persisted query, and runs the case's SQL.
 */

/** What a case's raw side may use: `query` only. */
export interface SqlClient {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export type CaseName = 'A' | 'B' | 'C' | 'D' | 'F';
export const CASE_NAMES: CaseName[] = ['A', 'B', 'C', 'D', 'F'];

type Data = Record<string, unknown>;

export interface PeerCase {
  name: CaseName;
  title: string;
  /** Who the portal side signs in as: the demo municipal planner, or the bench's volunteer. */
  account: 'planner' | 'volunteer';
  portal: { query: string; variables?: Record<string, unknown>; shape(data: Data): unknown };
  /** PostGraphile does no auth: the volunteer's user id (from the portal's token) goes in as a variable. */
  postgraphile: {
    query: string;
    variables(userId: string): Record<string, unknown> | undefined;
    shape(data: Data): unknown;
  };
  /** The raw server's answer for the case (null: no raw side, as for the framework floor). */
  raw: ((client: SqlClient, userId: string | null) => Promise<unknown>) | null;
}

/** A district with many people: Wanzhou (as bench/cases.ts). */
export const REGION = '500101';
const PAGE = 50;
const POPULATION_YEAR = 2020;

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
}
interface EdgeConnection<T> extends Connection {
  edges: { node: T }[];
}
interface NodeConnection<T> extends Connection {
  nodes: T[];
}
const nodes = <T>(c: { nodes: T[] }): T[] => c.nodes;

interface Certificate {
  id: string;
  kind: string;
  level: number | null;
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string | null;
}
interface Employment {
  id: string;
  occupation: string;
  institution: { id: string; regionCode: string };
}
interface PersonShape {
  id: string;
  name: string;
  idNumberMasked: string;
  employments: Employment[];
  certificates: Certificate[];
}

const people: PeerCase = {
  name: 'A',
  title: `${PAGE} people in ${REGION} with jobs, institutions, certificates, total`,
  account: 'planner',
  portal: {
    query:
      `query ($region: String!) { people(filter: { regionCode: $region }, first: ${PAGE}) { totalCount ` +
      'edges { node { id name idNumberMasked employments { id occupation institution { id regionCode } } ' +
      'certificates { id kind level certificateNumber issuedOn expiresOn } } } pageInfo { hasNextPage } } }',
    variables: { region: REGION },
    shape(data) {
      const c = data.people as EdgeConnection<PersonShape>;
      return {
        totalCount: c.totalCount,
        hasNextPage: c.pageInfo.hasNextPage,
        people: c.edges.map((e) => e.node),
      };
    },
  },
  postgraphile: {
    // People with any job at an institution of the district or of a functional zone coded so, by name and id.
    query:
      `query ($region: String!) { allPeople(first: ${PAGE}, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], ` +
      'filter: { employmentsByPersonId: { some: { institutionByInstitutionId: { or: [' +
      '{ regionCode: { equalTo: $region } }, { zoneCode: { equalTo: $region } }] } } } }) { totalCount ' +
      'nodes { rowId name idNumberMasked ' +
      'employmentsByPersonId(orderBy: [START_DATE_ASC, PRIMARY_KEY_ASC]) { nodes { rowId occupation ' +
      'institutionByInstitutionId { rowId regionCode } } } ' +
      'certificatesByPersonId(orderBy: [ISSUED_ON_ASC, PRIMARY_KEY_ASC]) { nodes { rowId kind level ' +
      'certificateNumber issuedOn expiresOn } } } pageInfo { hasNextPage } } }',
    variables: () => ({ region: REGION }),
    shape(data) {
      type Row = {
        rowId: string;
        name: string;
        idNumberMasked: string;
        employmentsByPersonId: {
          nodes: {
            rowId: string;
            occupation: string;
            institutionByInstitutionId: { rowId: string; regionCode: string };
          }[];
        };
        certificatesByPersonId: { nodes: (Omit<Certificate, 'id'> & { rowId: string })[] };
      };
      const c = data.allPeople as NodeConnection<Row>;
      return {
        totalCount: c.totalCount,
        hasNextPage: c.pageInfo.hasNextPage,
        people: nodes(c).map((p) => ({
          id: p.rowId,
          name: p.name,
          idNumberMasked: p.idNumberMasked,
          employments: nodes(p.employmentsByPersonId).map((e) => ({
            id: e.rowId,
            occupation: e.occupation,
            institution: {
              id: e.institutionByInstitutionId.rowId,
              regionCode: e.institutionByInstitutionId.regionCode,
            },
          })),
          certificates: nodes(p.certificatesByPersonId).map(({ rowId, ...rest }) => ({ id: rowId, ...rest })),
        })),
      };
    },
  },
  async raw(client) {
    // One round trip: the total, and the page plus one row with each person's jobs and certificates as JSON.
    const { rows } = await client.query<{
      total_count: number;
      id: string | null;
      name: string;
      id_number_masked: string;
      employments: Employment[];
      certificates: Certificate[];
    }>(
      `SELECT c.total_count, pg.*
         FROM (SELECT count(DISTINCT e.person_id)::int AS total_count
                 FROM employment e JOIN institution i ON i.id = e.institution_id
                WHERE i.region_code = $1 OR i.zone_code = $1) c
         LEFT JOIN LATERAL (
                SELECT p.id, p.name, p.id_number_masked,
                       (SELECT coalesce(json_agg(json_build_object('id', e.id, 'occupation', e.occupation,
                                        'institution', json_build_object('id', i.id, 'regionCode', i.region_code))
                                        ORDER BY e.start_date, e.id), '[]')
                          FROM employment e JOIN institution i ON i.id = e.institution_id
                         WHERE e.person_id = p.id) AS employments,
                       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'level', c.level,
                                        'certificateNumber', c.certificate_number, 'issuedOn', c.issued_on,
                                        'expiresOn', c.expires_on) ORDER BY c.issued_on, c.id), '[]')
                          FROM certificate c
                         WHERE c.person_id = p.id) AS certificates
                  FROM person p
                 WHERE EXISTS (SELECT 1 FROM employment e JOIN institution i ON i.id = e.institution_id
                                WHERE e.person_id = p.id AND (i.region_code = $1 OR i.zone_code = $1))
                 ORDER BY p.name, p.id
                 LIMIT $2
              ) pg ON true`,
      [REGION, PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    return {
      totalCount: rows[0].total_count,
      hasNextPage: found.length > PAGE,
      people: found.slice(0, PAGE).map((r) => ({
        id: r.id,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        employments: r.employments,
        certificates: r.certificates,
      })),
    };
  },
};

interface Population {
  year: number;
  total: number;
  olderAdults: number;
  totalBasis: string;
  olderAdultsBasis: string;
}
interface RegionShape {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  population: Population | null;
}

const regions: PeerCase = {
  name: 'B',
  title: `regions with population (the latest figure up to ${POPULATION_YEAR})`,
  account: 'planner',
  portal: {
    query: regionsCase.query,
    shape: (data) => ({ regions: data.regions as RegionShape[] }),
  },
  postgraphile: {
    query:
      '{ allRegions(orderBy: CODE_ASC) { nodes { code nameZh nameEn kind ' +
      `regionPopulationsByRegionCode(filter: { year: { lessThanOrEqualTo: ${POPULATION_YEAR} } }, orderBy: YEAR_DESC, first: 1) ` +
      '{ nodes { year total olderAdults totalBasis olderAdultsBasis } } } } }',
    variables: () => undefined,
    shape(data) {
      type Row = Omit<RegionShape, 'population'> & { regionPopulationsByRegionCode: { nodes: Population[] } };
      return {
        regions: nodes(data.allRegions as { nodes: Row[] }).map(({ regionPopulationsByRegionCode, ...region }) => ({
          ...region,
          population: regionPopulationsByRegionCode.nodes[0] ?? null,
        })),
      };
    },
  },
  // The same statement as `npm run bench`'s regions case (one round trip), which answers in this shape.
  raw: (client) => regionsCase.sql(client),
};

interface InstitutionShape {
  id: string;
  name: string;
  creditCode: string;
  regionCode: string;
  zoneCode: string | null;
  type: string;
  ownership: string;
  beds: number | null;
  hasSocialWorkDepartment: boolean;
}
const INSTITUTION_FIELDS = 'name creditCode regionCode zoneCode type ownership beds hasSocialWorkDepartment';

const institutions: PeerCase = {
  name: 'C',
  title: `${PAGE} institutions and the total`,
  account: 'planner',
  portal: {
    query: `{ institutions(first: ${PAGE}) { totalCount edges { node { id ${INSTITUTION_FIELDS} } } pageInfo { hasNextPage } } }`,
    shape(data) {
      const c = data.institutions as EdgeConnection<InstitutionShape>;
      return {
        totalCount: c.totalCount,
        hasNextPage: c.pageInfo.hasNextPage,
        institutions: c.edges.map((e) => e.node),
      };
    },
  },
  postgraphile: {
    query:
      `{ allInstitutions(first: ${PAGE}, orderBy: [REGION_CODE_ASC, NAME_ASC, PRIMARY_KEY_ASC]) { totalCount ` +
      `nodes { rowId ${INSTITUTION_FIELDS} } pageInfo { hasNextPage } } }`,
    variables: () => undefined,
    shape(data) {
      const c = data.allInstitutions as NodeConnection<Omit<InstitutionShape, 'id'> & { rowId: string }>;
      return {
        totalCount: c.totalCount,
        hasNextPage: c.pageInfo.hasNextPage,
        institutions: nodes(c).map(({ rowId, ...rest }) => ({ id: rowId, ...rest })),
      };
    },
  },
  async raw(client) {
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
      [PAGE + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    return {
      totalCount: rows[0].total_count,
      hasNextPage: found.length > PAGE,
      institutions: found.slice(0, PAGE).map((r) => ({
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        regionCode: r.region_code,
        zoneCode: r.zone_code,
        type: r.type,
        ownership: r.ownership,
        beds: r.beds,
        hasSocialWorkDepartment: r.has_social_work_department,
      })),
    };
  },
};

const balances: PeerCase = {
  name: 'D',
  title: "a volunteer's own balances (the volunteer's token)",
  account: 'volunteer',
  portal: {
    query: '{ myTimeBank { timeBalanceMinutes pointsBalance } }',
    shape: (data) => data.myTimeBank,
  },
  postgraphile: {
    query:
      'query ($userId: UUID!) { allVolunteers(condition: { userId: $userId }) { nodes { ' +
      'ledgerAccountsByVolunteerId { nodes { currency balance } } } } }',
    variables: (userId) => ({ userId }),
    shape(data) {
      type Row = { ledgerAccountsByVolunteerId: { nodes: { currency: string; balance: string }[] } };
      const accounts = nodes(data.allVolunteers as { nodes: Row[] }).flatMap(
        (v) => v.ledgerAccountsByVolunteerId.nodes,
      );
      // bigint columns come as strings.
      const balance = (currency: string) => {
        const found = accounts.find((a) => a.currency === currency);
        return found ? Number(found.balance) : null;
      };
      return { timeBalanceMinutes: balance('TIME'), pointsBalance: balance('POINTS') };
    },
  },
  async raw(client, userId) {
    const { rows } = await client.query<{ time: number | null; points: number | null }>(
      `SELECT max(a.balance) FILTER (WHERE a.currency = 'TIME')::float8 AS time,
              max(a.balance) FILTER (WHERE a.currency = 'POINTS')::float8 AS points
         FROM volunteer v JOIN ledger_account a ON a.volunteer_id = v.id
        WHERE v.user_id = $1`,
      [userId],
    );
    return { timeBalanceMinutes: rows[0]?.time ?? null, pointsBalance: rows[0]?.points ?? null };
  },
};

const floor: PeerCase = {
  name: 'F',
  title: '{ __typename } (the framework floor)',
  account: 'planner',
  portal: { query: '{ __typename }', shape: (data) => ({ typename: data.__typename }) },
  postgraphile: {
    query: '{ __typename }',
    variables: () => undefined,
    shape: (data) => ({ typename: data.__typename }),
  },
  raw: null,
};

export const PEER_CASES: PeerCase[] = [people, regions, institutions, balances, floor];
