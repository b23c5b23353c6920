// The planning pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const planningNav: NavItem[] = [
  { to: '/planning', label: 'nav.planning.dashboard' },
  { to: '/planning/volunteers', label: 'volunteer.planning.nav' },
];
