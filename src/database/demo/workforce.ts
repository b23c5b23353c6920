import type { EntityManager } from 'typeorm';
import { addDays, addYears } from '../../common/dates.js';
import { Dice } from './random.js';
import type { PiiCipher } from '../../common/pii.js';
import { residentIdCheckChar } from '../../common/validation/resident-id.js';
import { InstitutionType } from '../../institutions/institution.enums.js';
import { insertPersonRows } from '../../workforce/persons.repository.js';
import {
  Education,
  EndReason,
  Occupation,
  PostType,
  Sex,
  TEAM_OF,
  type Team,
} from '../../workforce/workforce.enums.js';

/**
 * A synthetic but plausible workforce for the demo institutions, so that a new user sees meaningful people lists,
 * headcounts and social-worker gaps. Everything comes from a seeded PRNG and a fixed anchor date, so the same
 * institutions give the same people and jobs on every install; dates past "today" are clamped to today, so the data
 * is deterministic for a given day and never in the future.
 */

/** The demo data is drawn as of this day; the latest starts lie a few months before it. */
export const DEMO_WORKFORCE_ANCHOR = '2026-11-01';
const EARLIEST_START = '2015-01-01';
/** Latest start of a job still held, relative to the anchor: the newest hires are a few months in. */
const LATEST_START_DAYS = -75;
const DEFAULT_SEED = 0x5eed_2026;

export interface DemoInstitutionRef {
  id: string;
  regionCode: string;
  type: InstitutionType;
  beds: number | null;
  hasSocialWorkDepartment: boolean;
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  phone: string | null;
  education: Education | null;
}

export interface DemoEmployment {
  /** Index into `persons`. */
  person: number;
  institutionId: string;
  occupation: Occupation;
  team: Team;
  postType: PostType;
  startDate: string;
  endDate: string | null;
  endReason: EndReason | null;
}

export interface DemoWorkforce {
  persons: DemoPerson[];
  employments: DemoEmployment[];
}

// ---- dates ----

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
/** A day in [from, to], skewed towards `to` when `recent` > 1 (recent hires outnumber old ones: turnover). */
const dayBetween = (dice: Dice, from: string, to: string, recent = 1) =>
  isoOf(dayOf(from) + Math.floor(Math.pow(dice.next(), 1 / recent) * (dayOf(to) - dayOf(from) + 1)));

// ---- people ----

/** Common surnames, weighted roughly by frequency, with those typical of Chongqing (冉, 向, 谭, 蒲, 秦) a bit higher. */
const SURNAMES: [string, number][] = [
  ['王', 70],
  ['李', 70],
  ['张', 65],
  ['刘', 55],
  ['陈', 50],
  ['杨', 40],
  ['黄', 25],
  ['赵', 22],
  ['吴', 20],
  ['周', 20],
  ['徐', 15],
  ['孙', 12],
  ['马', 12],
  ['朱', 11],
  ['胡', 11],
  ['郭', 10],
  ['何', 14],
  ['罗', 14],
  ['高', 10],
  ['林', 8],
  ['谭', 14],
  ['冉', 10],
  ['向', 10],
  ['邓', 12],
  ['彭', 10],
  ['曾', 9],
  ['唐', 11],
  ['蒋', 8],
  ['余', 9],
  ['袁', 8],
  ['秦', 6],
  ['蒲', 5],
  ['熊', 6],
  ['谢', 8],
  ['钟', 5],
  ['牟', 4],
  ['代', 4],
  ['程', 5],
];
const FEMALE_GIVEN = [...'秀英华玉兰芳红梅丽琴燕霞敏静娟萍艳玲婷雪慧莉春桂凤珍淑云琳洁晓丹颖倩佳欣悦雯蓉琼翠会菊'];
const MALE_GIVEN = [...'伟强军勇明杰涛斌华平刚辉建国志文波鹏宇浩俊磊鑫超林峰兵东成海德福良洪川江'];

/** County-level address codes of Chongqing (the first six digits of an ID number issued there). */
const CHONGQING_CODES = [
  '500101',
  '500102',
  '500103',
  '500104',
  '500105',
  '500106',
  '500107',
  '500108',
  '500109',
  '500110',
  '500111',
  '500112',
  '500113',
  '500114',
  '500115',
  '500116',
  '500117',
  '500118',
  '500119',
  '500120',
  '500151',
  '500152',
  '500153',
  '500154',
  '500155',
  '500156',
  '500229',
  '500230',
  '500231',
  '500233',
  '500235',
  '500236',
  '500237',
  '500238',
  '500240',
  '500241',
  '500242',
  '500243',
];
const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157'],
  ...['158', '159', '166', '173', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189'],
  ...['191', '193', '195', '198', '199'],
];

