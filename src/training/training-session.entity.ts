import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EvaluationBodyEntity } from '../certification/evaluation-body.entity.js';
import { RegionEntity } from '../regions/region.entity.js';
import { PersonEntity } from '../workforce/person.entity.js';
import { TrainingAudience } from './training.enums.js';

/** A training session run by a body filed to train. */
@Entity('training_session')
@Index('training_session_end', ['endDate', 'regionCode'])
@Index('training_session_provider', ['providerId', 'startDate'])
@Check('training_session_shape', 'end_date >= start_date AND hours > 0 AND capacity >= 1')
export class TrainingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => EvaluationBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: EvaluationBodyEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'enum', enum: TrainingAudience, enumName: 'training_audience' })
  audience: TrainingAudience;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'numeric', precision: 6, scale: 1 })
  hours: string;

  @Column({ type: 'int' })
  capacity: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One person at one session, completed or not. */
@Entity('attendance')
@Index('attendance_person', ['personId'])
// Progress counts completed attendances per session: this index answers that alone.
@Index('attendance_completed_session', ['sessionId'], { where: 'completed' })
export class AttendanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => TrainingSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: TrainingSessionEntity;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'boolean' })
  completed: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
