// Routes of shared/contract/pages.md, one file per area (pages/<area>/routes.tsx). Each page is its own chunk,
// loaded when first opened; the sign-in page's chunk carries no chart or dashboard code.
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { page } from './components/lazy-page';
import { RouteError } from './components/route-error';
import { adminRoutes } from './pages/admin/routes';
import { bodyRoutes } from './pages/body/routes';
import { institutionRoutes } from './pages/institution/routes';
import { planningRoutes } from './pages/planning/routes';
import { publicRoutes } from './pages/public/routes';
import { volunteerRoutes } from './pages/volunteer/routes';
import { homeOf, useSession } from './session';

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
      ...publicRoutes,
      planningRoutes,
      institutionRoutes,
      bodyRoutes,
      volunteerRoutes,
      adminRoutes,
      { path: '*', lazy: page(() => import('./pages/public/not-found-page')) },
    ],
  },
]);
