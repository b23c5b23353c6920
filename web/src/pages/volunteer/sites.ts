import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { VolunteerServiceSitesDocument } from './timebank.generated';

/** The service sites as options of a searchable select: typing part of a name narrows the list. */
export function useSiteOptions(): { value: string; label: string }[] {
  const { data } = useQuery(VolunteerServiceSitesDocument, { fetchPolicy: 'cache-first' });
  return useMemo(
    () => (data?.serviceSites.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name })),
    [data],
  );
}
