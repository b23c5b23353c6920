// The planning pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const planningNav: NavItem[] = [
  { to: '/planning', label: 'nav.planning.dashboard' },
  { to: '/planning/ratios', label: 'planning.nav.ratios' },
  { to: '/planning/forecast', label: 'planning.nav.forecast' },
  { to: '/planning/training', label: 'planning.nav.training' },
  { to: '/planning/targets', label: 'planning.nav.targets' },
  { to: '/planning/volunteers', label: 'volunteer.planning.nav' },
];
