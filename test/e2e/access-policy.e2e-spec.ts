import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ANY_ROLE, PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators.js';
import { Role } from '../../src/common/roles.js';
import { signIn } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Every root operation the app serves, with the access it declares. */
function rootOperations(t: TestApp) {
  const app = t.portal.app;
  const modules = app.get(ModulesContainer, { strict: false });
  const scanner = new MetadataScanner();
  const operations: { name: string; type: string; roles: unknown; isPublic: boolean }[] = [];
  for (const wrapper of [...modules.values()].flatMap((m) => [...m.providers.values()])) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance);
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      const type = Reflect.getMetadata('graphql:resolver_type', handler);
      if (type !== 'Query' && type !== 'Mutation') continue;
      operations.push({
        name: Reflect.getMetadata('graphql:resolver_name', handler) ?? method,
        type,
        roles: Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, instance.constructor),
        isPublic: Boolean(Reflect.getMetadata(PUBLIC_KEY, handler)),
      });
    }
  }
  return operations;
}

describe('access policy: deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('has every root operation state who may call it', () => {
    const operations = rootOperations(t);
    expect(operations.length).toBeGreaterThan(10);
    const undeclared = operations.filter((op) => !op.isPublic && op.roles === undefined).map((op) => op.name);
    expect(undeclared).toEqual([]);
    for (const op of operations) {
      if (op.roles === undefined || op.roles === ANY_ROLE) continue;
      expect(Array.isArray(op.roles) && (op.roles as Role[]).every((r) => Object.values(Role).includes(r))).toBe(true);
    }
  });

  it('keeps the public operations to the few that must be open', () => {
    const open = rootOperations(t)
      .filter((op) => op.isPublic)
      .map((op) => op.name)
      .sort();
    // Issue 13 opened `regions` (codes and names; populations stay for signed-in callers).
    expect(open).toEqual(['login', 'regions', 'registerVolunteer', 'verifyCertificate']);
  });

  it('refuses every non-public root field to an anonymous caller with UNAUTHENTICATED', async () => {
    // Selecting only __typename where the type is an object keeps these queries valid without knowing each type.
    const schema = await t.gql<{
      __schema: {
        queryType: {
          fields: {
            name: string;
            args: { name: string; type: { kind: string } }[];
            type: { kind: string; ofType: { kind: string } | null };
          }[];
        };
      };
    }>('{ __schema { queryType { fields { name args { name type { kind } } type { kind ofType { kind } } } } } }');
    // `regions` is public (the test above pins the public operations).
    const fields = schema.body.data!.__schema.queryType.fields.filter(
      (f) => f.name !== 'regions' && f.args.every((a) => a.type.kind !== 'NON_NULL'),
    );
    expect(fields.length).toBeGreaterThan(3);
    for (const field of fields) {
      const res = await t.gql(`{ ${field.name} { __typename } }`);
      expect({ field: field.name, codes: codes(res) }).toEqual({ field: field.name, codes: ['UNAUTHENTICATED'] });
    }
  });

  it('refuses a signed-in role an operation it is not listed for, with FORBIDDEN', async () => {
    const { token } = await signIn(t, { role: 'VOLUNTEER' });
    for (const query of [
      '{ users(first: 1) { totalCount } }',
      '{ auditEvents(first: 1) { totalCount } }',
      '{ targets { id } }',
      '{ institutions(first: 1) { totalCount } }',
    ]) {
      const res = await t.gql(query, {}, token);
      expect({ query, codes: codes(res) }).toEqual({ query, codes: ['FORBIDDEN'] });
      expect(res.body.data).toBeNull();
    }
  });
});