type Profile = {
  /** Age on the anchor date. */
  age: (dice: Dice) => number;
  /** Share of women. */
  female: number;
  /** The youngest age at which this job starts (school first). */
  minStartAge: number;
  education: [Education | null, number][];
};

const CARE_EDUCATION: [Education | null, number][] = [
  [null, 12],
  [Education.PRIMARY_OR_BELOW, 14],
  [Education.JUNIOR_SECONDARY, 40],
  [Education.SENIOR_SECONDARY, 15],
  [Education.VOCATIONAL_SECONDARY, 14],
  [Education.JUNIOR_COLLEGE, 5],
];
const GRADUATE_EDUCATION: [Education | null, number][] = [
  [null, 8],
  [Education.VOCATIONAL_SECONDARY, 5],
  [Education.JUNIOR_COLLEGE, 37],
  [Education.BACHELOR, 45],
  [Education.MASTER_OR_ABOVE, 5],
];
/** Caregivers are mostly 40-60; professionals younger; managers in between. */
const caregiverAge = (dice: Dice) => {
  const r = dice.next();
  if (r < 0.85) return Math.round(dice.bell(40, 60));
  if (r < 0.95) return dice.int(28, 39);
  return dice.int(61, 64);
};
const professionalAge = (dice: Dice) => Math.round(dice.bell(23, 46));

const PROFILES: Record<Occupation, Profile> = {
  [Occupation.CAREGIVER]: { age: caregiverAge, female: 0.86, minStartAge: 18, education: CARE_EDUCATION },
  [Occupation.SOCIAL_WORKER]: { age: professionalAge, female: 0.75, minStartAge: 22, education: GRADUATE_EDUCATION },
  [Occupation.CAPABILITY_ASSESSOR]: {
    age: (d) => Math.round(d.bell(26, 52)),
    female: 0.7,
    minStartAge: 22,
    education: GRADUATE_EDUCATION,
  },
  [Occupation.MEDICAL]: {
    age: (d) => Math.round(d.bell(27, 58)),
    female: 0.5,
    minStartAge: 24,
    education: [
      [Education.JUNIOR_COLLEGE, 20],
      [Education.BACHELOR, 65],
      [Education.MASTER_OR_ABOVE, 15],
    ],
  },
  [Occupation.NURSE]: {
    age: professionalAge,
    female: 0.93,
    minStartAge: 19,
    education: [
      [Education.VOCATIONAL_SECONDARY, 25],
      [Education.JUNIOR_COLLEGE, 50],
      [Education.BACHELOR, 25],
    ],
  },
  [Occupation.REHABILITATION]: { age: professionalAge, female: 0.55, minStartAge: 21, education: GRADUATE_EDUCATION },
  [Occupation.NUTRITION]: { age: professionalAge, female: 0.8, minStartAge: 21, education: GRADUATE_EDUCATION },
  [Occupation.PSYCHOLOGICAL_COUNSELOR]: {
    age: professionalAge,
    female: 0.75,
    minStartAge: 22,
    education: GRADUATE_EDUCATION,
  },
  [Occupation.DIRECTOR]: {
    age: (d) => Math.round(d.bell(40, 58)),
    female: 0.45,
    minStartAge: 30,
    education: [
      [Education.JUNIOR_COLLEGE, 25],
      [Education.BACHELOR, 60],
      [Education.MASTER_OR_ABOVE, 15],
    ],
  },
  [Occupation.MANAGER]: {
    age: (d) => Math.round(d.bell(30, 52)),
    female: 0.55,
    minStartAge: 22,
    education: [
      [Education.SENIOR_SECONDARY, 10],
      [Education.JUNIOR_COLLEGE, 35],
      [Education.BACHELOR, 55],
    ],
  },
};

// ---- staffing ----

