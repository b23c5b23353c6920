import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { hashPassword } from '../auth/passwords.js';
import { todayInShanghai } from '../common/dates.js';
import { JsonLogger } from '../common/logger.js';
import { PiiCipher } from '../common/pii.js';
import { Role } from '../common/roles.js';
import { makeCreditCode } from '../common/validation/credit-code.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { InstitutionType, Ownership } from '../institutions/institution.enums.js';
import { insertDemoCertification } from './demo/certification.js';
import { generateDemoWorkforce, insertDemoWorkforce } from './demo/workforce.js';
import { insertDemoTimeBank } from './demo/timebank.js';

export const DEMO_PASSWORD = 'demo-password';

type DemoInstitution = [
  name: string,
  region: string,
  zone: string | null,
  type: InstitutionType,
  ownership: Ownership,
  beds: number | null,
  socialWork: boolean,
];

/** Demo institutions across several districts; the first is the one `institution-admin` runs. */
const DEMO_INSTITUTIONS: DemoInstitution[] = [
  ['万州区社会福利院', '500101', null, InstitutionType.CARE_HOME, Ownership.PUBLIC_INSTITUTION, 420, true],
  [
    '万州区高笋塘街道养老服务中心',
    '500101',
    null,
    InstitutionType.COMMUNITY_CENTER,
    Ownership.PUBLIC_BUILT_PRIVATE_RUN,
    null,
    false,
  ],
  ['万州康乐颐养院', '500101', null, InstitutionType.CARE_HOME, Ownership.PRIVATE_NON_PROFIT, 180, false],
  [
    '渝中区解放碑街道居家养老服务站',
    '500103',
    null,
    InstitutionType.HOME_CARE_PROVIDER,
    Ownership.PRIVATE_FOR_PROFIT,
    null,
    false,
  ],
  ['渝中区第一社会福利院', '500103', null, InstitutionType.CARE_HOME, Ownership.PUBLIC_INSTITUTION, 300, true],
  ['江北区观音桥养老院', '500105', null, InstitutionType.CARE_HOME, Ownership.PRIVATE_NON_PROFIT, 150, false],
  ['两江新区悦来颐养中心', '500112', 'Z01', InstitutionType.CARE_HOME, Ownership.PUBLIC_BUILT_PRIVATE_RUN, 260, true],
  ['渝北区社会工作服务中心', '500112', null, InstitutionType.SOCIAL_WORK_ORG, Ownership.PRIVATE_NON_PROFIT, null, true],
  [
    '沙坪坝区中心医院医养结合病区',
    '500106',
    null,
    InstitutionType.HOSPITAL_CARE_UNIT,
    Ownership.PUBLIC_INSTITUTION,
    null,
    false,
  ],
  [
    '九龙坡区高新区养老服务中心',
    '500107',
    'Z02',
    InstitutionType.COMMUNITY_CENTER,
    Ownership.PUBLIC_BUILT_PRIVATE_RUN,
    null,
    false,
  ],
  ['涪陵区福星养老院', '500102', null, InstitutionType.CARE_HOME, Ownership.PRIVATE_FOR_PROFIT, 96, false],
  ['万盛经开区敬老院', '500110', 'Z03', InstitutionType.CARE_HOME, Ownership.PUBLIC_INSTITUTION, 120, false],
];

/** A stable, valid credit code per demo institution: civil-affairs registration (5), private non-enterprise (2). */
const demoCreditCode = (region: string, n: number) => makeCreditCode(`52${region}MJ${String(n).padStart(7, '0')}`);

@Injectable()
export class SeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: JsonLogger,
    private readonly pii: PiiCipher,
  ) {}

  /** Loads the demo data into a database that has no accounts yet. Never in production. */
  async seedDemoIfEmpty(): Promise<boolean> {
    if (this.config.nodeEnv === 'production') return false;
    const started = Date.now();
    const seeded = await this.dataSource.transaction(async (em) => {
      // Two instances starting together on one database: one seeds, the other waits and then finds accounts.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['eldercare-demo-seed']);
      if ((await em.count(UserEntity)) > 0) return false;
      await this.seedDemo(em);
      return true;
    });
    if (seeded) this.logger.log({ msg: 'demo data loaded', ms: Date.now() - started }, 'Seed');
    return seeded;
  }

  private async seedDemo(em: EntityManager): Promise<void> {
    const institutions = DEMO_INSTITUTIONS.map(
      ([name, regionCode, zoneCode, type, ownership, beds, hasSocialWorkDepartment], i) =>
        em.create(InstitutionEntity, {
          name,
          creditCode: demoCreditCode(regionCode, i + 1),
          regionCode,
          zoneCode,
          type,
          ownership,
          beds,
          hasSocialWorkDepartment,
        }),
    );
    await em.insert(InstitutionEntity, institutions);
    // About 3,000 people with their jobs, the same on every install (dates clamped to today).
    await insertDemoWorkforce(em, this.pii, generateDemoWorkforce(institutions, todayInShanghai()));
    // Evaluation bodies, certificates, training and the college pipeline over that workforce.
    const collegeId = await insertDemoCertification(em, todayInShanghai());

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const base = { passwordHash, regionCode: null, institutionId: null, evaluationBodyId: null };
    await em.insert(UserEntity, [
      { ...base, username: 'admin', role: Role.ADMIN },
      { ...base, username: 'planner', role: Role.MUNICIPAL_PLANNER },
      { ...base, username: 'wanzhou-planner', role: Role.DISTRICT_PLANNER, regionCode: '500101' },
      { ...base, username: 'institution-admin', role: Role.INSTITUTION_ADMIN, institutionId: institutions[0].id },
      { ...base, username: 'college', role: Role.EVALUATION_BODY, evaluationBodyId: collegeId },
    ]);
    // Volunteers, their service and the ledger, verified by the demo institution's admin.
    const userIds = new Map(
      (await em.find(UserEntity, { select: { id: true, username: true } })).map((u) => [u.username, u.id]),
    );
    await insertDemoTimeBank(em, this.pii, this.config.timeBank, {
      today: todayInShanghai(),
      passwordHash,
      institutionIds: institutions.map((i) => i.id),
      verifierUserId: userIds.get('institution-admin')!,
      plannerUserId: userIds.get('planner')!,
    });
  }
}
