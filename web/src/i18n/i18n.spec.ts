import { describe, expect, it } from '@jest/globals';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the page catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have a text for every key, with the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim()).not.toBe('');
      expect(enUS[key].trim()).not.toBe('');
      expect({ key, placeholders: placeholders(enUS[key]) }).toEqual({ key, placeholders: placeholders(zhCN[key]) });
    }
  });

  it('name the language switch after the other language (pages.md)', () => {
    expect(zhCN['lang.switch']).toBe('English');
    expect(enUS['lang.switch']).toBe('中文');
  });

  it('use the names browser tests find (pages.md)', () => {
    expect([zhCN['login.username'], zhCN['login.password'], zhCN['login.submit']]).toEqual(['用户名', '密码', '登录']);
    expect([enUS['login.username'], enUS['login.password'], enUS['login.submit']]).toEqual([
      'Username',
      'Password',
      'Sign in',
    ]);
    expect([zhCN['verify.number'], zhCN['verify.name'], zhCN['verify.submit']]).toEqual(['证书编号', '姓名', '查询']);
    expect([enUS['verify.number'], enUS['verify.name'], enUS['verify.submit']]).toEqual([
      'Certificate number',
      'Name',
      'Verify',
    ]);
    expect([zhCN['password.old'], zhCN['password.new'], zhCN['password.submit']]).toEqual([
      '原密码',
      '新密码',
      '修改密码',
    ]);
    expect([enUS['password.old'], enUS['password.new'], enUS['password.submit']]).toEqual([
      'Current password',
      'New password',
      'Change password',
    ]);
    expect([zhCN['nav.signOut'], enUS['nav.signOut']]).toEqual(['退出', 'Sign out']);
    expect([zhCN['planning.asOf'], enUS['planning.asOf']]).toEqual(['截至日期', 'As of']);
    expect([zhCN['planning.export'], enUS['planning.export']]).toEqual(['导出Excel', 'Export to Excel']);
    for (const [status, zh, en] of [
      ['valid', '有效', 'Valid'],
      ['expired', '已过期', 'Expired'],
      ['revoked', '已撤销', 'Revoked'],
      ['notFound', '未查到', 'Not found'],
    ] as const) {
      expect(zhCN[`verify.${status}`].startsWith(zh)).toBe(true);
      expect(enUS[`verify.${status}`].startsWith(en)).toBe(true);
    }
    expect(zhCN['verify.employerRecorded']).toBe('由用人单位录入，未经发证机构确认。');
  });
});
