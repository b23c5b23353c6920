import { useI18n } from '../i18n';

/** A page that failed to load (a new release replaced its chunk, the network dropped): offer a reload. */
export function RouteError() {
  const { t } = useI18n();
  return (
    <main id="main" className="public-main">
      <h1>{t('error.unknown')}</h1>
      <p>
        <a href={window.location.pathname}>{t('error.reload')}</a>
      </p>
    </main>
  );
}
