import { getArgumentValues, type GraphQLResolveInfo, isObjectType, Kind, type SelectionSetNode } from 'graphql';
import { unauthenticated } from '../common/errors.js';
import type { GraphQLContext } from '../common/loaders.js';
import { msg } from '../i18n/i18n.js';
import type { RegionPopulationFigure, RegionRow } from './regions.service.js';

/**
 * `Region.population` at run time: a plain resolve function that reads the figures `regions` fetched with the
 * regions (one statement for all of them), put onto the built schema by `transformSchema` so that graphql-js calls
 * it directly. `RegionsResolver.population` declares the field and its `year` argument for the schema.
 */
export function regionPopulation(
  region: RegionRow,
  { year }: { year?: number | null },
  ctx: GraphQLContext,
): RegionPopulationFigure | null {
  // `regions` is open to anonymous callers; the figures under it are not (deny by default, field by field).
  if (!ctx.req.actor) throw unauthenticated(msg('regions.signInToReadPopulation'));
  const asked = year ?? null;
  const figures = region.populations;
  // `regions` is the only way to a Region and reads a figure for every `year` the query asks for; a miss is a bug.
  if (!figures?.has(asked)) throw new Error(`Region.population(year: ${asked}) was not read with the regions`);
  return figures.get(asked) ?? null;
}

/**
 * The `year` arguments (null: none, the latest) of the `population` fields selected on the regions below the
 * current field, fragments, aliases and variables included. Empty when the query asks for no figure.
 */
export function populationYearsAsked(info: GraphQLResolveInfo): (number | null)[] {
  const region = info.schema.getType('Region');
  const field = isObjectType(region) ? region.getFields().population : undefined;
  if (!field) throw new Error('Region.population is not in the schema');
  const years = new Set<number | null>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const node of set?.selections ?? []) {
      if (node.kind === Kind.FIELD) {
        if (node.name.value !== 'population') continue;
        const { year } = getArgumentValues(field, node, info.variableValues) as { year?: number | null };
        years.add(year ?? null);
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        walk(node.selectionSet);
      } else if (!seen.has(node.name.value)) {
        seen.add(node.name.value);
        walk(info.fragments[node.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return [...years];
}
