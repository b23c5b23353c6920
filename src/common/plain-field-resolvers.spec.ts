import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type GraphQLObjectType, type GraphQLSchema, isObjectType } from 'graphql';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { regionPopulation } from '../regions/region-population.field.js';
import { JsonLogger } from './logger.js';

/**
 * The hot field resolvers take no parameter decorators, so @nestjs/graphql hands graphql-js the bound method itself
 * (named `bound <method>`) instead of wrapping it in its per-call context machinery (guards, pipes, several promises per
 * parameter). A `@Parent()`, `@Context()` or `@Args()` added to one of them brings the slow path back: this fails.
 */
const PLAIN_FIELDS: [type: string, field: string][] = [
  ['Person', 'employments'],
  ['Person', 'certificates'],
  ['Employment', 'person'],
  ['Employment', 'institution'],
  ['Institution', 'activeStaffCount'],
  ['Institution', 'socialWorkerCount'],
  ['Institution', 'requiredSocialWorkers'],
  ['Certificate', 'levelName'],
  ['Certificate', 'issuerName'],
  ['Certificate', 'holder'],
  ['Certificate', 'supersedes'],
  ['Certificate', 'supersededBy'],
  ['TrainingSession', 'provider'],
  ['TrainingSession', 'attendeeCount'],
  ['TrainingSession', 'completedCount'],
  ['CollegeProgramYear', 'college'],
  ['User', 'institution'],
];

describe('plain field resolvers', () => {
  let app: INestApplication;
  let schema: GraphQLSchema;

  beforeAll(async () => {
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
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger });
    await app.init();
    schema = app.get(GraphQLSchemaHost).schema;
  });

  afterAll(() => app?.close());

  const resolveOf = (typeName: string, fieldName: string) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    const field = type.getFields()[fieldName];
    if (!field) throw new Error(`${typeName}.${fieldName} is not in the schema`);
    return field.resolve;
  };

  it.each(PLAIN_FIELDS)('%s.%s is the bound method itself (no parameter decorators)', (type, field) => {
    // Bound by Nest, then once more when the resolvers are added to the schema; the slow path's is `bound `.
    expect(resolveOf(type, field)?.name).toMatch(new RegExp(`^(bound )+${field}$`));
  });

  it('Region.population is the plain function put on the schema (its `year` argument kept)', () => {
    expect(resolveOf('Region', 'population')).toBe(regionPopulation);
    const field = (schema.getType('Region') as GraphQLObjectType).getFields().population;
    expect(field.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['year: Int']);
  });
});
