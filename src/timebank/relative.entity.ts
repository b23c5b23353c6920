import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VolunteerEntity } from './volunteer.entity.js';
import { Relationship } from './timebank.enums.js';

/**
 * A direct relative as a volunteer declared them: their ID number (encrypted, hashed, masked, as on a person) and
 * name, kept here and never written to the registry, so that a volunteer's word cannot create or claim a person. The
 * relative "has an account" when a volunteer's person has this ID number under this very name.
 */
@Entity('relative')
// A removed relative stays (history names them) but no longer blocks registering the same person again.
@Index('relative_identity', ['volunteerId', 'idNumberHash'], { unique: true, where: 'removed_at IS NULL' })
@Index('relative_id_number', ['idNumberHash'])
export class RelativeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'char', length: 64 })
  idNumberHash: string;

  @Column({ type: 'text' })
  idNumberEncrypted: string;

  @Column({ type: 'char', length: 18 })
  idNumberMasked: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** From the ID number: who may receive care paid in time depends on it. */
  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'enum', enum: Relationship, enumName: 'relationship' })
  relationship: Relationship;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set by `removeRelative`: no longer one of the volunteer's relatives, but the statement and redemptions keep the name. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
