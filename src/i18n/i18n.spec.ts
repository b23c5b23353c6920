import { describe, expect, it } from '@jest/globals';
import { en } from './messages.en.js';
import { zhCN } from './messages.zh-CN.js';
import { currentLang, fieldName, msg, resolveLang, withLang, word } from './i18n.js';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use every parameter of a message in both languages, and no other', () => {
    const mismatched = Object.keys(en).filter(
      (key) =>
        JSON.stringify([...new Set(params(en[key as keyof typeof en]))]) !==
        JSON.stringify([...new Set(params(zhCN[key as keyof typeof en]))]),
    );
    expect(mismatched).toEqual([]);
  });

  it('have no empty message, and Chinese messages are Chinese (not the English copied over)', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      expect(text.trim()).not.toBe('');
      const english = en[key as keyof typeof en];
      // Only bare placeholders ("{problems}") may read the same in both.
      if (english.replace(/\{\w+\}/g, '').trim() !== '') expect({ key, text }).not.toEqual({ key, text: english });
    }
  });
});

describe('wording', () => {
  it('fills parameters, wording nested messages in the same language', () => {
    const m = msg('common.notFound', { what: msg('thing.institution') });
    expect(word(m, 'zh-CN')).toBe('未找到机构');
    expect(word(m, 'en')).toBe('Institution not found');
    expect(word(msg('value.dateNotExist', { field: msg('field.startDate'), value: '2026-02-30' }), 'zh-CN')).toBe(
      '开始日期：2026-02-30 这一天并不存在',
    );
  });

  it('names a field in the user’s words where the catalogue has them', () => {
    expect(word(msg('value.mustBeText', { field: fieldName('input.asOf') }), 'zh-CN')).toBe('截至日期须为文本');
    expect(fieldName('somethingElse')).toBe('somethingElse');
  });

  it('uses the request’s language, Chinese outside one', () => {
    expect(currentLang()).toBe('zh-CN');
    expect(withLang('en', () => word(msg('auth.required')))).toBe('Authentication required');
    expect(word(msg('auth.required'))).toBe('请先登录');
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW,en;q=0.5', 'zh-CN'],
    ['fr-FR, en;q=0.8, zh;q=0.5', 'en'],
    ['en;q=0.4, zh-CN;q=0.9', 'zh-CN'],
    ['fr, de', 'zh-CN'],
    ['*', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['EN-gb', 'en'],
  ])('%s -> %s', (header, lang) => {
    expect(resolveLang(header)).toBe(lang);
  });
});
