import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { EndReason, Occupation, PostType, Team } from './workforce.enums.js';
import { PersonEntity } from './person.entity.js';

/** A person's job at an institution. History is kept: a transfer ends one row and starts another. */
@Entity('employment')
// The same job never starts twice on one day: a retried registration finds this row instead.
@Index('employment_identity', ['personId', 'institutionId', 'occupation', 'startDate'], { unique: true })
// Who works where: counts of distinct people by institution (lists' totals, staff counts) read this index alone.
@Index('employment_institution', ['institutionId', 'personId', 'startDate', 'endDate', 'occupation'])
@Check('employment_end', '(end_date IS NULL) = (end_reason IS NULL) AND (end_date IS NULL OR end_date >= start_date)')
@Check(
  'employment_team',
  "team::text = CASE WHEN occupation = 'CAREGIVER' THEN 'CARE' " +
    "WHEN occupation IN ('DIRECTOR', 'MANAGER') THEN 'MANAGEMENT' ELSE 'PROFESSIONAL_TECHNICAL' END",
)
export class EmploymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: InstitutionEntity;

  @Column({ type: 'enum', enum: Occupation, enumName: 'occupation' })
  occupation: Occupation;

  @Column({ type: 'enum', enum: Team, enumName: 'team' })
  team: Team;

  @Column({ type: 'enum', enum: PostType, enumName: 'post_type' })
  postType: PostType;

  @Column({ type: 'date' })
  startDate: string;

  /** Exclusive: the first day the person no longer works there. */
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'enum', enum: EndReason, enumName: 'end_reason', nullable: true })
  endReason: EndReason | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
