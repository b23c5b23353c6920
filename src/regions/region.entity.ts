import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PopulationBasis, RegionKind } from './region.enums.js';

@Entity('region')
export class RegionEntity {
  /** GB/T 2260 six-digit code, or Z01-Z03 for functional zones. */
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  nameZh: string;

  @Column({ type: 'varchar', length: 100 })
  nameEn: string;

  @Column({ type: 'enum', enum: RegionKind, enumName: 'region_kind' })
  kind: RegionKind;
}

@Entity('region_population')
@Check('region_population_counts', 'total >= 0 AND older_adults >= 0 AND older_adults <= total')
@Check('region_population_year', 'year BETWEEN 2000 AND 2100')
export class RegionPopulationEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  regionCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  olderAdults: number;

  @Column({ type: 'enum', enum: PopulationBasis, enumName: 'population_basis' })
  totalBasis: PopulationBasis;

  @Column({ type: 'enum', enum: PopulationBasis, enumName: 'population_basis' })
  olderAdultsBasis: PopulationBasis;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
