import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RegionEntity } from '../regions/region.entity.js';
import { TargetMetric } from './target.enums.js';

/** Numeric columns arrive from pg as strings; targets are small decimals, safe as JS numbers. */
const decimal = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('target')
// One value per metric, year and region; a city-wide target has no region (two partial indexes: NULLs differ).
@Index('target_city_unique', ['metric', 'year'], { unique: true, where: 'region_code IS NULL' })
@Index('target_region_unique', ['metric', 'regionCode', 'year'], { unique: true, where: 'region_code IS NOT NULL' })
export class TargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: TargetMetric, enumName: 'target_metric' })
  metric: TargetMetric;

  @Column({ type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'numeric', precision: 14, scale: 4, transformer: decimal })
  value: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
