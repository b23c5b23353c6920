import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { CertificateEntity } from './certificate.entity.js';
import type { CertificateKind, Profession } from './certification.enums.js';

/** One certificate of a body's submission, its holder already in the registry. */
export interface IssuedCertificate {
  personId: string;
  kind: CertificateKind;
  level: number | null;
  profession: Profession | null;
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string | null;
}

export type NewCertificate = Pick<
  CertificateEntity,
  | 'personId'
  | 'kind'
  | 'level'
  | 'profession'
  | 'certificateNumber'
  | 'issuingBodyId'
  | 'issuerName'
  | 'external'
  | 'recordedByInstitutionId'
  | 'issuedOn'
  | 'expiresOn'
  | 'revokedOn'
  | 'revocationReason'
>;

/** A corrected certificate, replacing `supersedesId`. */
export type ReplacementCertificate = Omit<NewCertificate, 'revokedOn' | 'revocationReason'> & { supersedesId: string };

/** The only place the certificate table is read or written (lists with their holders: CertificateHoldersReadModel). */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<CertificateEntity | null> {
    return tx.findOneBy(CertificateEntity, { id });
  }

  /** Locked until the end of the transaction (FOR UPDATE). */
  lockById(id: string, tx: EntityManager): Promise<CertificateEntity | null> {
    return tx.findOne(CertificateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<CertificateEntity[]> {
    return tx.findBy(CertificateEntity, { id: In([...ids]) });
  }

  /** The certificates that directly replace these. */
  findReplacementsOf(
    ids: readonly string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<CertificateEntity[]> {
    return tx.findBy(CertificateEntity, { supersedesId: In([...ids]) });
  }

  isSuperseded(id: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(CertificateEntity, { supersedesId: id });
  }

  findByNumber(
    kind: CertificateKind,
    certificateNumber: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<CertificateEntity | null> {
    return tx.findOneBy(CertificateEntity, { kind, certificateNumber });
  }

  /** The stored certificates with any of these (kind, number) pairs (same length arrays). One query. */
  findByNumbers(
    kinds: readonly CertificateKind[],
    numbers: readonly string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<CertificateEntity[]> {
    return tx
      .createQueryBuilder(CertificateEntity, 'c')
      .where(
        '(c.kind, c.certificate_number) IN (SELECT * FROM unnest(CAST(:kinds AS certificate_kind[]), CAST(:numbers AS varchar[])))',
        { kinds, numbers },
      )
      .getMany();
  }

  /** Each person's certificates, oldest first. One query. */
  findByPersons(
    personIds: readonly string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<CertificateEntity[]> {
    return tx
      .createQueryBuilder(CertificateEntity, 'c')
      .where('c.person_id = ANY(:ids)', { ids: personIds })
      .orderBy('c.issued_on')
      .addOrderBy('c.id')
      .getMany();
  }

  /**
   * A body's certificates in one statement; a (kind, number) already stored is not written. How many were written.
   */
  async insertIssued(bodyId: string, rows: readonly IssuedCertificate[], tx: EntityManager): Promise<number> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO certificate (person_id, kind, level, profession, certificate_number, issuing_body_id,
                                external, issued_on, expires_on)
       SELECT person_id, kind, level, profession, certificate_number, $6::uuid, false, issued_on, expires_on
         FROM unnest($1::uuid[], $2::certificate_kind[], $3::smallint[], $4::profession[], $5::varchar[],
                     $7::date[], $8::date[])
              AS t(person_id, kind, level, profession, certificate_number, issued_on, expires_on)
       ON CONFLICT (kind, certificate_number) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.kind),
        rows.map((r) => r.level),
        rows.map((r) => r.profession),
        rows.map((r) => r.certificateNumber),
        bodyId,
        rows.map((r) => r.issuedOn),
        rows.map((r) => r.expiresOn),
      ],
    );
    return inserted.length;
  }

  /** The stored certificate, with its id and defaulted columns. */
  async insert(fields: NewCertificate, tx: EntityManager): Promise<CertificateEntity> {
    const certificate = tx.create(CertificateEntity, fields);
    await tx.insert(CertificateEntity, certificate);
    return certificate;
  }

  /** The replacement's id, or null when its (kind, number) is already stored (nothing written). */
  async insertReplacement(fields: ReplacementCertificate, tx: EntityManager): Promise<string | null> {
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO certificate (person_id, kind, level, profession, certificate_number, issuing_body_id, issuer_name,
                                external, recorded_by_institution_id, issued_on, expires_on, supersedes_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (kind, certificate_number) DO NOTHING
       RETURNING id`,
      [
        fields.personId,
        fields.kind,
        fields.level,
        fields.profession,
        fields.certificateNumber,
        fields.issuingBodyId,
        fields.issuerName,
        fields.external,
        fields.recordedByInstitutionId,
        fields.issuedOn,
        fields.expiresOn,
        fields.supersedesId,
      ],
    );
    return inserted[0]?.id ?? null;
  }

  async revoke(id: string, revokedOn: string, revocationReason: string, tx: EntityManager): Promise<void> {
    await tx.update(CertificateEntity, { id }, { revokedOn, revocationReason });
  }
}
