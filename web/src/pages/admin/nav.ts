// The admin pages' menu, in order (their routes are in routes.tsx).
import type { NavItem } from '../../components/app-shell';

export const adminNav: NavItem[] = [{ to: '/admin', label: 'nav.home' }];
