import { Alert, Button, type FormInstance, Modal } from 'antd';
import type { ComponentProps, ReactNode } from 'react';
import { explainError } from '../api/errors';
import { type Translate, useI18n } from '../i18n';

/** An API error as one line for a dialog or a list: the top-level reasons, then the fields' ones. */
export function errorText(error: unknown, t: Translate): string | null {
  if (!error) return null;
  const explained = explainError(error, t);
  return [...explained.top, ...Object.values(explained.fields)].join(' ');
}

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

/**
 * A FormDialog whose 确认 checks `form` and, when its fields are valid, sends them (`send` is the API call); `done`
 * runs with the values and the answer. A refused call keeps the dialog open with its reason (`error`) shown.
 */
export function FormSendDialog<V, R>({
  form,
  send,
  done,
  error,
  ...dialog
}: Omit<ComponentProps<typeof FormDialog>, 'onConfirm' | 'error'> & {
  form: FormInstance<V>;
  send(values: V): Promise<R>;
  done(values: V, result: R): void;
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      {...dialog}
      error={errorText(error, t)}
      onConfirm={async () => {
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        await send(values).then(
          (result) => done(values, result),
          () => undefined,
        );
      }}
    />
  );
}
