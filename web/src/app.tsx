import { ApolloProvider } from '@apollo/client/react';
import { ConfigProvider } from 'antd';
// The ES-module builds of the locales (antd/locale/* are CommonJS and drag CommonJS copies of antd along).
import enUSLocale from 'antd/es/locale/en_US';
import zhCNLocale from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { RouterProvider } from 'react-router';
import { apolloClient } from './api/client';
import { I18nProvider, useI18n } from './i18n';
import { router } from './router';
import { theme } from './theme';

/** The nonce the portal put in this page's Content-Security-Policy, for the styles Ant Design injects. */
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

const reducedMotionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');
function subscribeReducedMotion(listener: () => void) {
  reducedMotionQuery.addEventListener('change', listener);
  return () => reducedMotionQuery.removeEventListener('change', listener);
}

function Localized() {
  // Animations off for those who asked their system for less motion.
  const reducedMotion = useSyncExternalStore(subscribeReducedMotion, () => reducedMotionQuery.matches);
  const themed = useMemo(() => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }), [reducedMotion]);
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang]);
  // Figures and server messages of the pages on screen are asked again in the new language.
  const shown = useRef(lang);
  useEffect(() => {
    if (shown.current === lang) return;
    shown.current = lang;
    void apolloClient.refetchQueries({ include: 'active' });
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} csp={{ nonce }} theme={themed}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}

export function App() {
  return (
    <StrictMode>
      <I18nProvider>
        <ApolloProvider client={apolloClient}>
          <Localized />
        </ApolloProvider>
      </I18nProvider>
    </StrictMode>
  );
}
