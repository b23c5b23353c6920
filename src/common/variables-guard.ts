import type { ApolloServerPlugin } from '@apollo/server';
import {
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { BadUserInputError } from './errors.js';
import { type Msg, msg } from '../i18n/i18n.js';

/** Deeper than any input type of the schema nests; a guard against values built to exhaust the stack. */
export const MAX_VARIABLE_DEPTH = 32;
/**
 * The longest list any argument takes: the largest batch (10,000 certificates or attendances). Longer lists are
 * refused before graphql-js coerces and class-validator checks every item.
 */
export const MAX_LIST_ITEMS = 10_000;

interface Step {
  type: GraphQLInputType;
  value: unknown;
  depth: number;
  /** How to name this place in an error: the parent step and the field or index that leads here. */
  parent: Step | null;
  key: string | number | null;
}

const pathOf = (step: Step): string => {
  let path = '';
  for (let s: Step | null = step; s; s = s.parent) {
    if (typeof s.key === 'number') path = `[${s.key}]${path}`;
    else if (s.key !== null) path = `${s.parent ? '.' : ''}${s.key}${path}`;
  }
  return path;
};

const refuse = (variable: string, step: Step, problem: Msg) => {
  const at = pathOf(step);
  const message = msg('request.invalidVariableAt', { variable, path: at, reason: problem });
  // HTTP 400, as Apollo answers other variable errors; `http` never reaches the client (formatGraphQLError).
  return new BadUserInputError(message, [{ field: at, message }], { http: { status: 400 } });
};

/**
 * Checks one variable's value against its declared type before graphql-js coerces it, and stops at the first
 * problem: an input object with a field its type does not declare, a value nested deeper than its type allows
 * (an object or list where a scalar or enum belongs, a list where an input object belongs), or a list longer than
 * any batch. graphql-js would report
 * every unknown field (up to 50) with the whole value printed into each message, which for a body of a million keys
 * holds the event loop for minutes. Each value is visited at most once, iteratively, so the time is linear in the
 * input and the stack stays flat; there is no limit on how many keys a value holds in all. Names of undeclared
 * fields are client text and are not repeated. Everything else (types of scalars, enum values, missing required
 * fields) is left to graphql-js, whose messages `formatGraphQLError` strips of values.
 */
export function checkVariableValue(variable: string, type: GraphQLInputType, value: unknown): GraphQLError | null {
  const stack: Step[] = [{ type, value, depth: 0, parent: null, key: variable }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    let { type } = step;
    const { value } = step;
    if (value === null || value === undefined) continue;
    if (isNonNullType(type)) type = type.ofType;
    if (step.depth > MAX_VARIABLE_DEPTH) return refuse(variable, step, msg('request.nestedTooDeeply'));

    if (isListType(type)) {
      const itemType = type.ofType as GraphQLInputType;
      // A single value where a list is declared is a list of one (GraphQL input coercion).
      if (!Array.isArray(value)) {
        stack.push({ type: itemType, value, depth: step.depth + 1, parent: step.parent, key: step.key });
        continue;
      }
      if (value.length > MAX_LIST_ITEMS)
        return refuse(variable, step, msg('request.listTooLong', { max: MAX_LIST_ITEMS }));
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ type: itemType, value: value[i] as unknown, depth: step.depth + 1, parent: step, key: i });
      }
    } else if (isInputObjectType(type)) {
      if (typeof value !== 'object') continue; // graphql-js says "Expected type ... to be an object"
      if (Array.isArray(value)) return refuse(variable, step, msg('request.listForOne', { type: type.name }));
      const fields = type.getFields();
      const entries = value as Record<string, unknown>;
      for (const key in entries) {
        if (!Object.hasOwn(entries, key)) continue;
        if (!Object.hasOwn(fields, key)) return refuse(variable, step, msg('request.noSuchField', { type: type.name }));
        stack.push({ type: fields[key].type, value: entries[key], depth: step.depth + 1, parent: step, key });
      }
    } else if (typeof value === 'object') {
      // A scalar or enum: no input scalar of this schema takes an object or a list.
      return refuse(variable, step, msg('request.objectForScalar', { type: type.name }));
    }
  }
  return null;
}

/** The variables of an operation, each checked as above; the first problem, if any. */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | null {
  if (!variables) return null;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!Object.hasOwn(variables, name)) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue; // an unknown type is a validation error, already reported
    const problem = checkVariableValue(name, type, variables[name]);
    if (problem) return problem;
  }
  return null;
}

/**
 * Runs the check once the operation is known (after parsing and validation of the small query text, before
 * variables are coerced or anything executes): such a request is answered at once with BAD_USER_INPUT (HTTP 400).
 */
export function variablesGuardPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, operation, request }) => {
        if (!operation) return;
        const problem = checkVariables(schema, operation, request.variables);
        if (problem) throw problem;
      },
    }),
  };
}
