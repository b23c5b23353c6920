import { MigrationInterface, QueryRunner } from 'typeorm';

export class Planning1795894370955 implements MigrationInterface {
  name = 'Planning1795894370955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."fund_source" AS ENUM('LOTTERY_WELFARE_MUNICIPAL', 'LOTTERY_WELFARE_DISTRICT', 'FISCAL', 'SOCIAL', 'CHARITY')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."fund_purpose" AS ENUM('TRAINING', 'SUBSIDY', 'RECRUITMENT', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "fund_allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" "public"."fund_source" NOT NULL, "region_code" character varying(6), "year" integer NOT NULL, "amount_fen" bigint NOT NULL, "purpose" "public"."fund_purpose" NOT NULL, "note" character varying(500), "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "fund_allocation_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_19778154c029ebb62d81055a4e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "fund_allocation_year" ON "fund_allocation"  ("year", "purpose", "region_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scenario" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "input" jsonb NOT NULL, "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec7b57ee913fb77bb70ed3bc708" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "scenario_owner_name" ON "scenario"  ("owner_id", "name") `);
    await queryRunner.query(
      `ALTER TABLE "fund_allocation" ADD CONSTRAINT "FK_a416fe21fcf363428d39a181b48" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario" ADD CONSTRAINT "FK_8826798326c7944e6073295d5b6" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scenario" DROP CONSTRAINT "FK_8826798326c7944e6073295d5b6"`);
    await queryRunner.query(`ALTER TABLE "fund_allocation" DROP CONSTRAINT "FK_a416fe21fcf363428d39a181b48"`);
    await queryRunner.query(`DROP INDEX "public"."scenario_owner_name"`);
    await queryRunner.query(`DROP TABLE "scenario"`);
    await queryRunner.query(`DROP INDEX "public"."fund_allocation_year"`);
    await queryRunner.query(`DROP TABLE "fund_allocation"`);
    await queryRunner.query(`DROP TYPE "public"."fund_purpose"`);
    await queryRunner.query(`DROP TYPE "public"."fund_source"`);
  }
}
