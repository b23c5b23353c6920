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
    { path: 'ratios', lazy: page(() => import('./ratios-page')) },
    { path: 'forecast', lazy: page(() => import('./forecast-page')) },
    { path: 'training', lazy: page(() => import('./training-page')) },
    { path: 'targets', lazy: page(() => import('./targets-page')) },
    { path: 'volunteers', lazy: page(() => import('./volunteers-page')) },
  ],
};
