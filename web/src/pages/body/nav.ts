// The body pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const bodyNav: NavItem[] = [
  { to: '/body', label: 'body.nav.certificates' },
  { to: '/body/import', label: 'body.nav.import' },
  { to: '/body/training', label: 'body.nav.training' },
];
