import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row: a fingerprint of the PII key this database's ID numbers and phones are encrypted and hashed with (an
 * HMAC of a fixed text under the key; it reveals nothing of the key). Checked at every start, so that the portal
 * never runs on a database with another key; changed only by `rotate-pii-key`.
 */
@Entity('pii_key_fingerprint')
@Check('pii_key_fingerprint_one_row', 'id = 1')
export class PiiKeyFingerprintEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
