import { DownloadOutlined } from '@ant-design/icons';
import { Button, message as antMessage } from 'antd';
import { useState } from 'react';
import { authHeaders } from '../api/client';
import { useI18n } from '../i18n';
import { sessionStore } from '../session';

/** 导出Excel: asks the portal for the workbook with the bearer token and saves it under the portal's file name. */
export function ExportButton({ path, fallbackName }: { path: string; fallbackName: string }) {
  const { t } = useI18n();
  const [message, messages] = antMessage.useMessage();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const token = sessionStore.token();
    try {
      const response = await fetch(path, { headers: authHeaders() });
      if (response.status === 401 && token) {
        sessionStore.expire(token);
        return;
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        throw new Error(body.message ?? response.statusText);
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      void message.error(
        t('planning.exportFailed', {
          reason: error instanceof Error && error.message ? error.message : t('error.network'),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {messages}
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={run} size="large">
        {busy ? t('planning.exporting') : t('planning.export')}
      </Button>
    </>
  );
}
