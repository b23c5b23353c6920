import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificate corrections: a corrected certificate points to the one it supersedes (at most one each); a body's
 * certificates are listed newest first from its index.
 */
export class CertificateCorrections1796621836317 implements MigrationInterface {
  name = 'CertificateCorrections1796621836317';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."certificate_issuing_body"`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD "supersedes_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificate_supersedes" ON "certificate"  ("supersedes_id") `);
    await queryRunner.query(
      `CREATE INDEX "certificate_issuing_body" ON "certificate"  ("issuing_body_id", "issued_on", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "certificate_supersedes_other" CHECK (supersedes_id <> id)`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "FK_5974e879d845973d4114c63a7ff" FOREIGN KEY ("supersedes_id") REFERENCES "certificate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_5974e879d845973d4114c63a7ff"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "certificate_supersedes_other"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_issuing_body"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_supersedes"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP COLUMN "supersedes_id"`);
    await queryRunner.query(
      `CREATE INDEX "certificate_issuing_body" ON "certificate" USING btree ("issuing_body_id") `,
    );
  }
}
