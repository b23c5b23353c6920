import { AsyncLocalStorage } from 'node:async_hooks';
import { en, type MessageKey } from './messages.en.js';
import { zhCN } from './messages.zh-CN.js';

export type { MessageKey };

/** The languages people read the portal in: Chinese first, English when the request prefers it. */
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const DEFAULT_LANG: Lang = 'zh-CN';

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** The `{name}` placeholders of an English message, as a union of their names. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

/** A value put into a message: a number, a person's own words or a value, or another message (worded in turn). */
export type Param = string | number | Msg | null;
export type ParamsOf<K extends MessageKey> = Record<ParamNames<(typeof en)[K]>, Param>;

/**
 * A text meant for a person, not yet worded: the catalogue key and its facts. Services and exceptions carry these;
 * the wording in the request's language happens when the answer is written (the error formatter, a note's field).
 */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, Param>>;
}

/** `msg('common.notFound', { what: msg('thing.institution') })`, with the parameters the message names. */
export function msg<K extends MessageKey>(
  key: K,
  ...params: [ParamNames<(typeof en)[K]>] extends [never] ? [] : [ParamsOf<K>]
): Msg {
  return params.length > 0 ? { key, params: params[0] as Record<string, Param> } : { key };
}

export const isMsg = (value: unknown): value is Msg =>
  typeof value === 'object' && value !== null && typeof (value as Msg).key === 'string' && (value as Msg).key in en;

/** A field named in the user's words where the catalogue has them (`field.startDate`), else as the API names it. */
export function fieldName(name: string): Param {
  const key = `field.${name.replace(/^(input|filter)\./, '')}`;
  return key in en ? { key: key as MessageKey } : name;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Words a message in a language; parameters that are messages are worded in the same language. */
export function word(message: Msg, lang: Lang = currentLang()): string {
  const text = CATALOGUES[lang][message.key] ?? en[message.key];
  const params = message.params;
  if (!params) return text;
  return text.replace(PLACEHOLDER, (all, name: string) => {
    const value = params[name];
    if (value === undefined) return all;
    if (value === null) return '';
    return isMsg(value) ? word(value, lang) : String(value);
  });
}

/** Shorthand: the message worded at once in the request's language. */
export function t<K extends MessageKey>(
  key: K,
  ...params: [ParamNames<(typeof en)[K]>] extends [never] ? [] : [ParamsOf<K>]
): string {
  return word(msg(key, ...params));
}

/** How two messages are joined into one sentence list in a language. */
export const joinWorded = (parts: string[], lang: Lang = currentLang()) => parts.join(lang === 'zh-CN' ? '；' : '; ');

/**
 * The language a request prefers (RFC 9110 Accept-Language, with q-values): the first of Chinese or English by
 * preference; Chinese when neither is named (or the header is missing or unreadable).
 */
export function resolveLang(header: string | string[] | undefined | null): Lang {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || value.length > 1000) return DEFAULT_LANG;
  const ranges = value
    .split(',')
    .map((part, order) => {
      const [tag, ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(a)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, order };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === '*') return DEFAULT_LANG;
  }
  return DEFAULT_LANG;
}

const requestLang = new AsyncLocalStorage<Lang>();

/** The language of the request being served (Chinese outside a request). */
export function currentLang(): Lang {
  return requestLang.getStore() ?? DEFAULT_LANG;
}

/** Runs `fn` with `lang` as the current language (a request, or a test). */
export const withLang = <T>(lang: Lang, fn: () => T): T => requestLang.run(lang, fn);
