import { Alert } from 'antd';
import { useSyncExternalStore } from 'react';
import { retryStore } from '../api/client';
import { useI18n } from '../i18n';

/** Shown while a request waits to be retried because the API is unavailable for a moment. */
export function RetryNotice() {
  const { t } = useI18n();
  const retrying = useSyncExternalStore(retryStore.subscribe, retryStore.get);
  return retrying > 0 ? (
    <Alert className="retry-notice" type="warning" showIcon title={t('error.unavailable')} />
  ) : null;
}
