import type { EntityManager } from 'typeorm';
import { Role } from '../../common/roles.js';
import { addDays, addYears } from '../../common/dates.js';
import type { PiiCipher } from '../../common/pii.js';
import { residentIdCheckChar } from '../../common/validation/resident-id.js';
import type { TimeBankRules } from '../../config/config.js';
import { Dice } from './random.js';
import { personColumns } from '../../workforce/persons.js';
import { insertPersonRows } from '../../workforce/persons.repository.js';
import { Sex } from '../../workforce/workforce.enums.js';
import {
  LedgerService,
  type JournalSpec,
  type LedgerLocks,
  movement,
  type PostingSpec,
  serviceCreditPostings,
  systemAccount,
  volunteerAccount,
} from '../../timebank/ledger.service.js';
import { CareRedemptionEntity } from '../../timebank/care-redemption.entity.js';
import { RelativeEntity } from '../../timebank/relative.entity.js';
import { RewardEntity } from '../../timebank/reward.entity.js';
import { RewardRedemptionEntity } from '../../timebank/reward-redemption.entity.js';
import { ServiceRecordEntity } from '../../timebank/service-record.entity.js';
import {
  Currency,
  EntryKind,
  JournalKind,
  RedemptionStatus,
  Relationship,
  RewardRedemptionStatus,
  ServiceCategory,
  ServiceStatus,
  SystemAccount,
} from '../../timebank/timebank.enums.js';
import { serviceCredit } from '../../timebank/timebank-rules.js';

export const DEMO_VOLUNTEER_USERNAME = 'volunteer';
/** The collection code of the demo volunteer's reward (fixed, so the README can show it). */
export const DEMO_REWARD_CODE = 'LSF562';

/** The catalogue: everyday goods and services, never cash. */
const REWARDS: [name: string, description: string, pointsCost: number, stock: number][] = [
  ['爱心毛巾', '纯棉毛巾一条', 20, 200],
  ['理发服务券', '社区理发店理发一次', 60, 100],
  ['食用油 5L', '非转基因菜籽油一桶', 150, 50],
  ['体检套餐券', '社区医院老年体检一次', 300, 20],
  ['老年大学课程', '老年大学兴趣课程一期', 500, 10],
];

const CATEGORIES = Object.values(ServiceCategory);
const REGIONS = ['500101', '500101', '500101', '500103', '500105', '500106', '500107', '500112', '500102', '500110'];
const SURNAMES = [...'王李张刘陈杨黄赵周吴徐孙马朱胡郭何罗高林谭冉向'];
const GIVEN = [...'秀英华玉兰芳建国志文明德福良淑琴桂凤光荣正平'];

