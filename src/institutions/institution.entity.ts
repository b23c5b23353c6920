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
import { RegionEntity } from '../regions/region.entity.js';
import { InstitutionType, Ownership } from './institution.enums.js';

@Entity('institution')
@Index('institution_region_name', ['regionCode', 'name', 'id'])
// Licensed beds belong to care homes only; every care home has a (possibly zero) figure.
@Check('institution_beds', "(type = 'CARE_HOME' AND beds >= 0) OR (type <> 'CARE_HOME' AND beds IS NULL)")
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('institution_credit_code', { unique: true })
  @Column({ type: 'char', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'varchar', length: 6, nullable: true })
  zoneCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_code' })
  zone?: RegionEntity;

  @Column({ type: 'enum', enum: InstitutionType, enumName: 'institution_type' })
  type: InstitutionType;

  @Column({ type: 'enum', enum: Ownership, enumName: 'ownership' })
  ownership: Ownership;

  @Column({ type: 'int', nullable: true })
  beds: number | null;

  @Column({ type: 'boolean', default: false })
  hasSocialWorkDepartment: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
