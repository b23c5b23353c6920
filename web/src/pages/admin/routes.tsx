// The admin pages' routes (their menu is nav.ts): each page its own chunk, loaded when first opened.
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { page } from '../../components/lazy-page';

export const adminRoutes: RouteObject = {
  path: '/admin',
  element: <RequireRole roles={['ADMIN']} />,
  children: [
    { index: true, lazy: page(() => import('./accounts-page')) },
    { path: 'audit', lazy: page(() => import('./audit-page')) },
  ],
};
