import { describe, expect, it } from '@jest/globals';
import {
  formatDate,
  formatMinutes,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  todayInShanghai,
} from './format';

describe('formats of the pages (pages.md: numbers, dates, money)', () => {
  it('writes numbers with thousands separators', () => {
    expect(formatNumber(25000, 'zh-CN')).toBe('25,000');
    expect(formatNumber(1234567, 'en-US')).toBe('1,234,567');
    expect(formatNumber(0.8444, 'zh-CN', 2)).toBe('0.84');
    expect(formatPercent(0.586, 'zh-CN')).toBe('58.6%');
  });

  it('writes dates in full in Chinese and in English', () => {
    expect(formatDate('2026-12-07', 'zh-CN')).toBe('2026年12月7日');
    expect(formatDate('2026-12-07', 'en-US')).toBe('7 Dec 2026');
    expect(formatMonth('2026-05', 'zh-CN')).toBe('2026年5月');
    expect(formatMonth('2026-05', 'en-US')).toBe('May 2026');
    expect(() => formatDate('2026-1-7', 'zh-CN')).toThrow();
  });

  it('writes money in yuan from the API’s decimal string, without floating point', () => {
    expect(formatMoney('1234.50', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney('0.5', 'zh-CN')).toBe('¥0.50');
    expect(formatMoney('90071992547409931.07', 'zh-CN')).toBe('¥90,071,992,547,409,931.07');
    expect(formatMoney('-20', 'en-US')).toBe('-¥20.00');
  });

  it('writes time-bank minutes as hours and minutes', () => {
    expect(formatMinutes(4440, 'zh-CN')).toBe('74 小时');
    expect(formatMinutes(90, 'zh-CN')).toBe('1 小时 30 分钟');
    expect(formatMinutes(30, 'zh-CN')).toBe('30 分钟');
    expect(formatMinutes(0, 'zh-CN')).toBe('0 分钟');
    expect(formatMinutes(60 * 1234 + 5, 'zh-CN')).toBe('1,234 小时 5 分钟');
    expect(formatMinutes(90, 'en-US')).toBe('1 h 30 min');
    expect(formatMinutes(-90, 'en-US')).toBe('-1 h 30 min');
  });

  it('takes today in Asia/Shanghai, the API’s today', () => {
    expect(todayInShanghai(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(todayInShanghai(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
  });
});
