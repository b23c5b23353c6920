import type { EntityManager } from 'typeorm';
import { addDays } from '../../common/dates.js';
import { makeCreditCode } from '../../common/validation/credit-code.js';
import { Dice } from './random.js';
import { CertificateKind, EvaluationBodyKind, Profession } from '../../certification/certification.enums.js';

/** The demo college the `college` account acts for (DESIGN.md issue 4, part 9). */
export const DEMO_COLLEGE_NAME = '重庆城市管理职业学院';

interface DemoBody {
  name: string;
  kind: EvaluationBodyKind;
  regionCode: string;
  filingNumber: string;
  filedFrom: string;
  filedTo: string;
  certificateKinds: CertificateKind[];
  mayTrain: boolean;
}

const BODIES: DemoBody[] = [
  {
    name: DEMO_COLLEGE_NAME,
    kind: EvaluationBodyKind.VOCATIONAL_COLLEGE,
    regionCode: '500106',
    filingNumber: 'YL-PJ-500106-2020-001',
    filedFrom: '2020-01-01',
    filedTo: '2030-12-31',
    certificateKinds: [CertificateKind.NURSING_ASSISTANT_SKILL, CertificateKind.SOCIAL_WORK],
    mayTrain: true,
  },
  {
    name: '重庆市养老服务协会',
    kind: EvaluationBodyKind.INDUSTRY_ASSOCIATION,
    regionCode: '500103',
    filingNumber: 'YL-PJ-500103-2021-002',
    filedFrom: '2021-03-01',
    filedTo: '2029-02-28',
    certificateKinds: [CertificateKind.NURSING_ASSISTANT_SKILL, CertificateKind.CAPABILITY_ASSESSOR],
    mayTrain: true,
  },
  {
    name: '万州区养老服务职业技能培训学校',
    kind: EvaluationBodyKind.TRAINING_PROVIDER,
    regionCode: '500101',
    filingNumber: 'YL-PX-500101-2022-003',
    filedFrom: '2022-01-01',
    filedTo: '2027-12-31',
    certificateKinds: [],
    mayTrain: true,
  },
];

const SESSION_TITLES: [string, string][] = [
  ['CAREGIVER', '养老护理员初级技能培训'],
  ['CAREGIVER', '养老护理员中级技能提升班'],
  ['CAREGIVER', '失能老年人照护专项培训'],
  ['CAREGIVER', '认知障碍照护实务培训'],
  ['DIRECTOR', '养老院院长管理能力培训'],
  ['SOCIAL_WORKER', '养老服务社会工作实务培训'],
  ['CAPABILITY_ASSESSOR', '老年人能力评估员培训'],
  ['OTHER', '养老机构消防安全与应急处置培训'],
];

const MAJORS = [
  'ELDER_CARE_MANAGEMENT',
  'ELDER_CARE_SERVICES',
  'REHABILITATION_NURSING',
  'ELDER_NUTRITION',
  'ELDER_SOCIAL_WORK',
  'ELDER_PRODUCTS',
] as const;

interface Staff {
  person_id: string;
  name: string;
  occupation: string;
  institution_id: string;
  region_code: string;
  start_date: string;
}

/**
 * Evaluation bodies, certificates, training sessions with attendance, and college program years over the demo
 * workforce already in the database, in a few bulk statements. Deterministic for a given day and workforce.
 * Returns the demo college's id (for the `college` account).
 */
