// The volunteer pages' routes (their menu is nav.ts): each page its own chunk, loaded when first opened.
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { page } from '../../components/lazy-page';

export const volunteerRoutes: RouteObject = {
  path: '/volunteer',
  element: <RequireRole roles={['VOLUNTEER']} />,
  children: [
    { index: true, lazy: page(() => import('./home-page')) },
    { path: 'statement', lazy: page(() => import('./statement-page')) },
    { path: 'service', lazy: page(() => import('./service-page')) },
    { path: 'transfer', lazy: page(() => import('./transfer-page')) },
    { path: 'care', lazy: page(() => import('./care-page')) },
    { path: 'relatives', lazy: page(() => import('./relatives-page')) },
    { path: 'rewards', lazy: page(() => import('./rewards-page')) },
  ],
};
