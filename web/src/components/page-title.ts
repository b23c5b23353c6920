import { useEffect } from 'react';
import { useI18n } from '../i18n';

/** The browser tab names the page, then the portal. */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
}