/** A valid resident ID number for a demo person (sequence numbers 900-999 keep clear of other demo data). */
function demoId(address: string, birthDate: string, serial: number, sex: Sex): string {
  const seq = 900 + ((serial * 2) % 98) + (sex === Sex.MALE ? 1 : 0);
  const body = `${address}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** Shanghai 10:00 on a date (or now, if that is still to come), as the moment a demo journal was posted. */
const morningOf = (date: string) => new Date(Math.min(Date.parse(`${date}T10:00:00+08:00`), Date.now()));

interface DemoPersonRow {
  idNumber: string;
  name: string;
  birthDate: string;
  sex: Sex;
  phone: string | null;
  education: null;
}

/**
 * The demo time bank, the same for a given day: the `volunteer` account (62, in Wanzhou) with half a year of
 * service at the demo care home, a spouse who also volunteers and a mother of 88, a donation, a transfer, care
 * redeemed for the mother (one more still pending), rewards bought; about 120 other volunteers across the city
 * (mostly younger-old adults) with recent service; a small catalogue; a grant from the pool. Every movement is posted
 * through the ledger, so its guarantees hold for the demo data too.
 */
export async function insertDemoTimeBank(
  em: EntityManager,
  pii: PiiCipher,
  rules: TimeBankRules,
  ctx: {
    today: string;
    passwordHash: string;
    institutionIds: string[];
    verifierUserId: string;
    plannerUserId: string;
  },
): Promise<void> {
  const { next: random, int, pick } = Dice.seeded(0x7b_2026);
  const { today } = ctx;
  const ledger = new LedgerService();

  // ---- people ----
  const birth = (age: number, extraDays: number) => addDays(addYears(today, -age), -extraDays);
  const main: DemoPersonRow = {
    idNumber: demoId('500101', birth(62, 103), 1, Sex.FEMALE),
    name: '李淑芬',
    birthDate: birth(62, 103),
    sex: Sex.FEMALE,
    phone: '13908350062',
    education: null,
  };
  const spouse: DemoPersonRow = {
    idNumber: demoId('500101', birth(65, 40), 2, Sex.MALE),
    name: '张建国',
    birthDate: birth(65, 40),
    sex: Sex.MALE,
    phone: '13908350065',
    education: null,
  };
  const mother: DemoPersonRow = {
    idNumber: demoId('500101', birth(88, 200), 3, Sex.FEMALE),
    name: '陈玉兰',
    birthDate: birth(88, 200),
    sex: Sex.FEMALE,
    phone: null,
    education: null,
  };
  const others: (DemoPersonRow & { regionCode: string })[] = [];
  for (let i = 0; i < 120; i++) {
    // Mostly younger-old adults (60-69), as in the cities that run time banks; some younger, some older.
    const age = random() < 0.6 ? int(60, 69) : random() < 0.6 ? int(35, 59) : int(70, 78);
    const sex = random() < 0.6 ? Sex.FEMALE : Sex.MALE;
    const regionCode = pick(REGIONS);
    const birthDate = birth(age, int(0, 364));
    others.push({
      idNumber: demoId(regionCode, birthDate, 10 + i, sex),
      name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : ''),
      birthDate,
      sex,
      phone: `139${String(int(0, 99_999_999)).padStart(8, '0')}`,
      education: null,
      regionCode,
    });
  }
  // A demo staff member may already hold one of these numbers: move such a number to a free sequence.
  const people = [main, spouse, ...others];
  for (let round = 1; round <= 20; round++) {
    const taken: { h: string }[] = await em.query(
      'SELECT trim(id_number_hash) AS h FROM person WHERE id_number_hash = ANY($1)',
      [people.map((p) => pii.lookupHash(p.idNumber))],
    );
    if (taken.length === 0) break;
    const clash = new Set(taken.map((r) => r.h));
    people.forEach((p, i) => {
      if (clash.has(pii.lookupHash(p.idNumber))) {
        p.idNumber = demoId(p.idNumber.slice(0, 6), p.birthDate, i + 1 + round * 7, p.sex);
      }
    });
  }
  const byHash = await insertPersonRows(em, pii, people);
  const personId = (p: DemoPersonRow) => byHash.get(pii.lookupHash(p.idNumber))!;

  // ---- accounts and volunteers ----
  const volunteerRows = [
    { username: DEMO_VOLUNTEER_USERNAME, person: main, regionCode: '500101' },
    { username: 'volunteer-spouse', person: spouse, regionCode: '500101' },
    ...others.map((p, i) => ({
      username: `volunteer-${String(i + 1).padStart(3, '0')}`,
      person: p,
      regionCode: p.regionCode,
    })),
  ];
  const users: { id: string }[] = await em.query(
    `INSERT INTO app_user (username, password_hash, role)
     SELECT u, $2, $3 FROM unnest($1::varchar[]) AS u RETURNING id`,
    [volunteerRows.map((v) => v.username), ctx.passwordHash, Role.VOLUNTEER],
  );
  const volunteers: { id: string }[] = await em.query(
    `INSERT INTO volunteer (user_id, person_id, region_code)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[]) RETURNING id`,
    [users.map((u) => u.id), volunteerRows.map((v) => personId(v.person)), volunteerRows.map((v) => v.regionCode)],
  );
  await em.query(
    `INSERT INTO ledger_account (volunteer_id, currency)
     SELECT v, c::currency FROM unnest($1::uuid[]) AS v CROSS JOIN (VALUES ('TIME'), ('POINTS')) AS c(c)`,
    [volunteers.map((v) => v.id)],
  );
  const [me, husband] = volunteers.map((v) => v.id);
  const userOf = new Map(volunteers.map((v, i) => [v.id, users[i].id]));

  // Relatives are kept as declared (ID number and name), outside the registry; the mother is not in it.
  const relativeOf = (volunteerId: string, p: DemoPersonRow, relationship: Relationship) => {
    const ids = personColumns(pii, p.idNumber, null);
    return em.create(RelativeEntity, {
      volunteerId,
      idNumberHash: ids.idNumberHash,
      idNumberEncrypted: ids.idNumberEncrypted,
      idNumberMasked: ids.idNumberMasked,
      name: p.name,
      birthDate: p.birthDate,
      relationship,
    });
  };
  const motherRelative = relativeOf(me, mother, Relationship.PARENT);
  await em.insert(RelativeEntity, [
    relativeOf(me, spouse, Relationship.SPOUSE),
    motherRelative,
    relativeOf(husband, main, Relationship.SPOUSE),
  ]);

  const rewards = REWARDS.map(([name, description, pointsCost, stock]) =>
    em.create(RewardEntity, { name, description, pointsCost, stock, active: true }),
  );
  await em.insert(RewardEntity, rewards);

  // ---- history, oldest first, through the ledger ----
  const locks: LedgerLocks = await ledger.lockVolunteers(
    em,
    volunteers.map((v) => v.id),
  );
  await ledger.lockSystemAccounts(
    em,
    locks,
    [
      [SystemAccount.ISSUANCE, Currency.TIME],
      [SystemAccount.ISSUANCE, Currency.POINTS],
      [SystemAccount.PUBLIC_POOL, Currency.TIME],
      [SystemAccount.REDEMPTIONS, Currency.TIME],
      [SystemAccount.REWARDS, Currency.POINTS],
    ].map(([system, currency]) => ({ account: { system: system as SystemAccount, currency: currency as Currency } })),
  );
  const records: Partial<ServiceRecordEntity>[] = [];
  const countedOn = new Map<string, number>();
  const events: { date: string; run: () => Promise<void> }[] = [];

  const service = (
    volunteerId: string,
    institutionId: string,
    date: string,
    minutes: number,
    status: ServiceStatus,
  ) => {
    events.push({
      date,
      run: async () => {
        const base = {
          volunteerId,
          institutionId,
          category: pick(CATEGORIES),
          serviceDate: date,
          minutes,
          note: null,
          loggedBy: userOf.get(volunteerId)!,
          createdAt: morningOf(date),
        };
        if (status === ServiceStatus.LOGGED) {
          records.push({ ...base, status, decidedAt: null });
          return;
        }
        const decidedAt = morningOf(addDays(date, 1));
        if (status === ServiceStatus.REJECTED) {
          records.push({
            ...base,
            status,
            rejectReason: '当日未在服务点签到',
            decidedBy: ctx.verifierUserId,
            decidedAt,
          });
          return;
        }
        const key = `${volunteerId}:${date}`;
        const credit = serviceCredit(
          rules,
          minutes,
          countedOn.get(key) ?? 0,
          locks.balance(volunteerId, Currency.TIME),
        );
        countedOn.set(key, (countedOn.get(key) ?? 0) + minutes - credit.uncreditedMinutes);
        let journalId: string | null = null;
        if (credit.creditedMinutes > 0) {
          const journal = await ledger.post(
            em,
            locks,
            {
              kind: JournalKind.SERVICE_CREDIT,
              actorId: ctx.verifierUserId,
              note: null,
              at: decidedAt,
            },
            serviceCreditPostings(volunteerId, credit),
          );
          journalId = journal.id;
        }
        records.push({
          ...base,
          status,
          creditedMinutes: credit.creditedMinutes,
          uncreditedMinutes: credit.uncreditedMinutes,
          pointsAwarded: credit.points,
          journalId,
          decidedBy: ctx.verifierUserId,
          decidedAt,
        });
      },
    });
  };
  const post = (
    date: string,
    actor: string,
    kind: JournalKind,
    note: string | null,
    postings: PostingSpec[],
    after?: (id: string) => Promise<void>,
    extra: Partial<JournalSpec> = {},
  ) =>
    events.push({
      date,
      run: async () => {
        const spec = { kind, actorId: actor, note, at: morningOf(date), ...extra };
        const journal = await ledger.post(em, locks, spec, postings);
        await after?.(journal.id);
      },
    });

  // The demo volunteer: about two visits a week for 26 weeks at the demo care home (one long day over the cap).
  const [careHome, centre] = ctx.institutionIds;
  for (let week = 26; week >= 1; week--) {
    const date = addDays(today, -week * 7 + 1);
    service(me, careHome, date, week === 12 ? 540 : pick([90, 120, 120, 150, 180]), ServiceStatus.VERIFIED);
    if (week % 2 === 0)
      service(
        me,
        centre,
        addDays(date, 3),
        pick([60, 90, 120]),
        week === 8 ? ServiceStatus.REJECTED : ServiceStatus.VERIFIED,
      );
  }
  service(me, careHome, addDays(today, -2), 120, ServiceStatus.LOGGED);
  service(me, centre, addDays(today, -1), 90, ServiceStatus.LOGGED);
  // The spouse volunteers too, less often.
  for (let week = 20; week >= 2; week -= 3)
    service(husband, careHome, addDays(today, -week * 7 + 2), 120, ServiceStatus.VERIFIED);

  const pool = systemAccount(SystemAccount.PUBLIC_POOL);
  post(
    addDays(today, -120),
    userOf.get(me)!,
    JournalKind.DONATION,
    null,
    movement(volunteerAccount(me), pool, 60, EntryKind.DONATION),
  );
  post(
    addDays(today, -75),
    userOf.get(me)!,
    JournalKind.TRANSFER,
    null,
    movement(volunteerAccount(me), volunteerAccount(husband), 120, EntryKind.TRANSFER_OUT, EntryKind.TRANSFER_IN),
  );
  const redeem = (date: string, minutes: number, status: RedemptionStatus) =>
    post(
      date,
      userOf.get(me)!,
      JournalKind.REDEMPTION,
      null,
      movement(volunteerAccount(me), systemAccount(SystemAccount.REDEMPTIONS), minutes, EntryKind.REDEMPTION),
      async (journalId) => {
        await em.insert(CareRedemptionEntity, {
          volunteerId: me,
          relativeId: motherRelative.id,
          institutionId: careHome,
          minutes,
          status,
          journalId,
          decidedBy: status === RedemptionStatus.PENDING ? null : ctx.verifierUserId,
          decidedAt: status === RedemptionStatus.PENDING ? null : morningOf(addDays(date, 2)),
          createdAt: morningOf(date),
        });
      },
    );
  redeem(addDays(today, -40), 240, RedemptionStatus.COMPLETED);
  redeem(addDays(today, -3), 120, RedemptionStatus.PENDING);
  post(
    addDays(today, -30),
    userOf.get(me)!,
    JournalKind.REWARD,
    null,
    movement(
      volunteerAccount(me, Currency.POINTS),
      systemAccount(SystemAccount.REWARDS, Currency.POINTS),
      rewards[2].pointsCost,
      EntryKind.REWARD,
    ),
    // Still to be collected: the institution admin can hand it over with `collectReward(code: "LSF562")`.
    async (journalId) => {
      await em.insert(RewardRedemptionEntity, {
        volunteerId: me,
        rewardId: rewards[2].id,
        quantity: 1,
        points: rewards[2].pointsCost,
        journalId,
        code: DEMO_REWARD_CODE,
        status: RewardRedemptionStatus.PENDING,
        createdAt: morningOf(addDays(today, -30)),
      });
    },
    { rewardId: rewards[2].id, rewardQuantity: 1 },
  );

  // Everyone else: a few visits in the last four months at demo institutions.
  volunteers.slice(2).forEach((v, i) => {
    const visits = int(0, 6);
    for (let k = 0; k < visits; k++) {
      service(
        v.id,
        ctx.institutionIds[(i + k) % ctx.institutionIds.length],
        addDays(today, -int(1, 120)),
        pick([60, 90, 120, 180, 240]),
        random() < 0.08 ? ServiceStatus.REJECTED : ServiceStatus.VERIFIED,
      );
    }
  });
  // The pool helps one key empty-nest elder.
  post(
    addDays(today, -10),
    ctx.plannerUserId,
    JournalKind.POOL_GRANT,
    '空巢老人帮扶',
    movement(pool, volunteerAccount(volunteers[5].id), 30, EntryKind.POOL_GRANT),
  );

  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const event of events) await event.run();
  await em.update(RewardEntity, { id: rewards[2].id }, { stock: rewards[2].stock - 1 });
  for (let i = 0; i < records.length; i += 500) {
    await em.insert(ServiceRecordEntity, records.slice(i, i + 500) as ServiceRecordEntity[]);
  }
  // Each volunteer signed up the day before their first service or posting, so that figures as of a past date
  // (timeBankSummary(asOf)) see a history that hangs together.
  await em.query(
    `UPDATE volunteer v
        SET created_at = least(v.created_at,
                               (SELECT min(s.created_at) FROM service_record s WHERE s.volunteer_id = v.id) - interval '1 day',
                               (SELECT min(p.created_at) FROM posting p JOIN ledger_account a ON a.id = p.account_id
                                 WHERE a.volunteer_id = v.id) - interval '1 day')
      WHERE v.id = ANY($1::uuid[])`,
    [volunteers.map((v) => v.id)],
  );
}
