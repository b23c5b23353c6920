import 'reflect-metadata';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UnitOfWork } from './unit-of-work.js';
import { UserEntity } from '../auth/user.entity.js';
import { hashPassword } from '../auth/passwords.js';
import { JsonLogger } from '../common/logger.js';
import { Role } from '../common/roles.js';
import { parsePiiKey } from '../common/pii.js';
import { type AppConfig, ConfigError, loadConfig } from '../config/config.js';
import { type DataFolder, DataFolderLockedError, openDataFolder } from './data-folder.js';
import { dataSourceOptions } from './data-source.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';
import { PiiKeyMismatchError, rotatePiiKey } from './pii-key.js';
import { QueryLogger } from './query-logger.js';

const USAGE = `usage: node dist/src/database/cli.js <command>
  migrate        apply pending migrations
  revert         undo the last migration
  check          apply migrations, then fail if the entities need schema changes no migration makes (drift)
  seed           load demo data into a database without accounts (not in production)
  create-admin   apply migrations, then create an ADMIN account named ADMIN_USERNAME with ADMIN_PASSWORD
  rotate-pii-key re-encrypt every stored ID number and phone from PII_KEY to NEW_PII_KEY and recompute their
                 look-up hashes, in one transaction (stop every portal instance first)
Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data) when it is unset; the embedded database's
folder is locked while a command runs, as it is while the portal runs.`;

const COMMANDS = ['migrate', 'revert', 'check', 'seed', 'create-admin', 'rotate-pii-key'];

async function main(command: string | undefined): Promise<number> {
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const logger = new JsonLogger('info');
  const config = loadConfig(process.env, (m) => logger.warn(m, 'Config'));
  let newPiiKey: Buffer | undefined;
  if (command === 'rotate-pii-key') {
    try {
      newPiiKey = parsePiiKey(process.env.NEW_PII_KEY ?? '');
    } catch {
      throw new ConfigError('NEW_PII_KEY', 'must be 32 bytes written as 64 hex characters or base64');
    }
  }
  let embedded: EmbeddedDatabase | undefined;
  let folder: DataFolder | undefined;
  let url = config.databaseUrl;
  if (!url) {
    folder = openDataFolder(config.dataDir);
    try {
      embedded = await startEmbeddedDatabase({ dataDir: join(config.dataDir, 'pglite'), maxConnections: 4 });
    } catch (error) {
      folder.release();
      throw error;
    }
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, logger: new QueryLogger(logger) }));
  try {
    await dataSource.initialize();
    switch (command) {
      case 'migrate': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        logger.log({ msg: 'migrations applied', names: applied.map((m) => m.name) }, 'Migrations');
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 0;
      case 'check': {
        await dataSource.runMigrations({ transaction: 'each' });
        const pending = await dataSource.driver.createSchemaBuilder().log();
        if (pending.upQueries.length === 0) {
          logger.log('schema matches the entities: no migration missing', 'Migrations');
          return 0;
        }
        console.error(
          'The entities need schema changes that no migration makes. Generate one (npm run migration:generate -- migrations/<Name>). Missing:',
        );
        for (const q of pending.upQueries) console.error(`  ${q.query};`);
        return 1;
      }
      case 'seed': {
        // Reuses the app's seeding through a minimal Nest context would pull in GraphQL; the service is plain enough.
        const { createPortal } = await import('../bootstrap.js');
        await dataSource.destroy();
        const portal = await createPortal(
          { ...config, databaseUrl: url, embeddedDatabase: Boolean(embedded), seedDemo: true, migrateOnStart: true },
          logger,
        );
        await portal.app.close();
        return 0;
      }
      case 'create-admin': {
        const username = process.env.ADMIN_USERNAME?.trim().toLowerCase();
        const password = process.env.ADMIN_PASSWORD ?? '';
        if (!username || !/^[a-z0-9._-]{3,64}$/.test(username))
          throw new ConfigError('ADMIN_USERNAME', 'must be 3-64 letters, digits, dots, dashes or underscores');
        if (password.length < 8 || password.length > 128)
          throw new ConfigError('ADMIN_PASSWORD', 'must be 8-128 characters');
        await dataSource.runMigrations({ transaction: 'each' });
        const passwordHash = await hashPassword(password);
        // Audited like any other account creation, with no actor: it is made from the server's shell.
        await UnitOfWork.of(dataSource).run(null, 'createAdmin', async (em) => {
          const user = em.create(UserEntity, { username, passwordHash, role: Role.ADMIN });
          await em.insert(UserEntity, user);
          return {
            result: user,
            recordType: 'User',
            recordId: user.id,
            summary: { after: { username, role: Role.ADMIN } },
          };
        });
        logger.log({ msg: 'admin account created', username }, 'Accounts');
        return 0;
      }
      case 'rotate-pii-key': {
        await dataSource.runMigrations({ transaction: 'each' });
        const report = await rotatePiiKey(dataSource, config.piiKey, newPiiKey!);
        logger.log({ msg: 'PII key rotated', ...report }, 'Keys');
        keepNewKey(config, process.env.NEW_PII_KEY!.trim(), logger);
        return 0;
      }
    }
    return 2;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    folder?.release();
  }
}

/**
 * After a rotation: where the old key came from DATA_DIR/secrets.json (development), the file gets the new one, so
 * that the next start finds it; a key given in PII_KEY is the operator's to change.
 */
function keepNewKey(config: AppConfig, newKeyText: string, logger: JsonLogger): void {
  const fromFile = !process.env.PII_KEY?.trim() && config.nodeEnv !== 'production' && !config.generatedSecrets;
  if (!fromFile) {
    logger.log('Set PII_KEY to the new key (NEW_PII_KEY) before the portal starts again', 'Keys');
    return;
  }
  const file = join(config.dataDir, 'secrets.json');
  const next = `${file}.${process.pid}.tmp`;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(next, JSON.stringify({ ...stored, piiKey: newKeyText }, null, 2), { mode: 0o600 });
  renameSync(next, file);
  logger.log({ msg: 'secrets.json now holds the new PII key', file }, 'Keys');
}

/** Expected refusals are one line for the operator; anything else is printed whole. */
const KNOWN = [ConfigError, DataFolderLockedError, PiiKeyMismatchError];

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(KNOWN.some((k) => error instanceof k) ? (error as Error).message : error);
    process.exit(1);
  },
);
