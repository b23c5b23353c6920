import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VolunteerEntity } from './volunteer.entity.js';
import { Currency, SystemAccount } from './timebank.enums.js';

/**
 * A ledger account with its stored balance, changed only together with the postings that explain it. Volunteer
 * accounts and every system account but ISSUANCE can never go negative: the database refuses it.
 */
@Entity('ledger_account')
@Index('ledger_account_volunteer', ['volunteerId', 'currency'], { unique: true })
@Index('ledger_account_system', ['systemAccount', 'currency'], { unique: true })
@Check('ledger_account_owner', '(volunteer_id IS NULL) <> (system_account IS NULL)')
@Check('ledger_account_not_negative', "balance >= 0 OR system_account IS NOT DISTINCT FROM 'ISSUANCE'")
export class LedgerAccountEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  volunteerId: string | null;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'enum', enum: SystemAccount, enumName: 'system_account', nullable: true })
  systemAccount: SystemAccount | null;

  @Column({ type: 'enum', enum: Currency, enumName: 'currency' })
  currency: Currency;

  @Column({ type: 'bigint', default: 0 })
  balance: string;

  // Flow totals of a volunteer's TIME account for the planners' summary, kept with the balance in the same
  // statement; a reversal line counts under the kind it mirrors, so a reversed journal nets out of them.

  /** TIME credited for service (EARN). */
  @Column({ type: 'bigint', default: 0 })
  earned: string;

  /** TIME redeemed for care, net of refunds. */
  @Column({ type: 'bigint', default: 0 })
  redeemed: string;

  /** TIME transferred to relatives. */
  @Column({ type: 'bigint', default: 0 })
  transferredOut: string;

  /** TIME granted from the public pool. */
  @Column({ type: 'bigint', default: 0 })
  granted: string;

  /** TIME put in the public pool: donations and storage-cap overflow. */
  @Column({ type: 'bigint', default: 0 })
  toPool: string;
}
