// Every number, date, amount of money and time-bank duration on the pages is written by these functions, so that
// the same figure reads the same everywhere (shared/contract/pages.md, "Numbers, dates, money").
import type { Lang } from './i18n/lang';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

/** 25000 -> "25,000"; with `digits`, that many decimals ("0.84"). */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return numberFormat(lang, digits).format(value);
}

/** A staffing ratio as the API gives it, to four decimals (0.0105 stays 0.0105, not 0.01). */
export function formatRatio(value: number, lang: Lang): string {
  return formatNumber(value, lang, 4);
}

/** A fraction as a percentage: 0.083 -> "8.3%". */
export function formatPercent(fraction: number, lang: Lang, digits = 1): string {
  return `${numberFormat(lang, digits).format(fraction * 100)}%`;
}

function parseDate(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-07" -> "2026年12月7日" (Chinese) or "7 Dec 2026" (English). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = parseDate(iso);
  return lang === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** "2026-05" -> "2026年5月" or "May 2026". */
export function formatMonth(yearMonth: string, lang: Lang): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return lang === 'zh-CN' ? `${y}年${m}月` : `${EN_MONTHS[m - 1]} ${y}`;
}

/** A month number 1-12: "5月" or "May". */
export function formatMonthNumber(month: number, lang: Lang): string {
  return lang === 'zh-CN' ? `${month}月` : EN_MONTHS[month - 1];
}

/** The API's Money ("1234.50", yuan) -> "¥1,234.50", without going through a float. */
export function formatMoney(amount: string, lang: Lang): string {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`Not a Money amount: ${amount}`);
  const [, sign, whole, cents = ''] = match;
  const grouped = numberFormat(lang, 0).format(BigInt(whole));
  return `${sign}¥${grouped}.${cents.padEnd(2, '0')}`;
}

/** Time-bank minutes as hours and minutes: 4440 -> "74 小时", 90 -> "1 小时 30 分钟" ("74 h", "1 h 30 min"). */
export function formatMinutes(minutes: number, lang: Lang): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const [h, min] = lang === 'zh-CN' ? ['小时', '分钟'] : ['h', 'min'];
  const parts: string[] = [];
  if (hours > 0) parts.push(`${formatNumber(hours, lang)} ${h}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${min}`);
  return sign + parts.join(' ');
}

/** Today's date in Asia/Shanghai, the API's "today" (YYYY-MM-DD). */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