/** How many people work at an institution today (before second jobs from elsewhere). */
function staffSize(dice: Dice, inst: DemoInstitutionRef): number {
  const vary = (n: number) => Math.round(n * (0.9 + dice.next() * 0.2));
  switch (inst.type) {
    case InstitutionType.CARE_HOME:
      return Math.round((inst.beds ?? 50) * 0.6); // about 1 staff member per 1.7 licensed beds
    case InstitutionType.HOME_CARE_PROVIDER:
      return vary(880); // home visits: a large pool of (many part-time) caregivers
    case InstitutionType.COMMUNITY_CENTER:
      return vary(250);
    case InstitutionType.HOSPITAL_CARE_UNIT:
      return vary(300);
    case InstitutionType.SOCIAL_WORK_ORG:
      return vary(90);
    default:
      return vary(60);
  }
}

/** Social workers on the staff: care homes near the one-per-100-beds rule when they have a department. */
function socialWorkers(inst: DemoInstitutionRef, size: number): number {
  switch (inst.type) {
    case InstitutionType.CARE_HOME: {
      const beds = inst.beds ?? 0;
      // Often just short of ceil(beds / 100): social workers stationed part-time from elsewhere may close the gap.
      if (inst.hasSocialWorkDepartment) return Math.max(2, Math.round(beds / 100));
      return beds >= 150 ? 1 : 0;
    }
    case InstitutionType.SOCIAL_WORK_ORG:
      return Math.round(size * 0.55);
    case InstitutionType.COMMUNITY_CENTER:
      return 3;
    default:
      return 2;
  }
}

/** The other occupations by institution type, as weights (directors, managers and social workers set apart). */
const MIX: Record<InstitutionType, [Occupation, number][]> = {
  [InstitutionType.CARE_HOME]: [
    [Occupation.CAREGIVER, 76],
    [Occupation.NURSE, 9],
    [Occupation.MEDICAL, 4],
    [Occupation.REHABILITATION, 4],
    [Occupation.NUTRITION, 3],
    [Occupation.PSYCHOLOGICAL_COUNSELOR, 2],
    [Occupation.CAPABILITY_ASSESSOR, 2],
  ],
  [InstitutionType.COMMUNITY_CENTER]: [
    [Occupation.CAREGIVER, 70],
    [Occupation.NURSE, 7],
    [Occupation.REHABILITATION, 6],
    [Occupation.NUTRITION, 5],
    [Occupation.PSYCHOLOGICAL_COUNSELOR, 3],
    [Occupation.CAPABILITY_ASSESSOR, 6],
    [Occupation.MEDICAL, 3],
  ],
  [InstitutionType.HOME_CARE_PROVIDER]: [
    [Occupation.CAREGIVER, 82],
    [Occupation.NURSE, 7],
    [Occupation.REHABILITATION, 4],
    [Occupation.CAPABILITY_ASSESSOR, 4],
    [Occupation.NUTRITION, 1],
    [Occupation.MEDICAL, 2],
  ],
  [InstitutionType.SOCIAL_WORK_ORG]: [
    [Occupation.PSYCHOLOGICAL_COUNSELOR, 35],
    [Occupation.CAPABILITY_ASSESSOR, 30],
    [Occupation.CAREGIVER, 35],
  ],
  [InstitutionType.HOSPITAL_CARE_UNIT]: [
    [Occupation.CAREGIVER, 52],
    [Occupation.NURSE, 26],
    [Occupation.MEDICAL, 11],
    [Occupation.REHABILITATION, 7],
    [Occupation.NUTRITION, 3],
    [Occupation.PSYCHOLOGICAL_COUNSELOR, 1],
  ],
  [InstitutionType.OTHER]: [
    [Occupation.CAREGIVER, 70],
    [Occupation.NURSE, 10],
    [Occupation.REHABILITATION, 10],
    [Occupation.CAPABILITY_ASSESSOR, 10],
  ],
};

/** Splits `n` over weighted values by largest remainders (exact counts, no randomness). */
function apportion<T>(n: number, table: [T, number][]): [T, number][] {
  const total = table.reduce((s, [, w]) => s + w, 0);
  const exact = table.map(([v, w]) => [v, (n * w) / total] as const);
  const counts = exact.map(([v, x]) => [v, Math.floor(x)] as [T, number]);
  let left = n - counts.reduce((s, [, c]) => s + c, 0);
  const order = exact.map(([, x], i) => [i, x - Math.floor(x)] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i] of order) {
    if (left-- <= 0) break;
    counts[i][1]++;
  }
  return counts;
}

