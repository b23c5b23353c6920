import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  type GraphQLNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { MAX_PAGE_SIZE } from './pagination.js';
import { t } from '../i18n/i18n.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/**
 * Fields that compute a figure over whole tables cost this much each instead of 1 (times the page sizes around
 * them, like any field), so that a request cannot ask for a hundred of them under aliases: with the default limit
 * of 20,000, about nineteen forecasts fit in one request, not a hundred. Keyed by `Type.field`.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.planningDashboard': 2000,
  'Query.workforceForecast': 1000,
  'Scenario.forecast': 1000,
  'Query.staffingRatios': 500,
  'Query.workforceProgress': 500,
  'Query.workforceHeadcount': 200,
  'Query.trainingProgress': 200,
  'Query.timeBankSummary': 200,
  'Query.skillProfile': 200,
  'Query.educationPipeline': 200,
  'Query.trainingCostPerPersonSession': 100,
};

interface Totals {
  depth: number;
  cost: number;
  aliases: number;
}

/** Apollo answers every validation error with HTTP 400 and `GRAPHQL_VALIDATION_FAILED`, these included. */
const limitError = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

/**
 * How many items a list field may return: its literal `first`, the largest page when `first` is a variable
 * (validation runs before variables are known), else 1.
 */
function multiplier(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT) return Math.min(MAX_PAGE_SIZE, Math.max(1, Number(first.value.value)));
  return MAX_PAGE_SIZE;
}

/** The type a field of `parent` returns, if the schema knows the field (unknown ones are reported elsewhere). */
function fieldType(parent: GraphQLNamedType | undefined, name: string): GraphQLNamedType | undefined {
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  const field = parent.getFields()[name];
  return field ? getNamedType(field.type) : undefined;
}

/**
 * Depth, cost and alias limits in one pass over each operation. Cost counts every field once (an expensive one,
 * FIELD_COSTS, its own cost), times the page size of the lists around it, so `first: 100` nested in `first: 100`
 * is expensive; inputs (variables) cost nothing, so a 10,000-row batch in variables passes. Introspection fields (`__schema`, `__type`, `__typename`)
 * count towards cost and aliases like any other field, but not towards depth, so that the standard introspection
 * query (nested `ofType`) passes while a hundred aliased copies of it do not.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

    const over = (acc: Totals) => acc.depth > limits.maxDepth || acc.cost > limits.maxCost;
    const walk = (
      set: SelectionSetNode,
      depth: number,
      factor: number,
      seen: Set<string>,
      acc: Totals,
      meta: boolean,
      parent: GraphQLNamedType | undefined,
    ) => {
      // Checked on entry too: a fragment spread twice in each of n nested fragments unfolds into 2^n leaves, and
      // once over a limit nothing more need be counted (the walk stays bounded by the limits themselves).
      if (over(acc)) return;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.alias) acc.aliases++;
          const name = sel.name.value;
          acc.cost += factor * (parent ? (FIELD_COSTS[`${parent.name}.${name}`] ?? 1) : 1);
          const introspection = meta || name.startsWith('__');
          if (!introspection) acc.depth = Math.max(acc.depth, depth);
          if (over(acc)) return;
          if (sel.selectionSet) {
            const inner = introspection ? factor : factor * multiplier(sel);
            walk(sel.selectionSet, depth + 1, inner, seen, acc, introspection, fieldType(parent, name));
          }
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
          walk(sel.selectionSet, depth, factor, seen, acc, meta, type);
        } else {
          const fragment = fragments.get(sel.name.value);
          if (!fragment || seen.has(sel.name.value)) continue; // cycles are reported by the standard rules
          const type = schema.getType(fragment.typeCondition.name.value);
          walk(fragment.selectionSet, depth, factor, new Set(seen).add(sel.name.value), acc, meta, type);
        }
        if (over(acc)) return;
      }
    };

    return {
      OperationDefinition(node) {
        const acc = { depth: 0, cost: 0, aliases: 0 };
        walk(node.selectionSet, 1, 1, new Set(), acc, false, schema.getRootType(node.operation) ?? undefined);
        if (acc.depth > limits.maxDepth)
          context.reportError(limitError(t('request.queryTooDeep', { max: limits.maxDepth })));
        if (acc.cost > limits.maxCost)
          context.reportError(limitError(t('request.queryTooCostly', { max: limits.maxCost })));
        if (acc.aliases > limits.maxAliases)
          context.reportError(limitError(t('request.queryTooManyAliases', { max: limits.maxAliases })));
      },
    };
  };
}
