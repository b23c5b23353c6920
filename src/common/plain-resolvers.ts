import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/**
 * Puts plain resolve functions (`'Type.field'` → function) onto the built schema, for `transformSchema`. A field
 * declared with `@ResolveField` and `@Args` always goes through Nest's per-call context machinery; graphql-js calls
 * these directly. The declaration (name, type, arguments, description) stays in the resolver class, so the schema
 * does not change. Fails at boot for a field that is not in the schema.
 */
export function withPlainResolvers(
  schema: GraphQLSchema,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each function types its own parent and args
  resolvers: Record<string, GraphQLFieldResolver<any, any, any>>,
): GraphQLSchema {
  for (const [path, resolve] of Object.entries(resolvers)) {
    const [typeName, fieldName] = path.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`${path} is not in the schema`);
    field.resolve = resolve;
  }
  return schema;
}
