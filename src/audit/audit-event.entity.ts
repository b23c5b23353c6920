import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../common/roles.js';

/** Append-only: a trigger created by the migration refuses UPDATE and DELETE. */
@Entity('audit_event')
@Index('audit_event_record', ['recordType', 'recordId'])
@Index('audit_event_actor', ['actorId', 'id'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'role', nullable: true })
  actorRole: Role | null;

  @Column({ type: 'varchar', length: 100 })
  operation: string;

  @Column({ type: 'varchar', length: 100 })
  recordType: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recordId: string | null;

  /** Before/after of the changed fields, never raw personal data. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
