import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { MAX_PAGE_SIZE } from './pagination.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

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

/**
 * Depth, cost and alias limits in one pass over each operation. Cost counts every field once, times the page
 * size of the lists around it, so `first: 100` nested in `first: 100` is expensive; inputs (variables) cost
 * nothing, so a 10,000-row batch in variables passes. Introspection fields (`__schema`, `__type`, `__typename`)
 * count towards cost and aliases like any other field, but not towards depth, so that the standard introspection
 * query (nested `ofType`) passes while a hundred aliased copies of it do not.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
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
      meta = false,
    ) => {
      // Checked on entry too: a fragment spread twice in each of n nested fragments unfolds into 2^n leaves, and
      // once over a limit nothing more need be counted (the walk stays bounded by the limits themselves).
      if (over(acc)) return;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.alias) acc.aliases++;
          acc.cost += factor;
          const introspection = meta || sel.name.value.startsWith('__');
          if (!introspection) acc.depth = Math.max(acc.depth, depth);
          if (over(acc)) return;
          if (sel.selectionSet) {
            const inner = introspection ? factor : factor * multiplier(sel);
            walk(sel.selectionSet, depth + 1, inner, seen, acc, introspection);
          }
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          walk(sel.selectionSet, depth, factor, seen, acc, meta);
        } else {
          const fragment = fragments.get(sel.name.value);
          if (!fragment || seen.has(sel.name.value)) continue; // cycles are reported by the standard rules
          walk(fragment.selectionSet, depth, factor, new Set(seen).add(sel.name.value), acc, meta);
        }
        if (over(acc)) return;
      }
    };

    return {
      OperationDefinition(node) {
        const acc = { depth: 0, cost: 0, aliases: 0 };
        walk(node.selectionSet, 1, 1, new Set(), acc);
        if (acc.depth > limits.maxDepth)
          context.reportError(limitError(`Query is deeper than ${limits.maxDepth} levels`));
        if (acc.cost > limits.maxCost) context.reportError(limitError(`Query costs more than ${limits.maxCost}`));
        if (acc.aliases > limits.maxAliases)
          context.reportError(limitError(`Query uses more than ${limits.maxAliases} aliases`));
      },
    };
  };
}
