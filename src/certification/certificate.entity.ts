import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { PersonEntity } from '../workforce/person.entity.js';
import { CertificateKind, Profession } from './certification.enums.js';
import { EvaluationBodyEntity } from './evaluation-body.entity.js';

/**
 * A certificate a person holds. Issued by a filed body through the portal, or recorded by the employing institution
 * as EXTERNAL (the national social-work exam, nurse and doctor licences) with the issuer's name. Never deleted:
 * revocation sets a date, and the status on any date is derived.
 */
@Entity('certificate')
@Index('certificate_number', ['kind', 'certificateNumber'], { unique: true })
@Index('certificate_person', ['personId', 'kind'])
// A body's certificates, newest first (certificatesIssued), and the foreign key's look-ups.
@Index('certificate_issuing_body', ['issuingBodyId', 'issuedOn', 'id'])
// A certificate is corrected (superseded) at most once; also finds the replacement of an old number.
@Index('certificate_supersedes', ['supersedesId'], { unique: true })
@Check(
  'certificate_level',
  "(kind = 'PROFESSIONAL_LICENSE' AND level IS NULL AND profession IS NOT NULL) OR " +
    "(kind = 'SOCIAL_WORK' AND level BETWEEN 1 AND 3 AND profession IS NULL) OR " +
    "(kind IN ('NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR') AND level BETWEEN 1 AND 5 AND profession IS NULL)",
)
@Check(
  'certificate_dates',
  '(expires_on IS NULL OR expires_on >= issued_on) AND (revoked_on IS NULL OR revoked_on >= issued_on)',
)
@Check(
  'certificate_issuer',
  '(external AND issuing_body_id IS NULL AND recorded_by_institution_id IS NOT NULL) OR ' +
    '(NOT external AND issuing_body_id IS NOT NULL AND recorded_by_institution_id IS NULL)',
)
@Check('certificate_revocation', '(revoked_on IS NULL) = (revocation_reason IS NULL)')
@Check('certificate_supersedes_other', 'supersedes_id <> id')
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'enum', enum: CertificateKind, enumName: 'certificate_kind' })
  kind: CertificateKind;

  /** 1 is the highest; null for a professional licence. */
  @Column({ type: 'smallint', nullable: true })
  level: number | null;

  @Column({ type: 'enum', enum: Profession, enumName: 'profession', nullable: true })
  profession: Profession | null;

  @Column({ type: 'varchar', length: 50 })
  certificateNumber: string;

  @Column({ type: 'uuid', nullable: true })
  issuingBodyId: string | null;

  @ManyToOne(() => EvaluationBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_body_id' })
  issuingBody?: EvaluationBodyEntity;

  /** External certificates: the issuer as written on it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  issuerName: string | null;

  @Column({ type: 'boolean', default: false })
  external: boolean;

  @Column({ type: 'uuid', nullable: true })
  recordedByInstitutionId: string | null;

  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_institution_id' })
  recordedByInstitution?: InstitutionEntity;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ type: 'date', nullable: true })
  revokedOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revocationReason: string | null;

  /** The certificate this one corrects (revoked in the same transaction); null for an original. */
  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id' })
  supersedes?: CertificateEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
