import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RegionEntity } from '../regions/region.entity.js';
import { FundPurpose, FundSource } from './funding.enums.js';

/** Money allocated to the workforce plan: a source, a purpose, a year and (unless city-wide) a district. */
@Entity('fund_allocation')
@Index('fund_allocation_year', ['year', 'purpose', 'regionCode'])
@Check('fund_allocation_amount', 'amount_fen > 0')
export class FundAllocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: FundSource, enumName: 'fund_source' })
  source: FundSource;

  /** A district or county; null for money spent city-wide. */
  @Column({ type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'int' })
  year: number;

  /** Integer fen, exposed as Money (yuan with two decimals). */
  @Column({ type: 'bigint' })
  amountFen: string;

  @Column({ type: 'enum', enum: FundPurpose, enumName: 'fund_purpose' })
  purpose: FundPurpose;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
