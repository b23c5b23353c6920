// The institution pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const institutionNav: NavItem[] = [
  { to: '/institution', label: 'institution.nav.staff' },
  { to: '/institution/import', label: 'institution.nav.import' },
  { to: '/institution/volunteer-service', label: 'institution.nav.service' },
];
