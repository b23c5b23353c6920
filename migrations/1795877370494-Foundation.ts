import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795877370494 implements MigrationInterface {
  name = 'Foundation1795877370494';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."role" AS ENUM('ADMIN', 'MUNICIPAL_PLANNER', 'DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'EVALUATION_BODY', 'VOLUNTEER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_role" "public"."role", "operation" character varying(100) NOT NULL, "record_type" character varying(100) NOT NULL, "record_id" character varying(100), "summary" jsonb NOT NULL DEFAULT '{}', "request_id" character varying(64), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_event_actor" ON "audit_event"  ("actor_id", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_record" ON "audit_event"  ("record_type", "record_id") `);
    // The audit trail is append-only: refuse every UPDATE and DELETE, whoever asks.
    await queryRunner.query(
      `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."region_kind" AS ENUM('DISTRICT', 'COUNTY', 'AUTONOMOUS_COUNTY', 'FUNCTIONAL_ZONE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "region" ("code" character varying(6) NOT NULL, "name_zh" character varying(50) NOT NULL, "name_en" character varying(100) NOT NULL, "kind" "public"."region_kind" NOT NULL, CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."population_basis" AS ENUM('CENSUS', 'OFFICIAL_ESTIMATE', 'DEMO_ESTIMATE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "region_population" ("region_code" character varying(6) NOT NULL, "year" integer NOT NULL, "total" integer NOT NULL, "older_adults" integer NOT NULL, "total_basis" "public"."population_basis" NOT NULL, "older_adults_basis" "public"."population_basis" NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "region_population_year" CHECK (year BETWEEN 2000 AND 2100), CONSTRAINT "region_population_counts" CHECK (total >= 0 AND older_adults >= 0 AND older_adults <= total), CONSTRAINT "PK_dadc810d96a5150f6e1ff1606f8" PRIMARY KEY ("region_code", "year"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."institution_type" AS ENUM('CARE_HOME', 'COMMUNITY_CENTER', 'HOME_CARE_PROVIDER', 'SOCIAL_WORK_ORG', 'HOSPITAL_CARE_UNIT', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."ownership" AS ENUM('PUBLIC_INSTITUTION', 'PUBLIC_BUILT_PRIVATE_RUN', 'PRIVATE_NON_PROFIT', 'PRIVATE_FOR_PROFIT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "institution" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "credit_code" character(18) NOT NULL, "region_code" character varying(6) NOT NULL, "zone_code" character varying(6), "type" "public"."institution_type" NOT NULL, "ownership" "public"."ownership" NOT NULL, "beds" integer, "has_social_work_department" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "institution_beds" CHECK ((type = 'CARE_HOME' AND beds >= 0) OR (type <> 'CARE_HOME' AND beds IS NULL)), CONSTRAINT "PK_f60ee4ff0719b7df54830b39087" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "institution_credit_code" ON "institution"  ("credit_code") `);
    await queryRunner.query(`CREATE INDEX "institution_region_name" ON "institution"  ("region_code", "name", "id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."target_metric" AS ENUM('TALENT_HEADCOUNT', 'TRAINING_PERSON_SESSIONS', 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', 'SOCIAL_WORKERS_PER_100_BEDS')`,
    );
    await queryRunner.query(
      `CREATE TABLE "target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "metric" "public"."target_metric" NOT NULL, "region_code" character varying(6), "year" integer NOT NULL, "value" numeric(14,4) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d962204b13c18851ea88fc72f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "target_region_unique" ON "target"  ("metric", "region_code", "year") WHERE region_code IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "target_city_unique" ON "target"  ("metric", "year") WHERE region_code IS NULL`,
    );
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" character varying(200) NOT NULL, "role" "public"."role" NOT NULL, "region_code" character varying(6), "institution_id" uuid, "evaluation_body_id" uuid, "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', "must_change_password" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_scope" CHECK ((role = 'DISTRICT_PLANNER') = (region_code IS NOT NULL)
   AND (role = 'INSTITUTION_ADMIN') = (institution_id IS NOT NULL)
   AND (role = 'EVALUATION_BODY') = (evaluation_body_id IS NOT NULL)), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_username" ON "app_user"  ("username") `);
    await queryRunner.query(
      `ALTER TABLE "region_population" ADD CONSTRAINT "FK_48973c1a3fee85d84c1fe68cb29" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" ADD CONSTRAINT "FK_f939108f88aa14de04742d02ee0" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" ADD CONSTRAINT "FK_244212eabdb4ebb8ea55a52a03a" FOREIGN KEY ("zone_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target" ADD CONSTRAINT "FK_c60778610041449fa4b7a130a49" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_ef275dd927b3ab68060799af298" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_6e4e53daa243948062ebff290ac" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_6e4e53daa243948062ebff290ac"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_ef275dd927b3ab68060799af298"`);
    await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_c60778610041449fa4b7a130a49"`);
    await queryRunner.query(`ALTER TABLE "institution" DROP CONSTRAINT "FK_244212eabdb4ebb8ea55a52a03a"`);
    await queryRunner.query(`ALTER TABLE "institution" DROP CONSTRAINT "FK_f939108f88aa14de04742d02ee0"`);
    await queryRunner.query(`ALTER TABLE "region_population" DROP CONSTRAINT "FK_48973c1a3fee85d84c1fe68cb29"`);
    await queryRunner.query(`DROP INDEX "public"."app_user_username"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."target_city_unique"`);
    await queryRunner.query(`DROP INDEX "public"."target_region_unique"`);
    await queryRunner.query(`DROP TABLE "target"`);
    await queryRunner.query(`DROP TYPE "public"."target_metric"`);
    await queryRunner.query(`DROP INDEX "public"."institution_region_name"`);
    await queryRunner.query(`DROP INDEX "public"."institution_credit_code"`);
    await queryRunner.query(`DROP TABLE "institution"`);
    await queryRunner.query(`DROP TYPE "public"."ownership"`);
    await queryRunner.query(`DROP TYPE "public"."institution_type"`);
    await queryRunner.query(`DROP TABLE "region_population"`);
    await queryRunner.query(`DROP TYPE "public"."population_basis"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TYPE "public"."region_kind"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_record"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_actor"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
  }
}
