// The institution pages' routes (their menu is nav.ts): each page its own chunk, loaded when first opened.
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { page } from '../../components/lazy-page';

export const institutionRoutes: RouteObject = {
  path: '/institution',
  element: <RequireRole roles={['INSTITUTION_ADMIN']} />,
  children: [
    { index: true, lazy: page(() => import('./home-page')) },
    { path: 'import', lazy: page(() => import('./import-page')) },
    { path: 'volunteer-service', lazy: page(() => import('./volunteer-service-page')) },
  ],
};
