// The pages anyone may open without signing in (and the password change, open to every signed-in account).
import type { RouteObject } from 'react-router';
import { page } from '../../components/lazy-page';

export const publicRoutes: RouteObject[] = [
  { path: '/login', lazy: page(() => import('./login-page')) },
  { path: '/verify', lazy: page(() => import('./verify-page')) },
  { path: '/signup', lazy: page(() => import('./signup-page')) },
  { path: '/change-password', lazy: page(() => import('./change-password-page')) },
];
