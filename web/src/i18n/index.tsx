import { createContext, type ReactNode, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { enUS } from './en-US';
import type { Lang } from './lang';
import { type MessageKey, zhCN } from './zh-CN';

export type { Lang, MessageKey };
export { LANGS } from './lang';

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'eldercare.lang';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** `{name}` in a message replaced by params.name; a missing value stays visible as `{name}`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(params[name] ?? all)) : text;
}

// The chosen language lives outside React too: the API client sends it as Accept-Language.
function stored(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Lang = stored();
document.documentElement.lang = current;
const listeners = new Set<() => void>();

export function currentLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A browser that refuses storage still switches, for this visit.
  }
  document.documentElement.lang = lang;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const lang = useSyncExternalStore(subscribe, currentLang);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, t, setLang }), [lang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The catalogue label of an API enum value: codes never reach the screen. */
export function enumLabel(t: Translate, enumName: string, value: string): string {
  return t(`enum.${enumName}.${value}` as MessageKey);
}
