import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/schema.generated';
import { HOME, useSession } from '../session';
import { AppShell } from './app-shell';

/**
 * A role's part of the pages: anonymous visitors go to sign-in (and come back after it), a temporary password
 * to its change first, and another role to its own home.
 */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (session.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  if (!roles.includes(session.user.role)) return <Navigate to={HOME[session.user.role]} replace />;
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}
