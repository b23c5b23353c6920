// The notices shown after an account is changed on a staff page (admin accounts, planners' volunteers): a success
// line, the confirm / cancel buttons of a confirmation panel, and a temporary password shown once.
import { Alert, Button } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../i18n';

export function SuccessNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return (
    <div role="status">
      <Alert className="form-alert" type="success" showIcon title={notice} />
    </div>
  );
}

export function ConfirmButtons({
  busy,
  danger,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="toolbar">
      <Button type="primary" danger={danger} loading={busy} onClick={onConfirm}>
        {t('volunteer.confirm')}
      </Button>
      <Button onClick={onCancel}>{t('admin.cancel')}</Button>
    </div>
  );
}

/** A temporary password, shown once: the person passes it on, then "noted" hides it. */
export function TemporaryPasswordAlert({
  title,
  password,
  note,
  codeStyle,
  onNoted,
}: {
  title: string;
  password: string;
  note: ReactNode;
  codeStyle?: CSSProperties;
  onNoted(): void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      className="form-alert"
      type="warning"
      showIcon
      role="status"
      title={title}
      description={
        <>
          <p>
            {t('admin.tempPassword')}{' '}
            <code className="secret" style={codeStyle} data-testid="temporary-password">
              {password}
            </code>
          </p>
          <p>{note}</p>
          <Button onClick={onNoted}>{t('admin.noted')}</Button>
        </>
      }
    />
  );
}
