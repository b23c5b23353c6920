import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { JournalEntity } from './journal.entity.js';
import { RewardEntity } from './reward.entity.js';
import { VolunteerEntity } from './volunteer.entity.js';
import { RewardRedemptionStatus } from './timebank.enums.js';

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
