import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { todayInShanghai } from '../format';
import { useI18n } from '../i18n';
import { asOfFromSearch } from './as-of';

/** The as-of date of a planner's page: in the address (?asOf=), so that a reload or a shared link keeps it; today by default. */
export function useAsOf(): [string, (asOf: string) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = asOfFromSearch(params);
  const set = useCallback(
    (value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === todayInShanghai()) next.delete('asOf');
          else next.set('asOf', value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [asOf, set];
}

/** 截至日期 (As of): a date field; dates after today cannot be chosen. */
export function AsOfField({ value, onChange }: { value: string; onChange(asOf: string): void }) {
  const { t } = useI18n();
  const today = dayjs(todayInShanghai());
  return (
    <div className="as-of-field">
      <label htmlFor="asOf">{t('planning.asOf')}</label>
      <DatePicker
        id="asOf"
        value={dayjs(value)}
        format="YYYY-MM-DD"
        allowClear={false}
        disabledDate={(d) => d.isAfter(today, 'day')}
        onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))}
        aria-describedby="asOf-hint"
      />
      <span id="asOf-hint" className="visually-hidden">
        {t('planning.asOfHint')}
      </span>
    </div>
  );
}