/** The staff an institution has today, by occupation: one director, a few managers, social workers, the rest mixed. */
function activeOccupations(dice: Dice, inst: DemoInstitutionRef): Occupation[] {
  const size = staffSize(dice, inst);
  const managers = Math.max(1, Math.round(size * 0.03));
  const social = socialWorkers(inst, size);
  const rest = apportion(Math.max(0, size - 1 - managers - social), MIX[inst.type]);
  return [
    Occupation.DIRECTOR,
    ...Array<Occupation>(managers).fill(Occupation.MANAGER),
    ...Array<Occupation>(social).fill(Occupation.SOCIAL_WORKER),
    ...rest.flatMap(([occupation, n]) => Array<Occupation>(n).fill(occupation)),
  ];
}

const END_REASONS: [EndReason, number][] = [
  [EndReason.RESIGNED, 55],
  [EndReason.CONTRACT_ENDED, 22],
  [EndReason.DISMISSED, 5],
  [EndReason.TRANSFERRED, 4],
  [EndReason.OTHER, 6],
];

// ---- the generator ----

class Generator {
  readonly persons: DemoPerson[] = [];
  readonly employments: DemoEmployment[] = [];
  private readonly idPrefixes = new Set<string>();

  constructor(
    private readonly dice: Dice,
    private readonly institutions: DemoInstitutionRef[],
    private readonly today: string,
  ) {}

  private clamp(date: string): string {
    return minDate(date, this.today);
  }

