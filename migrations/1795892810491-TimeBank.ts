import { MigrationInterface, QueryRunner } from 'typeorm';

export class TimeBank1795892810491 implements MigrationInterface {
  name = 'TimeBank1795892810491';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "volunteer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "registered_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76924da1998b3e07025e04c4d3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "volunteer_region" ON "volunteer"  ("region_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "volunteer_person" ON "volunteer"  ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "volunteer_user" ON "volunteer"  ("user_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."relationship" AS ENUM('SPOUSE', 'PARENT', 'CHILD', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "relative" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "id_number_hash" character(64) NOT NULL, "id_number_encrypted" text NOT NULL, "id_number_masked" character(18) NOT NULL, "name" character varying(50) NOT NULL, "birth_date" date NOT NULL, "relationship" "public"."relationship" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bb5db663bd141c44a5e1814647b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "relative_id_number" ON "relative"  ("id_number_hash") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "relative_identity" ON "relative"  ("volunteer_id", "id_number_hash") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."system_account" AS ENUM('ISSUANCE', 'PUBLIC_POOL', 'REDEMPTIONS', 'REWARDS')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."currency" AS ENUM('TIME', 'POINTS')`);
    await queryRunner.query(
      `CREATE TABLE "ledger_account" ("id" BIGSERIAL NOT NULL, "volunteer_id" uuid, "system_account" "public"."system_account", "currency" "public"."currency" NOT NULL, "balance" bigint NOT NULL DEFAULT '0', CONSTRAINT "ledger_account_not_negative" CHECK (balance >= 0 OR system_account IS NOT DISTINCT FROM 'ISSUANCE'), CONSTRAINT "ledger_account_owner" CHECK ((volunteer_id IS NULL) <> (system_account IS NULL)), CONSTRAINT "PK_34640393ff83dad2b4627d7ae5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_account_system" ON "ledger_account"  ("system_account", "currency") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_account_volunteer" ON "ledger_account"  ("volunteer_id", "currency") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reward" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "description" character varying(500), "points_cost" integer NOT NULL, "stock" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reward_shape" CHECK (points_cost > 0 AND stock >= 0), CONSTRAINT "PK_a90ea606c229e380fb341838036" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reward_name" ON "reward"  ("name") `);
    await queryRunner.query(
      `CREATE TYPE "public"."journal_kind" AS ENUM('SERVICE_CREDIT', 'TRANSFER', 'DONATION', 'POOL_GRANT', 'REDEMPTION', 'REDEMPTION_REFUND', 'REWARD', 'REVERSAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "journal" ("id" BIGSERIAL NOT NULL, "kind" "public"."journal_kind" NOT NULL, "actor_id" uuid NOT NULL, "idempotency_key" character varying(100), "request_hash" character(64), "note" character varying(500), "reverses_journal_id" bigint, "reward_id" uuid, "reward_quantity" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "journal_idempotency_hash" CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)), CONSTRAINT "PK_396f862c229742e29f888b1abce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "journal_reverses" ON "journal"  ("reverses_journal_id") WHERE reverses_journal_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "journal_idempotency" ON "journal"  ("actor_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."entry_kind" AS ENUM('EARN', 'CAP_OVERFLOW', 'TRANSFER_IN', 'TRANSFER_OUT', 'DONATION', 'POOL_GRANT', 'REDEMPTION', 'REDEMPTION_REFUND', 'REWARD', 'REVERSAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "posting" ("id" BIGSERIAL NOT NULL, "journal_id" bigint NOT NULL, "account_id" bigint NOT NULL, "currency" "public"."currency" NOT NULL, "kind" "public"."entry_kind" NOT NULL, "amount" bigint NOT NULL, "balance_after" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "posting_amount" CHECK (amount <> 0), CONSTRAINT "PK_b535363e80b08416dacf34303a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "posting_account" ON "posting"  ("account_id", "id") `);
    await queryRunner.query(`CREATE INDEX "posting_journal" ON "posting"  ("journal_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."service_category" AS ENUM('COMPANIONSHIP', 'ERRANDS_AND_ESCORT', 'RECREATION', 'HEALTH_EDUCATION', 'LEGAL_AID', 'DIGITAL_HELP', 'SAFETY_VISIT', 'OTHER')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."service_status" AS ENUM('LOGGED', 'VERIFIED', 'REJECTED')`);
    await queryRunner.query(`CREATE TABLE "service_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "category" "public"."service_category" NOT NULL, "service_date" date NOT NULL, "minutes" integer NOT NULL, "note" character varying(500), "status" "public"."service_status" NOT NULL DEFAULT 'LOGGED', "credited_minutes" integer, "uncredited_minutes" integer, "points_awarded" integer, "reject_reason" character varying(500), "journal_id" bigint, "logged_by" uuid NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "service_record_decision" CHECK ((status = 'VERIFIED') = (credited_minutes IS NOT NULL AND uncredited_minutes IS NOT NULL AND points_awarded IS NOT NULL)
   AND (status = 'REJECTED') = (reject_reason IS NOT NULL)
   AND (status = 'LOGGED') = (decided_at IS NULL)), CONSTRAINT "service_record_minutes" CHECK (minutes BETWEEN 1 AND 1440), CONSTRAINT "PK_9420457010efff21604d3d9c17b" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "service_record_institution" ON "service_record"  ("institution_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "service_record_volunteer" ON "service_record"  ("volunteer_id", "service_date") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."redemption_status" AS ENUM('PENDING', 'COMPLETED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "care_redemption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "relative_id" uuid, "institution_id" uuid NOT NULL, "minutes" integer NOT NULL, "status" "public"."redemption_status" NOT NULL DEFAULT 'PENDING', "journal_id" bigint NOT NULL, "refund_journal_id" bigint, "cancel_reason" character varying(500), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "care_redemption_decision" CHECK ((status = 'CANCELLED') = (refund_journal_id IS NOT NULL AND cancel_reason IS NOT NULL)
   AND (status = 'PENDING') = (decided_at IS NULL)), CONSTRAINT "care_redemption_minutes" CHECK (minutes > 0), CONSTRAINT "PK_0239b4b971d2542fb43eb9d00d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "care_redemption_journal" ON "care_redemption"  ("journal_id") `);
    await queryRunner.query(
      `CREATE INDEX "care_redemption_institution" ON "care_redemption"  ("institution_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "care_redemption_volunteer" ON "care_redemption"  ("volunteer_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD CONSTRAINT "FK_7b29799c56753587e39cbd5cf8f" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD CONSTRAINT "FK_fc40d3eada517c3c9315e0c9e51" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD CONSTRAINT "FK_1dbc25435b41ffdc502c6550a39" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "relative" ADD CONSTRAINT "FK_d3719a4b8ccb8c9af6140e6ae6a" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_account" ADD CONSTRAINT "FK_c2a65d5f9afd1a62aebce1151e1" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal" ADD CONSTRAINT "FK_cdd1fdc6cdbfea8f2bf300da531" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal" ADD CONSTRAINT "FK_5888c688fa5c5564b836ca652bb" FOREIGN KEY ("reverses_journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal" ADD CONSTRAINT "FK_5aaf447bd89944c8219d992962f" FOREIGN KEY ("reward_id") REFERENCES "reward"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "posting" ADD CONSTRAINT "FK_72707b1de0aaa29ef5e4767a2af" FOREIGN KEY ("journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "posting" ADD CONSTRAINT "FK_002b32f76b1fb96777ae1280db3" FOREIGN KEY ("account_id") REFERENCES "ledger_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_record" ADD CONSTRAINT "FK_b23c4d0b35001b98ef2c488f788" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_record" ADD CONSTRAINT "FK_93acea636c47a3ee841cf18f0a5" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_record" ADD CONSTRAINT "FK_06644853e719033c0cb31367857" FOREIGN KEY ("journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "care_redemption" ADD CONSTRAINT "FK_be96d0f84928fe7174c0356d3a7" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "care_redemption" ADD CONSTRAINT "FK_04c2d03f77f077981918bd9e62b" FOREIGN KEY ("relative_id") REFERENCES "relative"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "care_redemption" ADD CONSTRAINT "FK_7b67399e18844f16cdda8cbb5a4" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "care_redemption" ADD CONSTRAINT "FK_87c40c385da040bbd8372debc5c" FOREIGN KEY ("journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "care_redemption" ADD CONSTRAINT "FK_bc38d344cae2a77a9ae0aa1608d" FOREIGN KEY ("refund_journal_id") REFERENCES "journal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: the ledger's own accounts, and what the database itself guarantees about the ledger.
    await queryRunner.query(
      `INSERT INTO "ledger_account" ("system_account", "currency") VALUES
         ('ISSUANCE', 'TIME'), ('ISSUANCE', 'POINTS'), ('PUBLIC_POOL', 'TIME'), ('REDEMPTIONS', 'TIME'), ('REWARDS', 'POINTS')`,
    );
    // Journals and postings are never changed: a correction is a reversing journal.
    await queryRunner.query(
      `CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
    );
    for (const table of ['journal', 'posting']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`,
      );
    }
    // At commit, every journal that received postings sums to zero in each currency.
    await queryRunner.query(
      `CREATE FUNCTION posting_journal_balances() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM posting WHERE journal_id = NEW.journal_id GROUP BY currency HAVING sum(amount) <> 0) THEN
           RAISE EXCEPTION 'journal % does not balance', NEW.journal_id USING ERRCODE = 'check_violation';
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER posting_journal_balances AFTER INSERT ON "posting" DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION posting_journal_balances()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER posting_journal_balances ON "posting"`);
    await queryRunner.query(`DROP FUNCTION posting_journal_balances()`);
    for (const table of ['journal', 'posting']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_append_only()`);
    await queryRunner.query(`ALTER TABLE "care_redemption" DROP CONSTRAINT "FK_bc38d344cae2a77a9ae0aa1608d"`);
    await queryRunner.query(`ALTER TABLE "care_redemption" DROP CONSTRAINT "FK_87c40c385da040bbd8372debc5c"`);
    await queryRunner.query(`ALTER TABLE "care_redemption" DROP CONSTRAINT "FK_7b67399e18844f16cdda8cbb5a4"`);
    await queryRunner.query(`ALTER TABLE "care_redemption" DROP CONSTRAINT "FK_04c2d03f77f077981918bd9e62b"`);
    await queryRunner.query(`ALTER TABLE "care_redemption" DROP CONSTRAINT "FK_be96d0f84928fe7174c0356d3a7"`);
    await queryRunner.query(`ALTER TABLE "service_record" DROP CONSTRAINT "FK_06644853e719033c0cb31367857"`);
    await queryRunner.query(`ALTER TABLE "service_record" DROP CONSTRAINT "FK_93acea636c47a3ee841cf18f0a5"`);
    await queryRunner.query(`ALTER TABLE "service_record" DROP CONSTRAINT "FK_b23c4d0b35001b98ef2c488f788"`);
    await queryRunner.query(`ALTER TABLE "posting" DROP CONSTRAINT "FK_002b32f76b1fb96777ae1280db3"`);
    await queryRunner.query(`ALTER TABLE "posting" DROP CONSTRAINT "FK_72707b1de0aaa29ef5e4767a2af"`);
    await queryRunner.query(`ALTER TABLE "journal" DROP CONSTRAINT "FK_5aaf447bd89944c8219d992962f"`);
    await queryRunner.query(`ALTER TABLE "journal" DROP CONSTRAINT "FK_5888c688fa5c5564b836ca652bb"`);
    await queryRunner.query(`ALTER TABLE "journal" DROP CONSTRAINT "FK_cdd1fdc6cdbfea8f2bf300da531"`);
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP CONSTRAINT "FK_c2a65d5f9afd1a62aebce1151e1"`);
    await queryRunner.query(`ALTER TABLE "relative" DROP CONSTRAINT "FK_d3719a4b8ccb8c9af6140e6ae6a"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP CONSTRAINT "FK_1dbc25435b41ffdc502c6550a39"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP CONSTRAINT "FK_fc40d3eada517c3c9315e0c9e51"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP CONSTRAINT "FK_7b29799c56753587e39cbd5cf8f"`);
    await queryRunner.query(`DROP INDEX "public"."care_redemption_volunteer"`);
    await queryRunner.query(`DROP INDEX "public"."care_redemption_institution"`);
    await queryRunner.query(`DROP INDEX "public"."care_redemption_journal"`);
    await queryRunner.query(`DROP TABLE "care_redemption"`);
    await queryRunner.query(`DROP TYPE "public"."redemption_status"`);
    await queryRunner.query(`DROP INDEX "public"."service_record_volunteer"`);
    await queryRunner.query(`DROP INDEX "public"."service_record_institution"`);
    await queryRunner.query(`DROP TABLE "service_record"`);
    await queryRunner.query(`DROP TYPE "public"."service_status"`);
    await queryRunner.query(`DROP TYPE "public"."service_category"`);
    await queryRunner.query(`DROP INDEX "public"."posting_journal"`);
    await queryRunner.query(`DROP INDEX "public"."posting_account"`);
    await queryRunner.query(`DROP TABLE "posting"`);
    await queryRunner.query(`DROP TYPE "public"."entry_kind"`);
    await queryRunner.query(`DROP INDEX "public"."journal_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."journal_reverses"`);
    await queryRunner.query(`DROP TABLE "journal"`);
    await queryRunner.query(`DROP TYPE "public"."journal_kind"`);
    await queryRunner.query(`DROP INDEX "public"."reward_name"`);
    await queryRunner.query(`DROP TABLE "reward"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_account_volunteer"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_account_system"`);
    await queryRunner.query(`DROP TABLE "ledger_account"`);
    await queryRunner.query(`DROP TYPE "public"."currency"`);
    await queryRunner.query(`DROP TYPE "public"."system_account"`);
    await queryRunner.query(`DROP INDEX "public"."relative_identity"`);
    await queryRunner.query(`DROP INDEX "public"."relative_id_number"`);
    await queryRunner.query(`DROP TABLE "relative"`);
    await queryRunner.query(`DROP TYPE "public"."relationship"`);
    await queryRunner.query(`DROP INDEX "public"."volunteer_user"`);
    await queryRunner.query(`DROP INDEX "public"."volunteer_person"`);
    await queryRunner.query(`DROP INDEX "public"."volunteer_region"`);
    await queryRunner.query(`DROP TABLE "volunteer"`);
  }
}
