// The body pages' routes (their menu is nav.ts): each page its own chunk, loaded when first opened.
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { page } from '../../components/lazy-page';

export const bodyRoutes: RouteObject = {
  path: '/body',
  element: <RequireRole roles={['EVALUATION_BODY']} />,
  children: [
    { index: true, lazy: page(() => import('./home-page')) },
    { path: 'import', lazy: page(() => import('./import-page')) },
    { path: 'training', lazy: page(() => import('./training-page')) },
  ],
};
