import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/passwords.js';
import { makeCreditCode } from '../../src/common/validation/credit-code.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;
let serial = 0;

const unique = (prefix: string) => `${prefix}-${(++serial).toString(36)}-${randomBytes(3).toString('hex')}`;

/** A valid credit code no other test uses. */
export function creditCode(regionCode = '500101'): string {
  const body = Array.from(randomBytes(9), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
  return makeCreditCode(`52${regionCode}${body}`);
}

export interface UserSpec {
  role: 'ADMIN' | 'MUNICIPAL_PLANNER' | 'DISTRICT_PLANNER' | 'INSTITUTION_ADMIN' | 'EVALUATION_BODY' | 'VOLUNTEER';
  username?: string;
  regionCode?: string;
  institutionId?: string;
  evaluationBodyId?: string;
  active?: boolean;
}

/** Inserts an account directly (password: PASSWORD) and returns its id and username. */
export async function createUser(t: TestApp, spec: UserSpec): Promise<{ id: string; username: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const username = spec.username ?? unique(spec.role.toLowerCase().replace(/_/g, '-'));
  const { rows } = await t.db.query(
    `INSERT INTO app_user (username, password_hash, role, region_code, institution_id, evaluation_body_id, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      username,
      await passwordHash,
      spec.role,
      spec.regionCode ?? null,
      spec.institutionId ?? null,
      spec.evaluationBodyId ?? (spec.role === 'EVALUATION_BODY' ? '00000000-0000-4000-8000-000000000001' : null),
      spec.active ?? true,
    ],
  );
  return { id: rows[0].id, username };
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const res = await t.gql<{ login: { accessToken: string } }>(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
    { u: username, p: password },
  );
  if (!res.body.data?.login) throw new Error(`login failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.login.accessToken;
}

/** A signed-in account of a role: its token and id. */
export async function signIn(t: TestApp, spec: UserSpec): Promise<{ token: string; id: string; username: string }> {
  const user = await createUser(t, spec);
  return { ...user, token: await login(t, user.username) };
}

export interface InstitutionSpec {
  name?: string;
  regionCode?: string;
  zoneCode?: string | null;
  type?: string;
  ownership?: string;
  beds?: number | null;
  hasSocialWorkDepartment?: boolean;
}

/** Inserts an institution directly and returns its id. */
export async function createInstitution(t: TestApp, spec: InstitutionSpec = {}): Promise<string> {
  const type = spec.type ?? 'CARE_HOME';
  const regionCode = spec.regionCode ?? '500101';
  const { rows } = await t.db.query(
    `INSERT INTO institution (name, credit_code, region_code, zone_code, type, ownership, beds, has_social_work_department)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      spec.name ?? unique('养老院'),
      creditCode(regionCode),
      regionCode,
      spec.zoneCode ?? null,
      type,
      spec.ownership ?? 'PRIVATE_NON_PROFIT',
      spec.beds !== undefined ? spec.beds : type === 'CARE_HOME' ? 100 : null,
      spec.hasSocialWorkDepartment ?? false,
    ],
  );
  return rows[0].id;
}

/** Number of audit events, optionally for one operation. */
export async function auditCount(t: TestApp, operation?: string): Promise<number> {
  const { rows } = operation
    ? await t.db.query('SELECT count(*)::int AS n FROM audit_event WHERE operation = $1', [operation])
    : await t.db.query('SELECT count(*)::int AS n FROM audit_event');
  return rows[0].n;
}

/** Signs in one account per spec and returns their tokens by role. */
export async function signInRoles(t: TestApp, specs: UserSpec[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const spec of specs) tokens[spec.role] = (await signIn(t, spec)).token;
  return tokens;
}

/**
 * Makes the database itself fail a statement, as a real fault would: inserting an account named `boom-*` raises
 * an error whose PostgreSQL message repeats the name (so a test can check it never reaches the logs or client).
 */
export async function installBoomTrigger(t: TestApp): Promise<void> {
  await t.db.query(`
    CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.username LIKE 'boom-%' THEN RAISE EXCEPTION 'refused %', NEW.username; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_refuse_boom BEFORE INSERT ON app_user FOR EACH ROW EXECUTE FUNCTION test_refuse_boom();
  `);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
let idSerial = 0;

export interface ResidentIdSpec {
  /** Six-digit address code; default 500101. */
  address?: string;
  /** YYYY-MM-DD; default a date in 1970-1999 that keeps numbers unique. */
  birthDate?: string;
  sex?: 'MALE' | 'FEMALE';
}

/**
 * A valid resident ID number (GB 11643-1999) that no other call in this process returns: numbers with a default
 * birth date use sequence numbers 500-999, numbers with a given one 000-499, so the two kinds never meet.
 */
export function residentId(spec: ResidentIdSpec = {}): string {
  const n = ++idSerial + (process.pid % 1000) * 1_000;
  // The 17th digit is odd for men, even for women.
  const odd = spec.sex === undefined ? n % 2 : spec.sex === 'MALE' ? 1 : 0;
  let birth: string;
  let seq: number;
  if (spec.birthDate) {
    birth = spec.birthDate;
    seq = (n % 250) * 2 + odd;
  } else {
    // Consecutive calls map to distinct (birth date, sequence) pairs; the pid only varies the starting point.
    birth = new Date(Date.UTC(1970, 0, 1) + (n % 10_950) * 86_400_000).toISOString().slice(0, 10);
    seq = 500 + (Math.floor(n / 10_950) % 250) * 2 + odd;
  }
  const body = `${spec.address ?? '500101'}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

export interface StaffSpec {
  institutionId: string;
  idNumber?: string;
  name?: string;
  phone?: string | null;
  occupation?: string;
  postType?: string;
  startDate?: string;
  education?: string | null;
}

/** A complete RegisterStaffInput with defaults (a fresh person, caregiver, full time, from 2024-01-01). */
export function staffInput(spec: StaffSpec): Record<string, unknown> {
  return {
    institutionId: spec.institutionId,
    idNumber: spec.idNumber ?? residentId(),
    name: spec.name ?? `员工${(++serial).toString(36)}`,
    phone: spec.phone === undefined ? null : spec.phone,
    occupation: spec.occupation ?? 'CAREGIVER',
    postType: spec.postType ?? 'FULL_TIME',
    startDate: spec.startDate ?? '2024-01-01',
    education: spec.education === undefined ? null : spec.education,
  };
}

const REGISTER_STAFF = `mutation($input: RegisterStaffInput!) {
  registerStaff(input: $input) { id occupation team postType startDate endDate endReason person { id name } }
}`;

/** Registers a staff member through the API and returns the employment (throws on any error). */
export async function registerStaff(
  t: TestApp,
  token: string,
  spec: StaffSpec,
): Promise<{ id: string; person: { id: string; name: string }; [k: string]: unknown }> {
  const res = await t.gql<{ registerStaff: { id: string; person: { id: string; name: string } } }>(
    REGISTER_STAFF,
    { input: staffInput(spec) },
    token,
  );
  if (!res.body.data?.registerStaff) throw new Error(`registerStaff failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.registerStaff;
}

/** Inserts a filed evaluation body directly (any kind of certificate, may train) and returns its id. */
export async function createEvaluationBody(
  t: TestApp,
  spec: { id?: string; regionCode?: string; kinds?: string[]; filedFrom?: string; filedTo?: string } = {},
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO evaluation_body (id, name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
                                  certificate_kinds, may_train)
     VALUES (coalesce($1, gen_random_uuid()), $2, 'VOCATIONAL_COLLEGE', $3, $4, $5, $6, $7, $8::certificate_kind[], true)
     RETURNING id`,
    [
      spec.id ?? null,
      unique('评价机构'),
      creditCode(spec.regionCode ?? '500101'),
      spec.regionCode ?? '500101',
      unique('BA'),
      spec.filedFrom ?? '2015-01-01',
      spec.filedTo ?? '2035-12-31',
      spec.kinds ?? ['NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR', 'SOCIAL_WORK', 'PROFESSIONAL_LICENSE'],
    ],
  );
  return rows[0].id;
}

// ---- time bank ----

export interface VolunteerSpec {
  idNumber?: string;
  /** YYYY-MM-DD; default 1964-03-15 (over 60, so the volunteer may redeem care for itself). */
  birthDate?: string;
  name?: string;
  phone?: string | null;
  regionCode?: string;
  username?: string;
  /**
   * Sign up through this institution admin instead of the public path (no rate limit, phone optional); the
   * volunteer then replaces the admin's password with OWN_PASSWORD, as she must before anything else.
   */
  adminToken?: string;
}

export interface TestVolunteer {
  id: string;
  personId: string;
  username: string;
  token: string;
  idNumber: string;
  name: string;
}

const REGISTER_VOLUNTEER = `mutation($i: RegisterVolunteerInput!) {
  registerVolunteer(input: $i) { id username regionCode person { id name birthDate } }
}`;

/** Signs a volunteer up through the API (public by default) and signs it in. Throws on any error. */
export async function registerVolunteer(t: TestApp, spec: VolunteerSpec = {}): Promise<TestVolunteer> {
  const idNumber = spec.idNumber ?? residentId({ birthDate: spec.birthDate ?? '1964-03-15' });
  const name = spec.name ?? `志愿者${(++serial).toString(36)}`;
  const username = spec.username ?? unique('volunteer');
  const res = await t.gql<{ registerVolunteer: { id: string; person: { id: string } } }>(
    REGISTER_VOLUNTEER,
    {
      i: {
        idNumber,
        name,
        phone: spec.phone === undefined ? '13800138000' : spec.phone,
        regionCode: spec.regionCode === undefined ? '500101' : spec.regionCode,
        username,
        password: PASSWORD,
      },
    },
    spec.adminToken,
  );
  if (!res.body.data?.registerVolunteer)
    throw new Error(`registerVolunteer failed: ${JSON.stringify(res.body.errors)}`);
  const v = res.body.data.registerVolunteer;
  let token = await login(t, username);
  // Signed up by an admin, she must first replace the password the admin typed in: then it is OWN_PASSWORD.
  if (spec.adminToken) token = await changeTemporaryPassword(t, token, PASSWORD);
  return { id: v.id, personId: v.person.id, username, token, idNumber, name };
}

/** The password `changeTemporaryPassword` chooses. */
export const OWN_PASSWORD = 'my-own-chosen-password';

/** Replaces a password someone else set (a new account, a reset) with OWN_PASSWORD; returns the fresh token. */
export async function changeTemporaryPassword(t: TestApp, token: string, temporary: string): Promise<string> {
  const res = await t.gql<{ changePassword: { accessToken: string } }>(
    'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken } }',
    { o: temporary, n: OWN_PASSWORD },
    token,
  );
  if (!res.body.data?.changePassword) throw new Error(`changePassword failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.changePassword.accessToken;
}

/** Registers a relative of the signed-in volunteer; returns the relative's id. Throws on any error. */
export async function registerRelative(
  t: TestApp,
  volunteerToken: string,
  spec: { idNumber: string; name: string; relationship?: string },
): Promise<string> {
  const res = await t.gql<{ registerRelative: { id: string } }>(
    'mutation($i: RegisterRelativeInput!) { registerRelative(input: $i) { id } }',
    { i: { relationship: 'SPOUSE', ...spec } },
    volunteerToken,
  );
  if (!res.body.data?.registerRelative) throw new Error(`registerRelative failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.registerRelative.id;
}

/** Logs service as the volunteer and verifies it as the institution's admin; returns the verified record. */
export async function earnCredits(
  t: TestApp,
  volunteerToken: string,
  adminToken: string,
  spec: { institutionId: string; minutes: number; serviceDate?: string; category?: string },
): Promise<{ id: string; creditedMinutes: number; uncreditedMinutes: number; pointsAwarded: number }> {
  const logged = await t.gql<{ logService: { id: string } }>(
    'mutation($i: LogServiceInput!) { logService(input: $i) { id } }',
    {
      i: {
        institutionId: spec.institutionId,
        category: spec.category ?? 'COMPANIONSHIP',
        serviceDate: spec.serviceDate ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        minutes: spec.minutes,
      },
    },
    volunteerToken,
  );
  if (!logged.body.data?.logService) throw new Error(`logService failed: ${JSON.stringify(logged.body.errors)}`);
  const verified = await t.gql<{
    verifyService: { id: string; creditedMinutes: number; uncreditedMinutes: number; pointsAwarded: number };
  }>(
    'mutation($id: ID!) { verifyService(id: $id) { id creditedMinutes uncreditedMinutes pointsAwarded } }',
    { id: logged.body.data.logService.id },
    adminToken,
  );
  if (!verified.body.data?.verifyService)
    throw new Error(`verifyService failed: ${JSON.stringify(verified.body.errors)}`);
  return verified.body.data.verifyService;
}
