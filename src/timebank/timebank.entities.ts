import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { RegionEntity } from '../regions/region.entity.js';
import { PersonEntity } from '../workforce/person.entity.js';
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
} from './timebank.enums.js';

/** A VOLUNTEER account tied to one person; the region is where they live (for planners' figures and grants). */
@Entity('volunteer')
@Index('volunteer_user', ['userId'], { unique: true })
@Index('volunteer_person', ['personId'], { unique: true })
@Index('volunteer_region', ['regionCode'])
export class VolunteerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  /** The institution admin who signed them up on their behalf; null for a public sign-up. */
  @Column({ type: 'uuid', nullable: true })
  registeredBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A direct relative as a volunteer declared them: their ID number (encrypted, hashed, masked, as on a person) and
 * name, kept here and never written to the registry, so that a volunteer's word cannot create or claim a person. The
 * relative "has an account" when a volunteer's person has this ID number under this very name.
 */
@Entity('relative')
// A removed relative stays (history names them) but no longer blocks registering the same person again.
@Index('relative_identity', ['volunteerId', 'idNumberHash'], { unique: true, where: 'removed_at IS NULL' })
@Index('relative_id_number', ['idNumberHash'])
export class RelativeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'char', length: 64 })
  idNumberHash: string;

  @Column({ type: 'text' })
  idNumberEncrypted: string;

  @Column({ type: 'char', length: 18 })
  idNumberMasked: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** From the ID number: who may receive care paid in time depends on it. */
  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'enum', enum: Relationship, enumName: 'relationship' })
  relationship: Relationship;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set by `removeRelative`: no longer one of the volunteer's relatives, but the statement and redemptions keep the name. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}

/**
 * A ledger account with its stored balance, changed only together with the postings that explain it. Volunteer
 * accounts and every system account but ISSUANCE can never go negative: the database refuses it.
 */
@Entity('ledger_account')
@Index('ledger_account_volunteer', ['volunteerId', 'currency'], { unique: true })
@Index('ledger_account_system', ['systemAccount', 'currency'], { unique: true })
@Check('ledger_account_owner', '(volunteer_id IS NULL) <> (system_account IS NULL)')
@Check('ledger_account_not_negative', "balance >= 0 OR system_account IS NOT DISTINCT FROM 'ISSUANCE'")
export class LedgerAccountEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  volunteerId: string | null;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'enum', enum: SystemAccount, enumName: 'system_account', nullable: true })
  systemAccount: SystemAccount | null;

  @Column({ type: 'enum', enum: Currency, enumName: 'currency' })
  currency: Currency;

  @Column({ type: 'bigint', default: 0 })
  balance: string;

  // Flow totals of a volunteer's TIME account for the planners' summary, kept with the balance in the same
  // statement; a reversal line counts under the kind it mirrors, so a reversed journal nets out of them.

  /** TIME credited for service (EARN). */
  @Column({ type: 'bigint', default: 0 })
  earned: string;

  /** TIME redeemed for care, net of refunds. */
  @Column({ type: 'bigint', default: 0 })
  redeemed: string;

  /** TIME transferred to relatives. */
  @Column({ type: 'bigint', default: 0 })
  transferredOut: string;

  /** TIME granted from the public pool. */
  @Column({ type: 'bigint', default: 0 })
  granted: string;

  /** TIME put in the public pool: donations and storage-cap overflow. */
  @Column({ type: 'bigint', default: 0 })
  toPool: string;
}

/** A catalogue reward bought with POINTS; the stock never goes below zero. */
@Entity('reward')
@Index('reward_name', ['name'], { unique: true })
@Check('reward_shape', 'points_cost > 0 AND stock >= 0')
export class RewardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'int' })
  pointsCost: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One balanced movement of credits. Append-only (a trigger refuses UPDATE and DELETE); its postings sum to zero per
 * currency (a deferred trigger checks at commit). A correction is a reversing journal, at most one per journal.
 */
@Entity('journal')
@Index('journal_idempotency', ['actorId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('journal_reverses', ['reversesJournalId'], { unique: true, where: 'reverses_journal_id IS NOT NULL' })
@Check('journal_idempotency_hash', '(idempotency_key IS NULL) = (request_hash IS NULL)')
export class JournalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: JournalKind, enumName: 'journal_kind' })
  kind: JournalKind;

  /** The account that posted it. */
  @Column({ type: 'uuid' })
  actorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  /** Chosen by the client, unique per actor: a retry with the same key returns this journal. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the operation and its input: the same key with another request is a CONFLICT. */
  @Column({ type: 'char', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'bigint', nullable: true })
  reversesJournalId: string | null;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_journal_id' })
  reverses?: JournalEntity;

  @Column({ type: 'uuid', nullable: true })
  rewardId: string | null;

  @ManyToOne(() => RewardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id' })
  reward?: RewardEntity;

  @Column({ type: 'int', nullable: true })
  rewardQuantity: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One side of a journal on one account. Append-only, like its journal. */
@Entity('posting')
@Index('posting_journal', ['journalId'])
@Index('posting_account', ['accountId', 'id'])
@Check('posting_amount', 'amount <> 0')
export class PostingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  journalId: string;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: JournalEntity;

  @Column({ type: 'bigint' })
  accountId: string;

  @ManyToOne(() => LedgerAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: LedgerAccountEntity;

  /** The account's currency, kept here so the balance check per currency needs no join. */
  @Column({ type: 'enum', enum: Currency, enumName: 'currency' })
  currency: Currency;

  @Column({ type: 'enum', enum: EntryKind, enumName: 'entry_kind' })
  kind: EntryKind;

  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'bigint' })
  balanceAfter: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Service a volunteer did at an institution, credited once that institution verifies it. */
