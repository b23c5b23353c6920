// The volunteer pages' menu, in order (their routes are in routes.tsx). Kept short for a phone: the home's large
// buttons lead to the rest.
import type { NavItem } from '../../components/app-shell';

export const volunteerNav: NavItem[] = [
  { to: '/volunteer', label: 'nav.home' },
  { to: '/volunteer/statement', label: 'volunteer.nav.statementShort' },
  { to: '/volunteer/service', label: 'volunteer.nav.serviceShort' },
];
