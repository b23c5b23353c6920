// Asks for the dashboard's figures as soon as the route matches, while the page's code is still loading: the
// page's own query then joins this request (Apollo sends identical queries in flight once).
import type { LoaderFunctionArgs } from 'react-router';
import { apolloClient } from '../../api/client';
import { RegionsDocument } from '../../api/regions.generated';
import { asOfFromSearch } from '../../components/as-of';
import { sessionStore } from '../../session';
import { PlanningDashboardDocument } from './dashboard.generated';

export function preloadDashboard({ request }: LoaderFunctionArgs): null {
  const user = sessionStore.get().session?.user;
  if (user && !user.mustChangePassword && (user.role === 'MUNICIPAL_PLANNER' || user.role === 'DISTRICT_PLANNER')) {
    const asOf = asOfFromSearch(new URL(request.url).searchParams);
    void apolloClient.query({ query: PlanningDashboardDocument, variables: { asOf } }).catch(() => undefined);
    void apolloClient.query({ query: RegionsDocument }).catch(() => undefined);
  }
  return null;
}
