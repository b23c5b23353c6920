import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * A dialog that asks before a record is written (pages.md: "asks first, with a button 确认"): what will be done,
 * the fields it needs, and 确认 / 取消. `error` is shown above the buttons; `busy` while the API answers.
 */
export function FormDialog({
  open,
  title,
  onCancel,
  onConfirm,
  busy,
  error,
  children,
  confirmDisabled,
}: {
  open: boolean;
  title: string;
  onCancel(): void;
  onConfirm(): void;
  busy?: boolean;
  error?: string | null;
  children?: ReactNode;
  confirmDisabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    // Rendered in place: a dialog portalled to <body> locks scrolling with a <style> element that the page's
    // Content-Security-Policy refuses (it carries no nonce).
    <Modal
      getContainer={false}
      open={open}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('upload.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={confirmDisabled} onClick={onConfirm}>
          {t('upload.confirm')}
        </Button>,
      ]}
    >
      {children}
      {error && <Alert className="dialog-alert" type="error" showIcon title={error} />}
    </Modal>
  );
}
