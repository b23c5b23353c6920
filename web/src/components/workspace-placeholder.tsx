import { Link } from 'react-router';
import { type MessageKey, useI18n } from '../i18n';
import { usePageTitle } from './page-title';

/** The home of a role whose own pages come in a later release: its heading, and what can be done already. */
export function WorkspacePlaceholder({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  usePageTitle(t(title));
  return (
    <div className="panel">
      <h1>{t(title)}</h1>
      <p>{t('home.comingSoon')}</p>
      <p>
        <Link to="/change-password">{t('nav.changePassword')}</Link>
      </p>
    </div>
  );
}
