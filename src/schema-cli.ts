import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getDataSourceToken } from '@nestjs/typeorm';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logger.js';
import { loadConfig } from './config/config.js';

const HEADER = '# Generated from the code by `npm run schema:generate`; do not edit. CI fails if it drifts.\n\n';

/** Builds the GraphQL schema without a database and writes (or, with --check, compares) schema.gql. */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    JWT_SECRET: 'x'.repeat(32),
    PII_KEY: '0'.repeat(64),
  });
  const logger = new JsonLogger('error');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, logger)] })
    .overrideProvider(getDataSourceToken())
    .useValue({})
    .compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger });
  await app.init();
  const schema = HEADER + printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema)) + '\n';
  await app.close();

  const path = new URL('../../schema.gql', import.meta.url);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as drift
    }
    if (current !== schema) {
      console.error('schema.gql is out of date with the code: run `npm run schema:generate` and commit it.');
      return 1;
    }
    console.log('schema.gql matches the code');
    return 0;
  }
  writeFileSync(path, schema);
  console.log('schema.gql written');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
