import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../common/roles.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { RegionEntity } from '../regions/region.entity.js';

@Entity('app_user')
// Each scoped role carries exactly the scope it needs, and only that.
@Check(
  'app_user_scope',
  `(role = 'DISTRICT_PLANNER') = (region_code IS NOT NULL)
   AND (role = 'INSTITUTION_ADMIN') = (institution_id IS NOT NULL)
   AND (role = 'EVALUATION_BODY') = (evaluation_body_id IS NOT NULL)`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('app_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Column({ type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: InstitutionEntity;

  /** The evaluation-body registry arrives with certification; until then the id is kept without a foreign key. */
  @Column({ type: 'uuid', nullable: true })
  evaluationBodyId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped on deactivation and password changes: tokens carrying an older version stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** Set by an admin's password reset: the temporary password only lets its holder choose a new one. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
