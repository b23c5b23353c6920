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
import { CertificateKind, EvaluationBodyKind } from './certification.enums.js';

/** A filed (备案) skill-evaluation body: it may issue the certificate kinds it is filed for while its filing runs. */
@Entity('evaluation_body')
@Check('evaluation_body_filing', 'filed_to >= filed_from')
export class EvaluationBodyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: EvaluationBodyKind, enumName: 'evaluation_body_kind' })
  kind: EvaluationBodyKind;

  @Index('evaluation_body_credit_code', { unique: true })
  @Column({ type: 'char', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Index('evaluation_body_filing_number', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  filingNumber: string;

  @Column({ type: 'date' })
  filedFrom: string;

  @Column({ type: 'date' })
  filedTo: string;

  @Column({ type: 'enum', enum: CertificateKind, enumName: 'certificate_kind', array: true, default: '{}' })
  certificateKinds: CertificateKind[];

  @Column({ type: 'boolean', default: false })
  mayTrain: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
