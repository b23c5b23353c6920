import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { JournalEntity } from './journal.entity.js';
import { VolunteerEntity } from './volunteer.entity.js';
import { ServiceCategory, ServiceStatus } from './timebank.enums.js';

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
