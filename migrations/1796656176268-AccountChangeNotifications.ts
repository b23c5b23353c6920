import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every portal instance keeps the accounts its guard read in memory (src/auth/account-cache.ts) and listens on
 * `app_user_changed` to forget one as soon as its row changes or goes, whoever changed it: another instance, the
 * command line or a statement typed by hand. New accounts need no notice (nothing can have cached them). The
 * notification is sent when the transaction commits, and not at all when it rolls back.
 */
export class AccountChangeNotifications1796656176268 implements MigrationInterface {
  name = 'AccountChangeNotifications1796656176268';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION app_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('app_user_changed', OLD.id::text); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON "app_user" FOR EACH ROW EXECUTE FUNCTION app_user_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER app_user_changed ON "app_user"`);
    await queryRunner.query(`DROP FUNCTION app_user_changed()`);
  }
}
