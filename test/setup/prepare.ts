// Run by scripts/test.mjs (through tsx) before jest: builds the migrated database that every test file clones,
// once per set of migrations. Server mode: a template database. PGlite mode: a data-dir dump.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { startEmbeddedDatabase } from '../../src/database/embedded.js';

async function migrate(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}

async function prepareServer(adminUrl: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['eldercare-test-template']);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rowCount) return;
    const building = `${template}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    await migrate(url.toString());
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } finally {
    await admin.end();
  }
}

async function preparePglite(dumpFile: string): Promise<void> {
  const embedded = await startEmbeddedDatabase({ maxConnections: 2 });
  try {
    await migrate(embedded.url);
    const dump = await embedded.db.dumpDataDir('none');
    mkdirSync(dirname(dumpFile), { recursive: true });
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await embedded.stop();
  }
}

const [mode, target, template] = process.argv.slice(2);
(mode === 'server' ? prepareServer(target, template) : preparePglite(target)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
