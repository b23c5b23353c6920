// The admin pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const adminNav: NavItem[] = [
  { to: '/admin', label: 'admin.nav.accounts' },
  { to: '/admin/audit', label: 'admin.nav.audit' },
];
