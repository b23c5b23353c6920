import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the query selects a field named `name` anywhere below the current field (fragments included), so a
 * resolver can fetch nested data in its own statement instead of a round trip per level.
 */
export function selectsFieldBelow(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((node) => {
      switch (node.kind) {
        case Kind.FIELD:
          return node.name.value === name || walk(node.selectionSet);
        case Kind.INLINE_FRAGMENT:
          return walk(node.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          if (seen.has(node.name.value)) return false;
          seen.add(node.name.value);
          return walk(info.fragments[node.name.value]?.selectionSet);
        }
        default:
          return false;
      }
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}
