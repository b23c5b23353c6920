import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workforce1795882721944 implements MigrationInterface {
  name = 'Workforce1795882721944';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."sex" AS ENUM('MALE', 'FEMALE')`);
    await queryRunner.query(
      `CREATE TYPE "public"."education" AS ENUM('PRIMARY_OR_BELOW', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL_SECONDARY', 'JUNIOR_COLLEGE', 'BACHELOR', 'MASTER_OR_ABOVE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "id_number_hash" character(64) NOT NULL, "id_number_encrypted" text NOT NULL, "id_number_masked" character(18) NOT NULL, "name" character varying(50) COLLATE "C" NOT NULL, "sex" "public"."sex" NOT NULL, "birth_date" date NOT NULL, "phone_encrypted" text, "phone_masked" character varying(20), "education" "public"."education", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "person_id_number_hash" ON "person"  ("id_number_hash") `);
    await queryRunner.query(`CREATE INDEX "person_name" ON "person"  ("name", "id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."occupation" AS ENUM('CAREGIVER', 'SOCIAL_WORKER', 'CAPABILITY_ASSESSOR', 'MEDICAL', 'NURSE', 'REHABILITATION', 'NUTRITION', 'PSYCHOLOGICAL_COUNSELOR', 'DIRECTOR', 'MANAGER')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."team" AS ENUM('CARE', 'PROFESSIONAL_TECHNICAL', 'MANAGEMENT')`);
    await queryRunner.query(`CREATE TYPE "public"."post_type" AS ENUM('FULL_TIME', 'PART_TIME')`);
    await queryRunner.query(
      `CREATE TYPE "public"."end_reason" AS ENUM('RESIGNED', 'TRANSFERRED', 'RETIRED', 'CONTRACT_ENDED', 'DISMISSED', 'DECEASED', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "employment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "occupation" "public"."occupation" NOT NULL, "team" "public"."team" NOT NULL, "post_type" "public"."post_type" NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" "public"."end_reason", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "employment_team" CHECK (team::text = CASE WHEN occupation = 'CAREGIVER' THEN 'CARE' WHEN occupation IN ('DIRECTOR', 'MANAGER') THEN 'MANAGEMENT' ELSE 'PROFESSIONAL_TECHNICAL' END), CONSTRAINT "employment_end" CHECK ((end_date IS NULL) = (end_reason IS NULL) AND (end_date IS NULL OR end_date >= start_date)), CONSTRAINT "PK_80e1cceae89697b78db5c953776" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "employment_institution" ON "employment"  ("institution_id", "person_id", "start_date", "end_date", "occupation") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "employment_identity" ON "employment"  ("person_id", "institution_id", "occupation", "start_date") `,
    );
    await queryRunner.query(
      `ALTER TABLE "employment" ADD CONSTRAINT "FK_1edf142a4d50343ceb71074c5d5" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "employment" ADD CONSTRAINT "FK_e0f4f1f27d1a995454f4c8c6648" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "employment" DROP CONSTRAINT "FK_e0f4f1f27d1a995454f4c8c6648"`);
    await queryRunner.query(`ALTER TABLE "employment" DROP CONSTRAINT "FK_1edf142a4d50343ceb71074c5d5"`);
    await queryRunner.query(`DROP INDEX "public"."employment_identity"`);
    await queryRunner.query(`DROP INDEX "public"."employment_institution"`);
    await queryRunner.query(`DROP TABLE "employment"`);
    await queryRunner.query(`DROP TYPE "public"."end_reason"`);
    await queryRunner.query(`DROP TYPE "public"."post_type"`);
    await queryRunner.query(`DROP TYPE "public"."team"`);
    await queryRunner.query(`DROP TYPE "public"."occupation"`);
    await queryRunner.query(`DROP INDEX "public"."person_name"`);
    await queryRunner.query(`DROP INDEX "public"."person_id_number_hash"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP TYPE "public"."education"`);
    await queryRunner.query(`DROP TYPE "public"."sex"`);
  }
}