@Entity('service_record')
@Index('service_record_volunteer', ['volunteerId', 'serviceDate'])
// Statement lines find the service behind a credit by its journal.
@Index('service_record_journal', ['journalId'])
@Index('service_record_institution', ['institutionId', 'status', 'createdAt'])
@Check('service_record_minutes', 'minutes BETWEEN 1 AND 1440')
@Check(
  'service_record_decision',
  `(status = 'VERIFIED') = (credited_minutes IS NOT NULL AND uncredited_minutes IS NOT NULL AND points_awarded IS NOT NULL)
   AND (status = 'REJECTED') = (reject_reason IS NOT NULL)
   AND (status = 'LOGGED') = (decided_at IS NULL)`,
)
export class ServiceRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: InstitutionEntity;

  @Column({ type: 'enum', enum: ServiceCategory, enumName: 'service_category' })
  category: ServiceCategory;

  @Column({ type: 'date' })
  serviceDate: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'enum', enum: ServiceStatus, enumName: 'service_status', default: ServiceStatus.LOGGED })
  status: ServiceStatus;

  @Column({ type: 'int', nullable: true })
  creditedMinutes: number | null;

  @Column({ type: 'int', nullable: true })
  uncreditedMinutes: number | null;

  @Column({ type: 'int', nullable: true })
  pointsAwarded: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  /** The journal that credited it (none when nothing was creditable). */
  @Column({ type: 'bigint', nullable: true })
  journalId: string | null;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: JournalEntity;

  @Column({ type: 'uuid' })
  loggedBy: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Care paid for with TIME: debited at once, PENDING until the institution confirms or cancels (refunded). */
@Entity('care_redemption')
@Index('care_redemption_volunteer', ['volunteerId', 'createdAt'])
@Index('care_redemption_institution', ['institutionId', 'status', 'createdAt'])
@Index('care_redemption_journal', ['journalId'], { unique: true })
@Index('care_redemption_refund_journal', ['refundJournalId'], { unique: true })
@Check('care_redemption_minutes', 'minutes > 0')
@Check(
  'care_redemption_decision',
  `(status = 'CANCELLED') = (refund_journal_id IS NOT NULL AND cancel_reason IS NOT NULL)
   AND (status = 'PENDING') = (decided_at IS NULL)`,
)
export class CareRedemptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  /** The relative who receives the care; null when it is the volunteer. */
  @Column({ type: 'uuid', nullable: true })
  relativeId: string | null;

  @ManyToOne(() => RelativeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'relative_id' })
  relative?: RelativeEntity;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: InstitutionEntity;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'enum', enum: RedemptionStatus, enumName: 'redemption_status', default: RedemptionStatus.PENDING })
  status: RedemptionStatus;

  @Column({ type: 'bigint' })
  journalId: string;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: JournalEntity;

  @Column({ type: 'bigint', nullable: true })
  refundJournalId: string | null;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'refund_journal_id' })
  refundJournal?: JournalEntity;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Rewards bought with POINTS, waiting to be handed over: the volunteer shows the short collection code and an
 * institution admin marks it COLLECTED. Reversing the purchase's journal (before collection) CANCELS it.
 */
@Entity('reward_redemption')
@Index('reward_redemption_code', ['code'], { unique: true })
@Index('reward_redemption_journal', ['journalId'], { unique: true })
@Index('reward_redemption_volunteer', ['volunteerId', 'journalId'])
@Check('reward_redemption_quantity', 'quantity > 0 AND points > 0')
@Check(
  'reward_redemption_collection',
  `(status = 'COLLECTED') = (collected_at IS NOT NULL AND collected_by IS NOT NULL AND institution_id IS NOT NULL)`,
)
export class RewardRedemptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'uuid' })
  rewardId: string;

  @ManyToOne(() => RewardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id' })
  reward?: RewardEntity;

  @Column({ type: 'int' })
  quantity: number;

  /** POINTS paid. */
  @Column({ type: 'int' })
  points: number;

  /** The REWARD journal that paid for it. */
  @Column({ type: 'bigint' })
  journalId: string;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: JournalEntity;

  /** Shown by the volunteer at collection: unique, from an alphabet without look-alikes. */
  @Column({ type: 'varchar', length: 8 })
  code: string;

  @Column({
    type: 'enum',
    enum: RewardRedemptionStatus,
    enumName: 'reward_redemption_status',
    default: RewardRedemptionStatus.PENDING,
  })
  status: RewardRedemptionStatus;

  /** The institution whose admin handed it over. */
  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: InstitutionEntity;

  @Column({ type: 'uuid', nullable: true })
  collectedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  collectedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const TIMEBANK_ENTITIES = [
  VolunteerEntity,
  RelativeEntity,
  LedgerAccountEntity,
  JournalEntity,
  PostingEntity,
  ServiceRecordEntity,
  CareRedemptionEntity,
  RewardEntity,
  RewardRedemptionEntity,
];
