import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { LedgerAccountEntity } from './ledger-account.entity.js';
import { RewardEntity } from './reward.entity.js';
import { Currency, EntryKind, JournalKind } from './timebank.enums.js';

/**
 * One balanced movement of credits. Append-only (a trigger refuses UPDATE and DELETE); its postings sum to zero per
 * currency (a deferred trigger checks at commit). A correction is a reversing journal, at most one per journal.
 */
@Entity('journal')
@Index('journal_idempotency', ['actorId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('journal_reverses', ['reversesJournalId'], { unique: true, where: 'reverses_journal_id IS NOT NULL' })
@Check('journal_idempotency_hash', '(idempotency_key IS NULL) = (request_hash IS NULL)')
export class JournalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: JournalKind, enumName: 'journal_kind' })
  kind: JournalKind;

  /** The account that posted it. */
  @Column({ type: 'uuid' })
  actorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  /** Chosen by the client, unique per actor: a retry with the same key returns this journal. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the operation and its input: the same key with another request is a CONFLICT. */
  @Column({ type: 'char', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'bigint', nullable: true })
  reversesJournalId: string | null;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_journal_id' })
  reverses?: JournalEntity;

  @Column({ type: 'uuid', nullable: true })
  rewardId: string | null;

  @ManyToOne(() => RewardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id' })
  reward?: RewardEntity;

  @Column({ type: 'int', nullable: true })
  rewardQuantity: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One side of a journal on one account. Append-only, like its journal. */
@Entity('posting')
@Index('posting_journal', ['journalId'])
@Index('posting_account', ['accountId', 'id'])
@Check('posting_amount', 'amount <> 0')
export class PostingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  journalId: string;

  @ManyToOne(() => JournalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: JournalEntity;

  @Column({ type: 'bigint' })
  accountId: string;

  @ManyToOne(() => LedgerAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: LedgerAccountEntity;

  /** The account's currency, kept here so the balance check per currency needs no join. */
  @Column({ type: 'enum', enum: Currency, enumName: 'currency' })
  currency: Currency;

  @Column({ type: 'enum', enum: EntryKind, enumName: 'entry_kind' })
  kind: EntryKind;

  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'bigint' })
  balanceAfter: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
