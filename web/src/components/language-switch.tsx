import { Button } from 'antd';
import { useI18n } from '../i18n';

/** Named "English" on Chinese pages and "中文" on English ones (pages.md); the choice is kept in the browser. */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <Button
      type="text"
      className="header-button"
      lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
      title={t('lang.switchHint')}
      onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('lang.switch')}
    </Button>
  );
}
