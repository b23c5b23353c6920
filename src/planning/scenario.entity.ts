import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';

/** A planner's named forecast input; saving the same name again replaces it. */
@Entity('scenario')
@Index('scenario_owner_name', ['ownerId', 'name'], { unique: true })
export class ScenarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The WorkforceForecastInput as given (normalised). */
  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;

  @UpdateDateColumn({ type: 'timestamptz' })
  savedAt: Date;
}
