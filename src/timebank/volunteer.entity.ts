import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { RegionEntity } from '../regions/region.entity.js';
import { PersonEntity } from '../workforce/person.entity.js';

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
