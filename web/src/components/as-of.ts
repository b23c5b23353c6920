import { todayInShanghai } from '../format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The as-of date in an address (?asOf=YYYY-MM-DD), today when absent, malformed or in the future. */
export function asOfFromSearch(params: URLSearchParams): string {
  const today = todayInShanghai();
  const raw = params.get('asOf');
  return raw && ISO.test(raw) && raw <= today ? raw : today;
}
