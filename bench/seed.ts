import type pg from 'pg';
import { makeCreditCode } from '../src/common/validation/credit-code.js';

const TYPES = ['CARE_HOME', 'COMMUNITY_CENTER', 'HOME_CARE_PROVIDER', 'SOCIAL_WORK_ORG', 'HOSPITAL_CARE_UNIT', 'OTHER'];
const OWNERSHIPS = ['PUBLIC_INSTITUTION', 'PUBLIC_BUILT_PRIVATE_RUN', 'PRIVATE_NON_PROFIT', 'PRIVATE_FOR_PROFIT'];

/**
 * Makes sure the database holds at least `target` institutions, so a page of `institutions` is a real page of a
 * real total. Adds synthetic ones numbered 1..target straight in SQL: civil-affairs private non-enterprise credit
 * codes (`52` + region + `BN` + 7 digits, valid check character), spread over the county-level regions, beds only
 * for care homes. The codes are stable, so a second run adds nothing (ON CONFLICT DO NOTHING). Returns how many
 * rows were inserted.
 */
export async function ensureInstitutions(pool: pg.Pool, target: number): Promise<number> {
  const { rows: counted } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM institution');
  if (counted[0].n >= target) return 0;

  const { rows: regions } = await pool.query<{ code: string }>(
    `SELECT code FROM region WHERE kind <> 'FUNCTIONAL_ZONE' ORDER BY code`,
  );
  const { rows: zones } = await pool.query<{ code: string }>(
    `SELECT code FROM region WHERE kind = 'FUNCTIONAL_ZONE' ORDER BY code`,
  );
  if (regions.length === 0) throw new Error('the region table has no districts or counties: are migrations applied?');

  const cols = {
    name: [] as string[],
    creditCode: [] as string[],
    regionCode: [] as string[],
    zoneCode: [] as (string | null)[],
    type: [] as string[],
    ownership: [] as string[],
    beds: [] as (number | null)[],
    socialWork: [] as boolean[],
  };
  for (let n = 1; n <= target; n++) {
    const region = regions[n % regions.length].code;
    const type = TYPES[n % TYPES.length];
    cols.name.push(`基准测试养老机构${String(n).padStart(4, '0')}号`);
    cols.creditCode.push(makeCreditCode(`52${region}BN${String(n).padStart(7, '0')}`));
    cols.regionCode.push(region);
    cols.zoneCode.push(zones.length && n % 10 === 0 ? zones[(n / 10) % zones.length].code : null);
    cols.type.push(type);
    cols.ownership.push(OWNERSHIPS[n % OWNERSHIPS.length]);
    cols.beds.push(type === 'CARE_HOME' ? 20 + ((n * 37) % 480) : null);
    cols.socialWork.push(n % 3 === 0);
  }
  const result = await pool.query(
    `INSERT INTO institution (name, credit_code, region_code, zone_code, type, ownership, beds,
                              has_social_work_department)
     SELECT * FROM unnest($1::varchar[], $2::char(18)[], $3::varchar[], $4::varchar[], $5::institution_type[],
                          $6::ownership[], $7::int[], $8::boolean[])
     ON CONFLICT (credit_code) DO NOTHING`,
    [cols.name, cols.creditCode, cols.regionCode, cols.zoneCode, cols.type, cols.ownership, cols.beds, cols.socialWork],
  );
  return result.rowCount ?? 0;
}
