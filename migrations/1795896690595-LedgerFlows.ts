import { MigrationInterface, QueryRunner } from 'typeorm';

/** Flow totals per volunteer TIME account, kept with the balance, so the planners' summary reads no postings. */
export class LedgerFlows1795896690595 implements MigrationInterface {
  name = 'LedgerFlows1795896690595';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ledger_account" ADD "earned" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ledger_account" ADD "redeemed" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ledger_account" ADD "transferred_out" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ledger_account" ADD "granted" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ledger_account" ADD "to_pool" bigint NOT NULL DEFAULT '0'`);
    // Hand-written: totals for the postings already there (a copy, frozen here, of RECOMPUTE_FLOWS_SQL).
    await queryRunner.query(`
UPDATE ledger_account a
   SET earned = coalesce(f.earned, 0), redeemed = coalesce(f.redeemed, 0),
       transferred_out = coalesce(f.transferred_out, 0), granted = coalesce(f.granted, 0),
       to_pool = coalesce(f.to_pool, 0)
  FROM ledger_account t
  LEFT JOIN (
    SELECT p.account_id,
           sum(p.amount) FILTER (WHERE p.kind = 'EARN') AS earned,
           -sum(p.amount) FILTER (WHERE p.kind IN ('REDEMPTION', 'REDEMPTION_REFUND')) AS redeemed,
           -sum(p.amount) FILTER (WHERE p.kind = 'TRANSFER_OUT') AS transferred_out,
           sum(p.amount) FILTER (WHERE p.kind = 'POOL_GRANT') AS granted,
           -sum(p.amount) FILTER (WHERE p.kind IN ('DONATION', 'CAP_OVERFLOW')) AS to_pool
      FROM posting p
     WHERE p.kind <> 'REVERSAL' AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id)
     GROUP BY p.account_id) f ON f.account_id = t.id
 WHERE a.id = t.id AND t.volunteer_id IS NOT NULL AND t.currency = 'TIME'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP COLUMN "to_pool"`);
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP COLUMN "granted"`);
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP COLUMN "transferred_out"`);
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP COLUMN "redeemed"`);
    await queryRunner.query(`ALTER TABLE "ledger_account" DROP COLUMN "earned"`);
  }
}
