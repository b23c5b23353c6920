import { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificationTraining1795885885218 implements MigrationInterface {
  name = 'CertificationTraining1795885885218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."evaluation_body_kind" AS ENUM('VOCATIONAL_COLLEGE', 'TECHNICAL_SCHOOL', 'INDUSTRY_ASSOCIATION', 'CARE_INSTITUTION', 'TRAINING_PROVIDER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."certificate_kind" AS ENUM('NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR', 'SOCIAL_WORK', 'PROFESSIONAL_LICENSE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_body" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."evaluation_body_kind" NOT NULL, "credit_code" character(18) NOT NULL, "region_code" character varying(6) NOT NULL, "filing_number" character varying(50) NOT NULL, "filed_from" date NOT NULL, "filed_to" date NOT NULL, "certificate_kinds" "public"."certificate_kind" array NOT NULL DEFAULT '{}', "may_train" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evaluation_body_filing" CHECK (filed_to >= filed_from), CONSTRAINT "PK_48c37a6dbb624baf1e37c895c0a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "evaluation_body_credit_code" ON "evaluation_body"  ("credit_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "evaluation_body_filing_number" ON "evaluation_body"  ("filing_number") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."profession" AS ENUM('NURSE', 'DOCTOR', 'THERAPIST', 'DIETITIAN', 'COUNSELOR')`,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" "public"."certificate_kind" NOT NULL, "level" smallint, "profession" "public"."profession", "certificate_number" character varying(50) NOT NULL, "issuing_body_id" uuid, "issuer_name" character varying(200), "external" boolean NOT NULL DEFAULT false, "recorded_by_institution_id" uuid, "issued_on" date NOT NULL, "expires_on" date, "revoked_on" date, "revocation_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "certificate_revocation" CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL)), CONSTRAINT "certificate_issuer" CHECK ((external AND issuing_body_id IS NULL AND recorded_by_institution_id IS NOT NULL) OR (NOT external AND issuing_body_id IS NOT NULL AND recorded_by_institution_id IS NULL)), CONSTRAINT "certificate_dates" CHECK ((expires_on IS NULL OR expires_on >= issued_on) AND (revoked_on IS NULL OR revoked_on >= issued_on)), CONSTRAINT "certificate_level" CHECK ((kind = 'PROFESSIONAL_LICENSE' AND level IS NULL AND profession IS NOT NULL) OR (kind = 'SOCIAL_WORK' AND level BETWEEN 1 AND 3 AND profession IS NULL) OR (kind IN ('NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR') AND level BETWEEN 1 AND 5 AND profession IS NULL)), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "certificate_issuing_body" ON "certificate"  ("issuing_body_id") `);
    await queryRunner.query(`CREATE INDEX "certificate_person" ON "certificate"  ("person_id", "kind") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificate_number" ON "certificate"  ("kind", "certificate_number") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."college_major" AS ENUM('ELDER_CARE_MANAGEMENT', 'ELDER_CARE_SERVICES', 'REHABILITATION_NURSING', 'ELDER_NUTRITION', 'ELDER_SOCIAL_WORK', 'ELDER_PRODUCTS')`,
    );
    await queryRunner.query(
      `CREATE TABLE "college_program_year" ("college_id" uuid NOT NULL, "major" "public"."college_major" NOT NULL, "year" integer NOT NULL, "enrolled" integer NOT NULL, "graduated" integer NOT NULL, "graduates_entering_elder_care" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "college_program_year_year" CHECK (year BETWEEN 2000 AND 2100), CONSTRAINT "college_program_year_figures" CHECK (enrolled >= 0 AND graduated >= 0 AND graduates_entering_elder_care >= 0 AND graduates_entering_elder_care <= graduated), CONSTRAINT "PK_9b22e49c584f0f19e5afeb34403" PRIMARY KEY ("college_id", "major", "year"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."training_audience" AS ENUM('CAREGIVER', 'DIRECTOR', 'SOCIAL_WORKER', 'CAPABILITY_ASSESSOR', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "training_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "audience" "public"."training_audience" NOT NULL, "region_code" character varying(6) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "hours" numeric(6,1) NOT NULL, "capacity" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "training_session_shape" CHECK (end_date >= start_date AND hours > 0 AND capacity >= 1), CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "training_session_provider" ON "training_session"  ("provider_id", "start_date") `,
    );
    await queryRunner.query(`CREATE INDEX "training_session_end" ON "training_session"  ("end_date", "region_code") `);
    await queryRunner.query(
      `CREATE TABLE "attendance" ("session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "completed" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_841683cbbe8520ebfade977f2b1" PRIMARY KEY ("session_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attendance_person" ON "attendance"  ("person_id") `);
    await queryRunner.query(
      `CREATE INDEX "attendance_completed_session" ON "attendance"  ("session_id") WHERE completed`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_body" ADD CONSTRAINT "FK_eb51d32083eb0ea9873de7f4754" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "FK_72edceab6e5aa36f58007d24f47" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "FK_811d608ee1ba08a16b08fcbe221" FOREIGN KEY ("issuing_body_id") REFERENCES "evaluation_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "FK_82cb6b69ad079afa4be1390165e" FOREIGN KEY ("recorded_by_institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "college_program_year" ADD CONSTRAINT "FK_0550e380f4ce0ecc61e573d3b06" FOREIGN KEY ("college_id") REFERENCES "evaluation_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "FK_29efb0b4484069cf54c0d973c4d" FOREIGN KEY ("provider_id") REFERENCES "evaluation_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "FK_f945feeb3d15204c8059035bd74" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_5940f7beb6d791a618dbf88361e" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_5940f7beb6d791a618dbf88361e"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP CONSTRAINT "FK_f945feeb3d15204c8059035bd74"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP CONSTRAINT "FK_29efb0b4484069cf54c0d973c4d"`);
    await queryRunner.query(`ALTER TABLE "college_program_year" DROP CONSTRAINT "FK_0550e380f4ce0ecc61e573d3b06"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_82cb6b69ad079afa4be1390165e"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_811d608ee1ba08a16b08fcbe221"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_72edceab6e5aa36f58007d24f47"`);
    await queryRunner.query(`ALTER TABLE "evaluation_body" DROP CONSTRAINT "FK_eb51d32083eb0ea9873de7f4754"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_completed_session"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_person"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP INDEX "public"."training_session_end"`);
    await queryRunner.query(`DROP INDEX "public"."training_session_provider"`);
    await queryRunner.query(`DROP TABLE "training_session"`);
    await queryRunner.query(`DROP TYPE "public"."training_audience"`);
    await queryRunner.query(`DROP TABLE "college_program_year"`);
    await queryRunner.query(`DROP TYPE "public"."college_major"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_number"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_person"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_issuing_body"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
    await queryRunner.query(`DROP TYPE "public"."profession"`);
    await queryRunner.query(`DROP INDEX "public"."evaluation_body_filing_number"`);
    await queryRunner.query(`DROP INDEX "public"."evaluation_body_credit_code"`);
    await queryRunner.query(`DROP TABLE "evaluation_body"`);
    await queryRunner.query(`DROP TYPE "public"."certificate_kind"`);
    await queryRunner.query(`DROP TYPE "public"."evaluation_body_kind"`);
  }
}
