import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Education, Sex } from './workforce.enums.js';

/**
 * One human, city-wide. The resident ID number is stored only encrypted (AES-256-GCM) with an HMAC look-up hash;
 * the masked forms are kept beside them so that reads never decrypt.
 */
@Entity('person')
// Byte order ("C"): the people list sorts by name and `namePrefix` searches use this index.
@Index('person_name', ['name', 'id'])
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** HMAC-SHA256 (hex) of the normalised ID number. */
  @Index('person_id_number_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  idNumberHash: string;

  @Column({ type: 'text' })
  idNumberEncrypted: string;

  @Column({ type: 'char', length: 18 })
  idNumberMasked: string;

  @Column({ type: 'varchar', length: 50, collation: 'C' })
  name: string;

  @Column({ type: 'enum', enum: Sex, enumName: 'sex' })
  sex: Sex;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'text', nullable: true })
  phoneEncrypted: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneMasked: string | null;

  @Column({ type: 'enum', enum: Education, enumName: 'education', nullable: true })
  education: Education | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
