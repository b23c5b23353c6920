import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { UserEntity } from '../auth/user.entity.js';
import { hashPassword } from '../auth/passwords.js';
import { JsonLogger } from '../common/logger.js';
import { Role } from '../common/roles.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { dataSourceOptions } from './data-source.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';
import { QueryLogger } from './query-logger.js';

const USAGE = `usage: node dist/src/database/cli.js <command>
  migrate        apply pending migrations
  revert         undo the last migration
  check          apply migrations, then fail if the entities need schema changes no migration makes (drift)
  seed           load demo data into a database without accounts (not in production)
  create-admin   apply migrations, then create an ADMIN account named ADMIN_USERNAME with ADMIN_PASSWORD
Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data) when it is unset.`;

async function main(command: string | undefined): Promise<number> {
  if (!command || !['migrate', 'revert', 'check', 'seed', 'create-admin'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const logger = new JsonLogger('info');
  const config = loadConfig(process.env, (m) => logger.warn(m, 'Config'));
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedDatabase({ dataDir: join(config.dataDir, 'pglite'), maxConnections: 4 });
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, logger: new QueryLogger(logger) }));
  await dataSource.initialize();
  try {
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
          { ...config, databaseUrl: url, seedDemo: true, migrateOnStart: true },
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
        await new AuditService(dataSource).mutation(null, 'createAdmin', async (em) => {
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
    }
    return 2;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