export async function insertDemoCertification(em: EntityManager, today: string): Promise<string> {
  const { next: random, pick, chance } = Dice.seeded(0xce27_2026);
  const thisYear = Number(today.slice(0, 4));

  const bodies: { id: string }[] = await em.query(
    `INSERT INTO evaluation_body (name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
                                  certificate_kinds, may_train)
     SELECT name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
            string_to_array(kinds, ',')::certificate_kind[], may_train
       FROM unnest($1::varchar[], $2::evaluation_body_kind[], $3::char(18)[], $4::varchar[], $5::varchar[],
                   $6::date[], $7::date[], $8::text[], $9::boolean[])
            AS t(name, kind, credit_code, region_code, filing_number, filed_from, filed_to, kinds, may_train)
     RETURNING id`,
    [
      BODIES.map((b) => b.name),
      BODIES.map((b) => b.kind),
      BODIES.map((b, i) => makeCreditCode(`12${b.regionCode}MB${String(i + 1).padStart(7, '0')}`)),
      BODIES.map((b) => b.regionCode),
      BODIES.map((b) => b.filingNumber),
      BODIES.map((b) => b.filedFrom),
      BODIES.map((b) => b.filedTo),
      BODIES.map((b) => b.certificateKinds.join(',')),
      BODIES.map((b) => b.mayTrain),
    ],
  );
  const [college, association, school] = bodies.map((b) => b.id);

  // Everyone's first job, in a stable order (the hash of the ID number differs per install, names and dates do not).
  const staff: Staff[] = await em.query(
    `SELECT DISTINCT ON (p.id) p.id AS person_id, e.occupation, e.institution_id, i.region_code,
            e.start_date::text AS start_date, p.name, p.birth_date
       FROM person p JOIN employment e ON e.person_id = p.id JOIN institution i ON i.id = e.institution_id
      ORDER BY p.id, e.start_date, e.occupation`,
  );
  staff.sort((a, b) => (a.start_date + a.name).localeCompare(b.start_date + b.name));

  // ---- certificates ----
  const certificates: {
    personId: string;
    kind: CertificateKind;
    level: number | null;
    profession: Profession | null;
    number: string;
    bodyId: string | null;
    issuerName: string | null;
    institutionId: string | null;
    issuedOn: string;
    expiresOn: string | null;
    revokedOn: string | null;
  }[] = [];
  let serial = 0;
  const number = (prefix: string, date: string) => `${prefix}${date.slice(0, 4)}${String(++serial).padStart(6, '0')}`;
  /** An issue date between the later of the filing start and a year before the job began, and today. */
  const issueDate = (from: string) => {
    const start = from > '2020-01-01' ? from : '2020-01-01';
    const span = Math.max(0, (Date.parse(today) - Date.parse(start)) / 86_400_000 - 30);
    return addDays(start, Math.floor(random() * span));
  };
  for (const s of staff) {
    const from = addDays(s.start_date, -365);
    if (s.occupation === 'CAREGIVER' && chance(0.6)) {
      const r = random();
      const level = r < 0.38 ? 5 : r < 0.72 ? 4 : r < 0.92 ? 3 : r < 0.99 ? 2 : 1;
      const issuedOn = issueDate(from);
      const bodyId = issuedOn >= '2021-03-01' && chance(0.4) ? association : college;
      certificates.push({
        personId: s.person_id,
        kind: CertificateKind.NURSING_ASSISTANT_SKILL,
        level,
        profession: null,
        number: number('NA', issuedOn),
        bodyId,
        issuerName: null,
        institutionId: null,
        issuedOn,
        expiresOn: null,
        // One in a hundred was revoked some months after issue (if that day has come).
        revokedOn: chance(0.01) && addDays(issuedOn, 200) < today ? addDays(issuedOn, 200) : null,
      });
    } else if (s.occupation === 'SOCIAL_WORKER' && chance(0.75)) {
      const issuedOn = issueDate(from);
      const level = chance(0.6) ? 3 : chance(0.9) ? 2 : 1;
      // Most social workers passed the national exam (external); some hold the college's certificate.
      const external = chance(0.7);
      certificates.push({
        personId: s.person_id,
        kind: CertificateKind.SOCIAL_WORK,
        level,
        profession: null,
        number: number('SW', issuedOn),
        bodyId: external ? null : college,
        issuerName: external ? '人力资源社会保障部 民政部' : null,
        institutionId: external ? s.institution_id : null,
        issuedOn,
        expiresOn: null,
        revokedOn: null,
      });
    } else if (s.occupation === 'CAPABILITY_ASSESSOR' && chance(0.8)) {
      const issuedOn = issueDate(from > '2021-03-01' ? from : '2021-03-01');
      certificates.push({
        personId: s.person_id,
        kind: CertificateKind.CAPABILITY_ASSESSOR,
        level: chance(0.7) ? 4 : 3,
        profession: null,
        number: number('CA', issuedOn),
        bodyId: association,
        issuerName: null,
        institutionId: null,
        issuedOn,
        expiresOn: null,
        revokedOn: null,
      });
    } else if (['NURSE', 'MEDICAL', 'REHABILITATION'].includes(s.occupation)) {
      const issuedOn = issueDate(addDays(s.start_date, -2000));
      const profession =
        s.occupation === 'NURSE'
          ? Profession.NURSE
          : s.occupation === 'MEDICAL'
            ? Profession.DOCTOR
            : Profession.THERAPIST;
      // Nurse licences run for five years; some lapsed without renewal.
      const expiresOn = profession === Profession.NURSE ? addDays(issuedOn, 5 * 365) : null;
      certificates.push({
        personId: s.person_id,
        kind: CertificateKind.PROFESSIONAL_LICENSE,
        level: null,
        profession,
        number: number('PL', issuedOn),
        bodyId: null,
        issuerName: profession === Profession.NURSE ? '重庆市卫生健康委员会' : '国家卫生健康委员会',
        institutionId: s.institution_id,
        issuedOn,
        expiresOn,
        revokedOn: null,
      });
    }
  }
  if (certificates.length > 0) {
    await em.query(
      `INSERT INTO certificate (person_id, kind, level, profession, certificate_number, issuing_body_id, issuer_name,
                                external, recorded_by_institution_id, issued_on, expires_on, revoked_on,
                                revocation_reason)
       SELECT person_id, kind, level, profession, certificate_number, body_id, issuer_name, body_id IS NULL,
              institution_id, issued_on, expires_on, revoked_on,
              CASE WHEN revoked_on IS NOT NULL THEN '考核材料不实' END
         FROM unnest($1::uuid[], $2::certificate_kind[], $3::smallint[], $4::profession[], $5::varchar[],
                     $6::uuid[], $7::varchar[], $8::uuid[], $9::date[], $10::date[], $11::date[])
              AS t(person_id, kind, level, profession, certificate_number, body_id, issuer_name, institution_id,
                   issued_on, expires_on, revoked_on)`,
      [
        certificates.map((c) => c.personId),
        certificates.map((c) => c.kind),
        certificates.map((c) => c.level),
        certificates.map((c) => c.profession),
        certificates.map((c) => c.number),
        certificates.map((c) => c.bodyId),
        certificates.map((c) => c.issuerName),
        certificates.map((c) => c.institutionId),
        certificates.map((c) => c.issuedOn),
        certificates.map((c) => c.expiresOn),
        certificates.map((c) => c.revokedOn),
      ],
    );
  }

  // ---- training sessions and attendance: about two sessions a month since January of last year ----
  const regions = [...new Set(staff.map((s) => s.region_code))].sort();
  const sessions: {
    provider: string;
    title: string;
    audience: string;
    region: string;
    start: string;
    end: string;
    hours: number;
    capacity: number;
  }[] = [];
  for (let month = 0; month < 24; month++) {
    const year = thisYear - 1 + Math.floor(month / 12);
    for (let k = 0; k < 2; k++) {
      const start = `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(3 + k * 12 + Math.floor(random() * 8)).padStart(2, '0')}`;
      const days = 1 + Math.floor(random() * 5);
      const end = addDays(start, days - 1);
      if (end > today) continue;
      const [audience, title] = pick(SESSION_TITLES);
      sessions.push({
        provider: pick([college, association, school]),
        title,
        audience,
        region: pick(regions),
        start,
        end,
        hours: days * 7,
        capacity: 30 + Math.floor(random() * 4) * 10,
      });
    }
  }
  const sessionIds: { id: string }[] = sessions.length
    ? await em.query(
        `INSERT INTO training_session (provider_id, title, audience, region_code, start_date, end_date, hours, capacity)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::training_audience[], $4::varchar[], $5::date[],
                              $6::date[], $7::numeric[], $8::int[])
         RETURNING id`,
        [
          sessions.map((s) => s.provider),
          sessions.map((s) => s.title),
          sessions.map((s) => s.audience),
          sessions.map((s) => s.region),
          sessions.map((s) => s.start),
          sessions.map((s) => s.end),
          sessions.map((s) => s.hours),
          sessions.map((s) => s.capacity),
        ],
      )
    : [];
  const attendance: { session: string; person: string; completed: boolean }[] = [];
  sessions.forEach((s, i) => {
    const audienceOccupation = s.audience === 'DIRECTOR' ? 'DIRECTOR' : s.audience;
    const local = staff.filter(
      (p) => p.region_code === s.region && (s.audience === 'OTHER' || p.occupation === audienceOccupation),
    );
    const pool =
      local.length >= 5 ? local : staff.filter((p) => s.audience === 'OTHER' || p.occupation === audienceOccupation);
    const wanted = Math.min(pool.length, Math.floor(s.capacity * (0.6 + random() * 0.4)));
    const chosen = new Set<string>();
    for (let tries = 0; chosen.size < wanted && tries < wanted * 4; tries++) chosen.add(pick(pool).person_id);
    for (const person of chosen) attendance.push({ session: sessionIds[i].id, person, completed: chance(0.9) });
  });
  if (attendance.length > 0) {
    await em.query(
      `INSERT INTO attendance (session_id, person_id, completed)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[])`,
      [attendance.map((a) => a.session), attendance.map((a) => a.person), attendance.map((a) => a.completed)],
    );
  }

  // ---- the college's program years ----
  const programYears: { major: string; year: number; enrolled: number; graduated: number; entering: number }[] = [];
  for (let year = 2021; year <= thisYear; year++) {
    for (const major of MAJORS) {
      const enrolled = 40 + Math.floor(random() * 160);
      const graduated = year < thisYear ? Math.floor(enrolled * (0.8 + random() * 0.15)) : 0;
      programYears.push({
        major,
        year,
        enrolled,
        graduated,
        entering: Math.floor(graduated * (0.35 + random() * 0.4)),
      });
    }
  }
  await em.query(
    `INSERT INTO college_program_year (college_id, major, year, enrolled, graduated, graduates_entering_elder_care)
     SELECT $1::uuid, * FROM unnest($2::college_major[], $3::int[], $4::int[], $5::int[], $6::int[])`,
    [
      college,
      programYears.map((p) => p.major),
      programYears.map((p) => p.year),
      programYears.map((p) => p.enrolled),
      programYears.map((p) => p.graduated),
      programYears.map((p) => p.entering),
    ],
  );
  return college;
}
