import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (time bank): rewards waiting to be collected by a code, relatives removed without losing their name, and
 * the indexes statement lines use to find the service or care behind a journal.
 */
export class Corrections1796621680607 implements MigrationInterface {
  name = 'Corrections1796621680607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."reward_redemption_status" AS ENUM('PENDING', 'COLLECTED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "reward_redemption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "reward_id" uuid NOT NULL, "quantity" integer NOT NULL, "points" integer NOT NULL, "journal_id" bigint NOT NULL, "code" character varying(8) NOT NULL, "status" "public"."reward_redemption_status" NOT NULL DEFAULT 'PENDING', "institution_id" uuid, "collected_by" uuid, "collected_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reward_redemption_collection" CHECK ((status = 'COLLECTED') = (collected_at IS NOT NULL AND collected_by IS NOT NULL AND institution_id IS NOT NULL)), CONSTRAINT "reward_redemption_quantity" CHECK (quantity > 0 AND points > 0), CONSTRAINT "PK_da4479f0727ddeb14fd6f3130a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reward_redemption_volunteer" ON "reward_redemption"  ("volunteer_id", "journal_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reward_redemption_journal" ON "reward_redemption"  ("journal_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "reward_redemption_code" ON "reward_redemption"  ("code") `);
    await queryRunner.query(`ALTER TABLE "relative" ADD "removed_at" TIMESTAMP WITH TIME ZONE`);
    // Hand-written: a removed relative no longer blocks registering the same person again.
    await queryRunner.query(`DROP INDEX "public"."relative_identity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "relative_identity" ON "relative"  ("volunteer_id", "id_number_hash") WHERE removed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "service_record_journal" ON "service_record"  ("journal_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "care_redemption_refund_journal" ON "care_redemption"  ("refund_journal_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "reward_redemption" ADD CONSTRAINT "FK_0aba053b26dc66fb5b06637cf45" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reward_redemption" ADD CONSTRAINT "FK_ffcbdb03a6fe8b2e46ef5d87076" FOREIGN KEY ("reward_id") REFERENCES "reward"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reward_redemption" ADD CONSTRAINT "FK_05fb0df91784b7cc03106970ee1" FOREIGN KEY ("journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reward_redemption" ADD CONSTRAINT "FK_7a20af97291cff53b65da75b7dd" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: rewards bought before this migration wait for collection like new ones (cancelled if their
    // journal was reversed), each with a fresh code from the same alphabet as REWARD_CODE_ALPHABET.
    await queryRunner.query(`
DO $$
DECLARE
  r record;
  c text;
BEGIN
  FOR r IN
    SELECT j.id, j.reward_id, j.reward_quantity, j.created_at, a.volunteer_id, -p.amount AS points,
           EXISTS (SELECT 1 FROM journal x WHERE x.reverses_journal_id = j.id) AS reversed
      FROM journal j
      JOIN posting p ON p.journal_id = j.id
      JOIN ledger_account a ON a.id = p.account_id AND a.volunteer_id IS NOT NULL
     WHERE j.kind = 'REWARD' AND j.reward_id IS NOT NULL AND j.reward_quantity IS NOT NULL
     ORDER BY j.id
  LOOP
    LOOP
      SELECT string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 1 + floor(random() * 32)::int, 1), '')
        INTO c FROM generate_series(1, 6);
      EXIT WHEN NOT EXISTS (SELECT 1 FROM reward_redemption WHERE code = c);
    END LOOP;
    INSERT INTO reward_redemption (volunteer_id, reward_id, quantity, points, journal_id, code, status, created_at)
    VALUES (r.volunteer_id, r.reward_id, r.reward_quantity, r.points, r.id, c,
            CASE WHEN r.reversed THEN 'CANCELLED' ELSE 'PENDING' END::reward_redemption_status, r.created_at);
  END LOOP;
END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reward_redemption" DROP CONSTRAINT "FK_7a20af97291cff53b65da75b7dd"`);
    await queryRunner.query(`ALTER TABLE "reward_redemption" DROP CONSTRAINT "FK_05fb0df91784b7cc03106970ee1"`);
    await queryRunner.query(`ALTER TABLE "reward_redemption" DROP CONSTRAINT "FK_ffcbdb03a6fe8b2e46ef5d87076"`);
    await queryRunner.query(`ALTER TABLE "reward_redemption" DROP CONSTRAINT "FK_0aba053b26dc66fb5b06637cf45"`);
    await queryRunner.query(`DROP INDEX "public"."care_redemption_refund_journal"`);
    await queryRunner.query(`DROP INDEX "public"."service_record_journal"`);
    // Removed relatives go for good: the old index allows one row per person and volunteer.
    await queryRunner.query(`DELETE FROM "relative" r WHERE r.removed_at IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM care_redemption c WHERE c.relative_id = r.id)`);
    await queryRunner.query(`DROP INDEX "public"."relative_identity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "relative_identity" ON "relative"  ("volunteer_id", "id_number_hash") `,
    );
    await queryRunner.query(`ALTER TABLE "relative" DROP COLUMN "removed_at"`);
    await queryRunner.query(`DROP INDEX "public"."reward_redemption_code"`);
    await queryRunner.query(`DROP INDEX "public"."reward_redemption_journal"`);
    await queryRunner.query(`DROP INDEX "public"."reward_redemption_volunteer"`);
    await queryRunner.query(`DROP TABLE "reward_redemption"`);
    await queryRunner.query(`DROP TYPE "public"."reward_redemption_status"`);
  }
}