  /** A new person for a job of `occupation` at an institution in `region`; returns their index. */
  person(occupation: Occupation, region: string, olderBy = 0): number {
    const { dice } = this;
    const profile = PROFILES[occupation];
    const sex = dice.chance(profile.female) ? Sex.FEMALE : Sex.MALE;
    const age = profile.age(dice) + olderBy;
    const birthDate = addDays(addYears(DEMO_WORKFORCE_ANCHOR, -age), -dice.int(0, 364));
    // Most were born in the district they work in; the rest came from across the municipality.
    const address = dice.chance(0.65) ? region : dice.pick(CHONGQING_CODES);
    let first17: string;
    do {
      // The last digit of the sequence is odd for men, even for women; sequences start at 001.
      const sequence = dice.int(0, 99) * 10 + dice.int(0, 4) * 2 + (sex === Sex.MALE ? 1 : 0) || 2;
      first17 = `${address}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
    } while (this.idPrefixes.has(first17));
    this.idPrefixes.add(first17);

    const surname = dice.weighted(SURNAMES);
    const pool = sex === Sex.FEMALE ? FEMALE_GIVEN : MALE_GIVEN;
    const given = dice.chance(0.72) ? dice.pick(pool) + dice.pick(pool) : dice.pick(pool);
    const phone = dice.chance(0.78)
      ? `${dice.pick(MOBILE_PREFIXES)}${String(dice.int(0, 99_999_999)).padStart(8, '0')}`
      : null;

    this.persons.push({
      idNumber: first17 + residentIdCheckChar(first17),
      name: surname + given,
      sex,
      birthDate,
      phone,
      education: dice.weighted(profile.education),
    });
    return this.persons.length - 1;
  }

  /** The first day this person may start this job: the later of 2015 and their school-leaving age. */
  private earliestStart(person: number, occupation: Occupation): string {
    return maxDate(EARLIEST_START, addYears(this.persons[person].birthDate, PROFILES[occupation].minStartAge));
  }

  add(e: Omit<DemoEmployment, 'team' | 'startDate' | 'endDate'> & { startDate: string; endDate?: string | null }) {
    const startDate = this.clamp(e.startDate);
    const endDate = e.endDate ? maxDate(this.clamp(e.endDate), startDate) : null;
    const employment: DemoEmployment = {
      ...e,
      team: TEAM_OF[e.occupation],
      startDate,
      endDate,
      endReason: endDate ? e.endReason : null,
    };
    this.employments.push(employment);
    return employment;
  }

  /** A job held today, started between 2015 and a few months ago. */
  active(person: number, inst: DemoInstitutionRef, occupation: Occupation, postType: PostType, from?: string) {
    const latest = addDays(DEMO_WORKFORCE_ANCHOR, LATEST_START_DAYS);
    const earliest = minDate(maxDate(from ?? EARLIEST_START, this.earliestStart(person, occupation)), latest);
    return this.add({
      person,
      institutionId: inst.id,
      occupation,
      postType,
      startDate: dayBetween(this.dice, earliest, latest, occupation === Occupation.CAREGIVER ? 1.6 : 1.2),
      endReason: null,
    });
  }

  /**
   * A job that ended (the end date is the first day no longer worked), by `endBy` or some days before the anchor.
   * Someone past retirement age may have retired instead, unless they transferred.
   */
  ended(person: number, inst: DemoInstitutionRef, occupation: Occupation, reason: EndReason, endBy?: string) {
    const { dice } = this;
    const lastEnd = endBy ?? addDays(DEMO_WORKFORCE_ANCHOR, -10);
    const latestStart = addDays(lastEnd, -60);
    const startDate = dayBetween(dice, minDate(this.earliestStart(person, occupation), latestStart), latestStart);
    const endDate = endBy ?? dayBetween(dice, addDays(startDate, 60), lastEnd);
    const age = (dayOf(endDate) - dayOf(this.persons[person].birthDate)) / 365.25;
    // Women in these jobs commonly retire from 50, men from 60.
    const retirementAge = this.persons[person].sex === Sex.FEMALE ? 50 : 60;
    const endReason =
      reason !== EndReason.TRANSFERRED && age >= retirementAge && dice.chance(0.6) ? EndReason.RETIRED : reason;
    const postType = occupation === Occupation.CAREGIVER && dice.chance(0.15) ? PostType.PART_TIME : PostType.FULL_TIME;
    return this.add({ person, institutionId: inst.id, occupation, postType, startDate, endDate, endReason });
  }

  run(): DemoWorkforce {
    const { dice, institutions } = this;
    const activeJobs: DemoEmployment[] = [];

    for (const inst of institutions) {
      const occupations = activeOccupations(dice, inst);
      for (const occupation of occupations) {
        const partTimeShare =
          occupation !== Occupation.CAREGIVER ? 0.03 : inst.type === InstitutionType.HOME_CARE_PROVIDER ? 0.35 : 0.08;
        const postType =
          occupation === Occupation.DIRECTOR || !dice.chance(partTimeShare) ? PostType.FULL_TIME : PostType.PART_TIME;
        const person = this.person(occupation, inst.regionCode);
        activeJobs.push(this.active(person, inst, occupation, postType));
      }

      // People who left, about a tenth of all jobs: caregivers turn over most.
      const leavers = Math.round(occupations.length * 0.115);
      const mix: [Occupation, number][] = [...MIX[inst.type], [Occupation.SOCIAL_WORKER, 4], [Occupation.MANAGER, 3]];
      for (let i = 0; i < leavers; i++) {
        const occupation = dice.weighted(mix);
        this.ended(this.person(occupation, inst.regionCode), inst, occupation, dice.weighted(END_REASONS));
      }
    }

    // Some directors took over from one who retired.
    for (const job of activeJobs.filter((e) => e.occupation === Occupation.DIRECTOR)) {
      if (!dice.chance(0.4) || job.startDate < '2017-01-01') continue;
      const inst = institutions.find((i) => i.id === job.institutionId)!;
      const previous = this.person(Occupation.DIRECTOR, inst.regionCode, 8);
      this.ended(previous, inst, Occupation.DIRECTOR, EndReason.RETIRED, job.startDate);
    }

    // Transfers: a few current staff came from another demo institution (an end there, a start here later).
    const movers = activeJobs.filter(
      (e) =>
        (e.occupation === Occupation.CAREGIVER || e.occupation === Occupation.NURSE) &&
        e.startDate >= '2019-01-01' &&
        e.endReason === null,
    );
    const transferred = new Set<number>();
    for (let i = 0; i < 4 && movers.length > 0; i++) {
      const job = movers[dice.int(0, movers.length - 1)];
      if (transferred.has(job.person)) continue;
      transferred.add(job.person);
      const from = dice.pick(institutions.filter((inst) => inst.id !== job.institutionId));
      const endDate = addDays(job.startDate, -dice.int(1, 45));
      if (endDate <= addDays(this.earliestStart(job.person, job.occupation), 120)) continue;
      this.ended(job.person, from, job.occupation, EndReason.TRANSFERRED, endDate);
    }

    // Second jobs held at the same time, by about one person in twenty: part-time, or in another occupation.
    const wanted = Math.round(this.persons.length * 0.05);
    const taken = new Set<number>(transferred);
    const candidates = activeJobs.filter((e) => e.occupation !== Occupation.DIRECTOR);
    for (let tries = 0; taken.size - transferred.size < wanted && tries < wanted * 20; tries++) {
      const job = candidates[dice.int(0, candidates.length - 1)];
      if (taken.has(job.person)) continue;
      const home = institutions.find((i) => i.id === job.institutionId)!;
      const second = this.secondJob(job, home);
      if (!second) continue;
      taken.add(job.person);
      this.active(job.person, second.inst, second.occupation, second.postType, addDays(job.startDate, 30));
    }

    return { persons: this.persons, employments: this.employments };
  }

  /** Where and as what someone moonlights: nearby if possible. */
  private secondJob(job: DemoEmployment, home: DemoInstitutionRef) {
    const { dice, institutions } = this;
    const others = institutions.filter((i) => i.id !== home.id);
    const near = others.filter((i) => i.regionCode === home.regionCode);
    const ofType = (...types: InstitutionType[]) => others.filter((i) => types.includes(i.type));
    const choose = (list: DemoInstitutionRef[]) => (list.length ? dice.pick(list) : null);
    switch (job.occupation) {
      case Occupation.SOCIAL_WORKER: {
        // Social-work organisations station their social workers part-time in care homes.
        const inst = choose(ofType(InstitutionType.CARE_HOME));
        return inst && { inst, occupation: Occupation.SOCIAL_WORKER, postType: PostType.PART_TIME };
      }
      case Occupation.CAREGIVER: {
        if (dice.chance(0.25)) {
          // A senior caregiver who also assesses older adults' capability at a community centre.
          const inst = choose(ofType(InstitutionType.COMMUNITY_CENTER));
          return inst && { inst, occupation: Occupation.CAPABILITY_ASSESSOR, postType: PostType.PART_TIME };
        }
        const inst = choose(near.length && dice.chance(0.6) ? near : ofType(InstitutionType.HOME_CARE_PROVIDER));
        return inst && { inst, occupation: Occupation.CAREGIVER, postType: PostType.PART_TIME };
      }
      case Occupation.MANAGER:
        return null;
      default: {
        // Nurses, doctors, therapists and dietitians serve a community centre or home-care provider part-time.
        const inst = choose(
          near.length && dice.chance(0.5)
            ? near
            : ofType(InstitutionType.COMMUNITY_CENTER, InstitutionType.HOME_CARE_PROVIDER),
        );
        return inst && { inst, occupation: job.occupation, postType: PostType.PART_TIME };
      }
    }
  }
}

/**
 * The demo workforce for these institutions (in this order), as of `today` (YYYY-MM-DD, Asia/Shanghai): about
 * 3,000 people with resident ID numbers that pass the checksum, and their jobs.
 */
export function generateDemoWorkforce(
  institutions: DemoInstitutionRef[],
  today: string,
  seed: number = DEFAULT_SEED,
): DemoWorkforce {
  return new Generator(Dice.seeded(seed), institutions, today).run();
}

const CHUNK = 1_000;

/**
 * Writes the workforce with the stored forms the service uses (hash, ciphertext and mask of ID numbers and phones),
 * in a few bulk statements of at most 1,000 rows each. Returns how many persons and employments were written.
 */
export async function insertDemoWorkforce(
  em: EntityManager,
  pii: PiiCipher,
  workforce: DemoWorkforce,
): Promise<{ persons: number; employments: number }> {
  const ids: string[] = [];
  for (let from = 0; from < workforce.persons.length; from += CHUNK) {
    const chunk = workforce.persons.slice(from, from + CHUNK);
    const byHash = await insertPersonRows(em, pii, chunk);
    for (const p of chunk) ids.push(byHash.get(pii.lookupHash(p.idNumber))!);
  }

  for (let from = 0; from < workforce.employments.length; from += CHUNK) {
    const chunk = workforce.employments.slice(from, from + CHUNK);
    await em.query(
      `INSERT INTO employment (person_id, institution_id, occupation, team, post_type, start_date, end_date, end_reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::occupation[], $4::team[], $5::post_type[], $6::date[],
                            $7::date[], $8::end_reason[])`,
      [
        chunk.map((e) => ids[e.person]),
        chunk.map((e) => e.institutionId),
        chunk.map((e) => e.occupation),
        chunk.map((e) => e.team),
        chunk.map((e) => e.postType),
        chunk.map((e) => e.startDate),
        chunk.map((e) => e.endDate),
        chunk.map((e) => e.endReason),
      ],
    );
  }
  return { persons: workforce.persons.length, employments: workforce.employments.length };
}
