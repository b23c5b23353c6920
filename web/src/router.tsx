// Routes of shared/contract/pages.md. Each page is its own chunk, loaded when first opened; the sign-in page's
// chunk carries no chart or dashboard code.
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RequireRole } from './components/require-role';
import { RouteError } from './components/route-error';
import { preloadDashboard } from './pages/planning/preload';
import { homeOf, useSession } from './session';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeOf(session.user) : '/login'} replace />;
}

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteError />,
    // Shown for the moment the first page's chunk loads.
    hydrateFallbackElement: <div className="boot" aria-busy="true" />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/login', lazy: page(() => import('./pages/public/login-page')) },
      { path: '/verify', lazy: page(() => import('./pages/public/verify-page')) },
      { path: '/change-password', lazy: page(() => import('./pages/public/change-password-page')) },
      {
        path: '/planning',
        element: <RequireRole roles={['MUNICIPAL_PLANNER', 'DISTRICT_PLANNER']} />,
        children: [
          { index: true, loader: preloadDashboard, lazy: page(() => import('./pages/planning/dashboard-page')) },
        ],
      },
      {
        path: '/institution',
        element: <RequireRole roles={['INSTITUTION_ADMIN']} />,
        children: [{ index: true, lazy: page(() => import('./pages/institution/home-page')) }],
      },
      {
        path: '/body',
        element: <RequireRole roles={['EVALUATION_BODY']} />,
        children: [{ index: true, lazy: page(() => import('./pages/body/home-page')) }],
      },
      {
        path: '/volunteer',
        element: <RequireRole roles={['VOLUNTEER']} />,
        children: [{ index: true, lazy: page(() => import('./pages/volunteer/home-page')) }],
      },
      {
        path: '/admin',
        element: <RequireRole roles={['ADMIN']} />,
        children: [{ index: true, lazy: page(() => import('./pages/admin/home-page')) }],
      },
      { path: '*', lazy: page(() => import('./pages/public/not-found-page')) },
    ],
  },
]);
