import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { JournalEntity } from './journal.entity.js';
import { RelativeEntity } from './relative.entity.js';
import { VolunteerEntity } from './volunteer.entity.js';
import { RedemptionStatus } from './timebank.enums.js';

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
