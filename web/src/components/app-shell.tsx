import { useQuery } from '@apollo/client/react';
import { Alert, Button } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import type { Role } from '../api/schema.generated';
import { MeDocument } from '../api/session.generated';
import { enumLabel, type MessageKey, useI18n } from '../i18n';
import { HOME, sessionStore, useSession } from '../session';
import { adminNav } from '../pages/admin/nav';
import { bodyNav } from '../pages/body/nav';
import { institutionNav } from '../pages/institution/nav';
import { planningNav } from '../pages/planning/nav';
import { volunteerNav } from '../pages/volunteer/nav';
import { LanguageSwitch } from './language-switch';
import { RetryNotice } from './retry-notice';

/** One entry of a role's menu; each area's routes.tsx lists its own (pages/<area>/routes.tsx). */
export interface NavItem {
  to: string;
  label: MessageKey;
  /** Only for these roles (say, a page for municipal planners alone); every role of the area when absent. */
  roles?: Role[];
}

/** Each role's pages, in the order of its menu. */
function navOf(role: Role): NavItem[] {
  const area = {
    MUNICIPAL_PLANNER: planningNav,
    DISTRICT_PLANNER: planningNav,
    INSTITUTION_ADMIN: institutionNav,
    EVALUATION_BODY: bodyNav,
    VOLUNTEER: volunteerNav,
    ADMIN: adminNav,
  }[role];
  return area.filter((item) => !item.roles || item.roles.includes(role));
}

/** The frame of a signed-in user's pages: menu, account, language, sign-out. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  // The session is confirmed with the API when the pages open: a token ended elsewhere sends the user to sign-in,
  // and a changed account (a password to change) is followed.
  const me = useQuery(MeDocument, { fetchPolicy: 'network-only', skip: !session });
  useEffect(() => {
    if (me.data && session && JSON.stringify(me.data.me) !== JSON.stringify(session.user))
      sessionStore.update(me.data.me);
  }, [me.data, session]);

  if (!session) return null;
  const { user } = session;
  const signOut = () => {
    sessionStore.signOut();
    navigate('/login', { replace: true });
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <Link to={HOME[user.role]} className="brand">
          {t('app.name')}
        </Link>
        {!user.mustChangePassword && (
          <nav aria-label={t('nav.main')} className="app-nav">
            {navOf(user.role).map((item) => (
              <NavLink key={item.to} to={item.to} end>
                {t(item.label)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="header-tools">
          <span className="user-name">
            {t('nav.user', { username: user.username, role: enumLabel(t, 'Role', user.role) })}
          </span>
          {!user.mustChangePassword && (
            <Link to="/change-password" className="header-link">
              {t('nav.changePassword')}
            </Link>
          )}
          <LanguageSwitch />
          <Button type="text" className="header-button" onClick={signOut}>
            {t('nav.signOut')}
          </Button>
        </div>
      </header>
      <RetryNotice />
      <main id="main" className="app-main">
        {notice === 'passwordChanged' && (
          <Alert className="form-alert" type="success" showIcon closable title={t('password.changed')} />
        )}
        {children}
      </main>
    </div>
  );
}
