// The planning pages' routes (their menu is nav.ts): each page its own chunk, loaded when first opened.
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { page } from '../../components/lazy-page';
import { preloadDashboard } from './preload';

export const planningRoutes: RouteObject = {
  path: '/planning',
  element: <RequireRole roles={['MUNICIPAL_PLANNER', 'DISTRICT_PLANNER']} />,
  children: [
    { index: true, loader: preloadDashboard, lazy: page(() => import('./dashboard-page')) },
    { path: 'volunteers', lazy: page(() => import('./volunteers-page')) },
  ],
};
