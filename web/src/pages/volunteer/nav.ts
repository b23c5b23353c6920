// The volunteer pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const volunteerNav: NavItem[] = [{ to: '/volunteer', label: 'nav.home' }];
