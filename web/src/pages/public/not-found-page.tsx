import { Button, Result } from 'antd';
import { usePageTitle } from '../../components/page-title';
import { PublicShell } from '../../components/public-shell';
import { useI18n } from '../../i18n';

export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <PublicShell>
      <Result
        status="404"
        title={<h1 className="result-title">{t('notFound.title')}</h1>}
        subTitle={t('notFound.body')}
        extra={
          <Button type="primary" href="/">
            {t('notFound.back')}
          </Button>
        }
      />
    </PublicShell>
  );
}
