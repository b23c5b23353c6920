import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fingerprint of the PII key the database was filled with. Left empty here: the portal records it at its next
 * start, for a database already holding data only once a stored ID number decrypts under its key.
 */
export class PiiKeyFingerprint1796622796614 implements MigrationInterface {
  name = 'PiiKeyFingerprint1796622796614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pii_key_fingerprint" ("id" smallint NOT NULL DEFAULT '1', "fingerprint" character(64) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pii_key_fingerprint_one_row" CHECK (id = 1), CONSTRAINT "PK_70c1bca3b478c52eb71f2ec6947" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pii_key_fingerprint"`);
  }
}
