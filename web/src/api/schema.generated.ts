export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  /** An amount in yuan: a decimal string with two decimals, e.g. "1234.50". */
  Money: { input: string; output: string; }
};

/** OLDER_ADULTS: each region’s latest 60+ population figure; HEADCOUNT: today’s headcount by primary job; CARE_HOME_BEDS: the licensed beds of its care homes. */
export type ApportionBasis =
  | 'CARE_HOME_BEDS'
  | 'HEADCOUNT'
  | 'OLDER_ADULTS';

export type ApportionTargetInput = {
  basis: ApportionBasis;
  /** True: return the figures, write nothing (a preview). */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** A count metric: TALENT_HEADCOUNT or TRAINING_PERSON_SESSIONS. */
  metric: TargetMetric;
  /** The year of the city-wide target to share out (2000-2100). */
  year: Scalars['Int']['input'];
};

/** One attendee of a session. */
export type AttendanceInput = {
  /** Whether the attendee completed the session (only completed attendances count). */
  completed: Scalars['Boolean']['input'];
  /** Resident ID number (GB 11643-1999), 18 characters. */
  idNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type AuditEventFilter = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Events by the account with this username (any case). */
  actorUsername?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  recordId?: InputMaybe<Scalars['String']['input']>;
  recordType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One certificate of a batch; the holder is found (or created) by ID number. */
export type CertificateInput = {
  certificateNumber: Scalars['String']['input'];
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  idNumber: Scalars['String']['input'];
  issuedOn: Scalars['Date']['input'];
  kind: CertificateKind;
  /** Required except for PROFESSIONAL_LICENSE, which has none. */
  level?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  /** PROFESSIONAL_LICENSE only, and required there. */
  profession?: InputMaybe<Profession>;
};

export type CertificateKind =
  | 'CAPABILITY_ASSESSOR'
  | 'NURSING_ASSISTANT_SKILL'
  | 'PROFESSIONAL_LICENSE'
  | 'SOCIAL_WORK';

/** Who stands behind a certificate: the body that issued it, or only the employer that typed it in. */
export type CertificateSource =
  /** Recorded by the employing institution from a certificate issued outside the portal (the national social-work exam, a nurse or doctor licence): the issuer name is as the employer typed it, and the issuer has not confirmed it. */
  | 'EMPLOYER_RECORDED'
  /** Issued through the portal by a filed (备案) evaluation body, college or training provider: the issuer itself submitted it, so the portal vouches for it. */
  | 'EVALUATION_BODY';

/** Derived on a date. */
export type CertificateStatus =
  | 'EXPIRED'
  | 'REVOKED'
  | 'VALID';

/** Every condition given must hold. */
export type CertificatesIssuedFilter = {
  /** Issued on or after this day. */
  issuedFrom?: InputMaybe<Scalars['Date']['input']>;
  /** Issued on or before this day. */
  issuedTo?: InputMaybe<Scalars['Date']['input']>;
  /** A municipal planner: one body’s certificates (default: every body’s). A body: only its own id. */
  issuingBodyId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<CertificateKind>;
  /** The certificate number starts with this (letter case ignored), or the holder’s name does. */
  numberOrName?: InputMaybe<Scalars['String']['input']>;
  /** The status today (Asia/Shanghai). */
  status?: InputMaybe<CertificateStatus>;
};

export type CollegeMajor =
  | 'ELDER_CARE_MANAGEMENT'
  | 'ELDER_CARE_SERVICES'
  | 'ELDER_NUTRITION'
  | 'ELDER_PRODUCTS'
  | 'ELDER_SOCIAL_WORK'
  | 'REHABILITATION_NURSING';

export type CollegeProgramYearFilter = {
  /** One college (a college account: only its own). */
  collegeId?: InputMaybe<Scalars['ID']['input']>;
  /** The (graduation) year. */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** The corrected certificate: a new number (the old one stays on the holder’s paper certificate and answers REVOKED with the new number) and the fields to change; a field left out is kept, expiresOn null removes the expiry. The holder and the kind never change: a certificate issued to the wrong person or of the wrong kind is revoked and submitted again. */
export type CorrectCertificateInput = {
  /** Required, and new: unused for this kind. */
  certificateNumber: Scalars['String']['input'];
  /** Null: the corrected certificate does not expire. */
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  /** 1 is the highest; none for a PROFESSIONAL_LICENSE. */
  level?: InputMaybe<Scalars['Int']['input']>;
  /** PROFESSIONAL_LICENSE only. */
  profession?: InputMaybe<Profession>;
};

/** The corrected dates of an employment; a field left out is kept. endDate null reopens the employment (its end reason goes with it); a new endDate on an open one needs an endReason. */
export type CorrectEmploymentInput = {
  /** Exclusive: the first day not worked. Null: still employed. */
  endDate?: InputMaybe<Scalars['Date']['input']>;
  endReason?: InputMaybe<EndReason>;
  /** As at registration: not in the future, nor before 16. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
};

/** Fields to correct; a field left out is kept, phone or education null removes it. */
export type CorrectPersonInput = {
  education?: InputMaybe<Education>;
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type CreateRewardInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1-100 characters, unique. */
  name: Scalars['String']['input'];
  pointsCost: Scalars['Int']['input'];
  stock: Scalars['Int']['input'];
};

export type CreateTrainingSessionInput = {
  audience: TrainingAudience;
  /** 1-10000. */
  capacity: Scalars['Int']['input'];
  /** On or after startDate; at most two years from today. */
  endDate: Scalars['Date']['input'];
  /** More than 0, at most 2000, at most one decimal. */
  hours: Scalars['Float']['input'];
  /** A district or county. */
  regionCode: Scalars['String']['input'];
  /** Within the provider's filing; 2000-01-01 to two years from today. */
  startDate: Scalars['Date']['input'];
  /** 1-200 characters. */
  title: Scalars['String']['input'];
};

export type CreateUserInput = {
  /** Required for EVALUATION_BODY, refused otherwise. */
  evaluationBodyId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for INSTITUTION_ADMIN, refused otherwise. */
  institutionId?: InputMaybe<Scalars['ID']['input']>;
  /** 8-128 characters. */
  password: Scalars['String']['input'];
  /** Required for DISTRICT_PLANNER, refused otherwise. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  role: Role;
  /** 3-64 characters: lower-case letters, digits, dot, dash, underscore. */
  username: Scalars['String']['input'];
};

/** TIME is in minutes; POINTS are whole points. */
export type Currency =
  | 'POINTS'
  | 'TIME';

export type Education =
  | 'BACHELOR'
  | 'JUNIOR_COLLEGE'
  | 'JUNIOR_SECONDARY'
  | 'MASTER_OR_ABOVE'
  | 'PRIMARY_OR_BELOW'
  | 'SENIOR_SECONDARY'
  | 'VOCATIONAL_SECONDARY';

export type EndReason =
  | 'CONTRACT_ENDED'
  | 'DECEASED'
  | 'DISMISSED'
  | 'OTHER'
  | 'RESIGNED'
  | 'RETIRED'
  | 'TRANSFERRED';

export type EntryKind =
  | 'CAP_OVERFLOW'
  | 'DONATION'
  | 'EARN'
  | 'POOL_GRANT'
  | 'REDEMPTION'
  | 'REDEMPTION_REFUND'
  | 'REVERSAL'
  | 'REWARD'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT';

export type EvaluationBodyFilter = {
  /** Filed to issue this kind. */
  certificateKind?: InputMaybe<CertificateKind>;
  kind?: InputMaybe<EvaluationBodyKind>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
};

export type EvaluationBodyKind =
  | 'CARE_INSTITUTION'
  | 'INDUSTRY_ASSOCIATION'
  | 'TECHNICAL_SCHOOL'
  | 'TRAINING_PROVIDER'
  | 'VOCATIONAL_COLLEGE';

export type FundAllocationFilter = {
  purpose?: InputMaybe<FundPurpose>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<FundSource>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type FundPurpose =
  | 'OTHER'
  | 'RECRUITMENT'
  | 'SUBSIDY'
  | 'TRAINING';

/** Lottery public-welfare money (municipal or district), fiscal budget, social or charity money. */
export type FundSource =
  | 'CHARITY'
  | 'FISCAL'
  | 'LOTTERY_WELFARE_DISTRICT'
  | 'LOTTERY_WELFARE_MUNICIPAL'
  | 'SOCIAL';

export type GrantFromPoolInput = {
  idempotencyKey: Scalars['String']['input'];
  /** Whole minutes > 0. */
  minutes: Scalars['Int']['input'];
  /** Why (e.g. a key empty-nest elder); 1-500 characters, kept on the journal. */
  reason: Scalars['String']['input'];
  volunteerId: Scalars['ID']['input'];
};

export type InstitutionFilter = {
  /** Part of the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<InstitutionType>;
  zoneCode?: InputMaybe<Scalars['String']['input']>;
};

export type InstitutionType =
  | 'CARE_HOME'
  | 'COMMUNITY_CENTER'
  | 'HOME_CARE_PROVIDER'
  | 'HOSPITAL_CARE_UNIT'
  | 'OTHER'
  | 'SOCIAL_WORK_ORG';

export type JournalKind =
  | 'DONATION'
  | 'POOL_GRANT'
  | 'REDEMPTION'
  | 'REDEMPTION_REFUND'
  | 'REVERSAL'
  | 'REWARD'
  | 'SERVICE_CREDIT'
  | 'TRANSFER';

export type LogServiceInput = {
  category: ServiceCategory;
  /** Where the service happened; an institution admin may omit it. */
  institutionId?: InputMaybe<Scalars['ID']['input']>;
  /** 1-1440. */
  minutes: Scalars['Int']['input'];
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Not in the future, nor older than the log window (90 days by default). */
  serviceDate: Scalars['Date']['input'];
  /** Required for an institution admin; a volunteer omits it. */
  volunteerId?: InputMaybe<Scalars['ID']['input']>;
};

/** An elder-care occupation; each belongs to one team. */
export type Occupation =
  | 'CAPABILITY_ASSESSOR'
  | 'CAREGIVER'
  | 'DIRECTOR'
  | 'MANAGER'
  | 'MEDICAL'
  | 'NURSE'
  | 'NUTRITION'
  | 'PSYCHOLOGICAL_COUNSELOR'
  | 'REHABILITATION'
  | 'SOCIAL_WORKER';

export type Ownership =
  | 'PRIVATE_FOR_PROFIT'
  | 'PRIVATE_NON_PROFIT'
  | 'PUBLIC_BUILT_PRIVATE_RUN'
  | 'PUBLIC_INSTITUTION';

/** Every condition on employments holds for one and the same employment. */
export type PeopleFilter = {
  /** Employed on this date (start <= date < end). */
  activeOn?: InputMaybe<Scalars['Date']['input']>;
  /** Holds a certificate of this kind valid on activeOn (default today). */
  certificateKind?: InputMaybe<CertificateKind>;
  institutionId?: InputMaybe<Scalars['ID']['input']>;
  /** Holds a valid certificate of certificateKind (default NURSING_ASSISTANT_SKILL) at this level or higher (1 is the highest: 3 means levels 3, 2 or 1). */
  minSkillLevel?: InputMaybe<Scalars['Int']['input']>;
  /** The name starts with this. */
  namePrefix?: InputMaybe<Scalars['String']['input']>;
  occupation?: InputMaybe<Occupation>;
  /** Employed at an institution in this district or county (or zone). */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  team?: InputMaybe<Team>;
};

/** Where a population figure comes from, so an estimate is never shown as a census number. */
export type PopulationBasis =
  | 'CENSUS'
  | 'DEMO_ESTIMATE'
  | 'OFFICIAL_ESTIMATE';

export type PostType =
  | 'FULL_TIME'
  | 'PART_TIME';

/** The profession of a PROFESSIONAL_LICENSE. */
export type Profession =
  | 'COUNSELOR'
  | 'DIETITIAN'
  | 'DOCTOR'
  | 'NURSE'
  | 'THERAPIST';

export type RecordCollegeProgramYearInput = {
  /** >= 0. */
  enrolled: Scalars['Int']['input'];
  /** >= 0. */
  graduated: Scalars['Int']['input'];
  /** >= 0 and at most graduated. */
  graduatesEnteringElderCare: Scalars['Int']['input'];
  major: CollegeMajor;
  /** 2000 to five years from now. */
  year: Scalars['Int']['input'];
};

/** A qualification a staff member holds from outside the portal. */
export type RecordExternalCertificateInput = {
  certificateNumber: Scalars['String']['input'];
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  issuedOn: Scalars['Date']['input'];
  /** The issuer as written on the certificate. */
  issuerName: Scalars['String']['input'];
  kind: CertificateKind;
  level?: InputMaybe<Scalars['Int']['input']>;
  /** A person employed at your institution. */
  personId: Scalars['ID']['input'];
  profession?: InputMaybe<Profession>;
};

export type RecordFundAllocationInput = {
  /** Yuan, more than 0, at most two decimals: "1234.50". */
  amount: Scalars['Money']['input'];
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  purpose: FundPurpose;
  /** A district or county; omit for money spent city-wide. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  source: FundSource;
  /** 2000-2100. */
  year: Scalars['Int']['input'];
};

export type RedeemPointsInput = {
  idempotencyKey: Scalars['String']['input'];
  /** 1-100. */
  quantity: Scalars['Int']['input'];
  rewardId: Scalars['ID']['input'];
};

export type RedeemTimeInput = {
  /** A registered relative aged 60+; omit for care of yourself. */
  beneficiaryRelativeId?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey: Scalars['String']['input'];
  /** The institution that will give the care (a service site). */
  institutionId: Scalars['ID']['input'];
  /** Whole minutes > 0. */
  minutes: Scalars['Int']['input'];
};

/** PENDING until the institution confirms the care (COMPLETED) or cancels it (the minutes are refunded). */
export type RedemptionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PENDING';

export type RegionKind =
  | 'AUTONOMOUS_COUNTY'
  | 'COUNTY'
  | 'DISTRICT'
  | 'FUNCTIONAL_ZONE';

export type RegisterEvaluationBodyInput = {
  certificateKinds: Array<CertificateKind>;
  creditCode: Scalars['String']['input'];
  filedFrom: Scalars['Date']['input'];
  filedTo: Scalars['Date']['input'];
  filingNumber: Scalars['String']['input'];
  kind: EvaluationBodyKind;
  mayTrain?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  /** A district or county. */
  regionCode: Scalars['String']['input'];
};

export type RegisterInstitutionInput = {
  /** Care homes only; default 0. */
  beds?: InputMaybe<Scalars['Int']['input']>;
  creditCode: Scalars['String']['input'];
  hasSocialWorkDepartment?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  ownership: Ownership;
  regionCode: Scalars['String']['input'];
  type: InstitutionType;
  zoneCode?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterRelativeInput = {
  idNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
  relationship: Relationship;
};

export type RegisterStaffInput = {
  education?: InputMaybe<Education>;
  /** Resident ID number (GB 11643-1999), 18 characters. */
  idNumber: Scalars['String']['input'];
  institutionId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  occupation: Occupation;
  phone?: InputMaybe<Scalars['String']['input']>;
  postType: PostType;
  /** Not in the future, nor before the person turned 16. */
  startDate: Scalars['Date']['input'];
};

export type RegisterVolunteerInput = {
  /** Resident ID number (18 characters). */
  idNumber: Scalars['String']['input'];
  /** The name on the ID card. */
  name: Scalars['String']['input'];
  /** 8-128 characters. */
  password: Scalars['String']['input'];
  /** Mobile number; required for a public sign-up, optional when an institution admin signs someone up. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** District or county of residence; an institution admin may omit it (their institution’s region). */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  /** 3-64 characters: letters, digits, dot, dash, underscore. */
  username: Scalars['String']['input'];
};

/** A direct relative of a volunteer. */
export type Relationship =
  | 'CHILD'
  | 'GRANDCHILD'
  | 'GRANDPARENT'
  | 'PARENT'
  | 'SIBLING'
  | 'SPOUSE';

/** PENDING until an institution admin hands the reward over (COLLECTED); CANCELLED when the purchase is reversed. */
export type RewardRedemptionStatus =
  | 'CANCELLED'
  | 'COLLECTED'
  | 'PENDING';

/** One role per account; see DESIGN.md access table. */
export type Role =
  | 'ADMIN'
  | 'DISTRICT_PLANNER'
  | 'EVALUATION_BODY'
  | 'INSTITUTION_ADMIN'
  | 'MUNICIPAL_PLANNER'
  | 'VOLUNTEER';

export type ServiceCategory =
  | 'COMPANIONSHIP'
  | 'DIGITAL_HELP'
  | 'ERRANDS_AND_ESCORT'
  | 'HEALTH_EDUCATION'
  | 'LEGAL_AID'
  | 'OTHER'
  | 'RECREATION'
  | 'SAFETY_VISIT';

export type ServiceRecordFilter = {
  status?: InputMaybe<ServiceStatus>;
  /** For an institution admin: one volunteer. */
  volunteerId?: InputMaybe<Scalars['ID']['input']>;
};

/** LOGGED until the institution where the service happened verifies or rejects it, once. */
export type ServiceStatus =
  | 'LOGGED'
  | 'REJECTED'
  | 'VERIFIED';

export type SetRegionPopulationInput = {
  olderAdults: Scalars['Int']['input'];
  /** Default OFFICIAL_ESTIMATE. */
  olderAdultsBasis?: InputMaybe<PopulationBasis>;
  regionCode: Scalars['String']['input'];
  total: Scalars['Int']['input'];
  /** Default OFFICIAL_ESTIMATE. */
  totalBasis?: InputMaybe<PopulationBasis>;
  year: Scalars['Int']['input'];
};

export type SetTargetInput = {
  metric: TargetMetric;
  /** A district or county; omit for a city-wide target. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  /** Greater than 0; ratio metrics at most 100. */
  value: Scalars['Float']['input'];
  /** 2000-2100. */
  year: Scalars['Int']['input'];
};

/** Derived from the resident ID number. */
export type Sex =
  | 'FEMALE'
  | 'MALE';

export type SystemAccount =
  | 'ISSUANCE'
  | 'PUBLIC_POOL'
  | 'REDEMPTIONS'
  | 'REWARDS';

export type TargetMetric =
  | 'SOCIAL_WORKERS_PER_100_BEDS'
  | 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS'
  | 'TALENT_HEADCOUNT'
  | 'TRAINING_PERSON_SESSIONS';

/** CARE, PROFESSIONAL_TECHNICAL or MANAGEMENT. */
export type Team =
  | 'CARE'
  | 'MANAGEMENT'
  | 'PROFESSIONAL_TECHNICAL';

export type TrainingAudience =
  | 'CAPABILITY_ASSESSOR'
  | 'CAREGIVER'
  | 'DIRECTOR'
  | 'OTHER'
  | 'SOCIAL_WORKER';

export type TrainingSessionFilter = {
  audience?: InputMaybe<TrainingAudience>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  /** Sessions ending in this year (as they are counted). */
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type TransferCreditsInput = {
  /** Chosen by the client, 1-100 characters; a retry with the same key returns the first result. */
  idempotencyKey: Scalars['String']['input'];
  /** Whole minutes > 0. */
  minutes: Scalars['Int']['input'];
  /** …or true to donate to the public pool (exactly one). */
  toPublicPool?: InputMaybe<Scalars['Boolean']['input']>;
  /** A registered relative who has an account… */
  toRelativeId?: InputMaybe<Scalars['ID']['input']>;
};

/** Fields to change. An institution admin may change only beds and hasSocialWorkDepartment. */
export type UpdateInstitutionInput = {
  beds?: InputMaybe<Scalars['Int']['input']>;
  creditCode?: InputMaybe<Scalars['String']['input']>;
  hasSocialWorkDepartment?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  ownership?: InputMaybe<Ownership>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<InstitutionType>;
  /** null removes the zone. */
  zoneCode?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateRewardInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  pointsCost?: InputMaybe<Scalars['Int']['input']>;
  /** The new stock (not an increment). */
  stock?: InputMaybe<Scalars['Int']['input']>;
};

export type UserFilter = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  institutionId?: InputMaybe<Scalars['ID']['input']>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<Role>;
  /** Usernames starting with this. */
  usernamePrefix?: InputMaybe<Scalars['String']['input']>;
};

export type VolunteerFilter = {
  /** Names starting with this (1-50 characters). */
  namePrefix?: InputMaybe<Scalars['String']['input']>;
  /** Volunteers living in this district or county (a district planner: its own, the default). */
  regionCode?: InputMaybe<Scalars['String']['input']>;
};

export type WorkforceForecastInput = {
  /** Share of staff leaving per year other than by retirement, 0-1 (default: measured). */
  annualAttritionRate?: InputMaybe<Scalars['Float']['input']>;
  /** Hires per month on top of the trend, into the care team. */
  extraHiresPerMonth?: InputMaybe<Scalars['Int']['input']>;
  /** College graduates entering elder care per year (default: the latest program year). */
  graduatesEnteringPerYear?: InputMaybe<Scalars['Int']['input']>;
  /** Forecast month by month to December of this year (this year to 30 years on). */
  horizonYear: Scalars['Int']['input'];
  /** A district or county; omit for the city. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  /** One retirement age for every woman, in whole years (40-80). Default: the statutory age of her birth month, 55 for women born before 1970, then one month more per four-month birth cohort up to 58 from September 1981 on. */
  retirementAgeFemale?: InputMaybe<Scalars['Int']['input']>;
  /** One retirement age for every man, in whole years (40-80). Default: the statutory age of his birth month, 60 for men born before 1965, then one month more per four-month birth cohort up to 63 from September 1976 on. */
  retirementAgeMale?: InputMaybe<Scalars['Int']['input']>;
  /** Share of trainees without a job who take one, 0-1 (default: measured). */
  traineeConversionRate?: InputMaybe<Scalars['Float']['input']>;
};
