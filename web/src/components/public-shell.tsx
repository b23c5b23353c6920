import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { LanguageSwitch } from './language-switch';
import { RetryNotice } from './retry-notice';

/** The frame of the pages anyone may open: the portal's name, sign-in and verification links, the language. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')} className="app-nav">
          <Link to="/verify">{t('nav.verify')}</Link>
          <Link to={session ? '/' : '/login'}>{session ? t('nav.home') : t('nav.signIn')}</Link>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <RetryNotice />
      <main id="main" className="public-main">
        {children}
      </main>
    </div>
  );
}
