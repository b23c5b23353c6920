import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { useI18n } from '../i18n';
import { RegionsDocument } from './regions.generated';

/** Region names in the page's language, from the API's reference data (asked once per visit). */
export function useRegionNames(): (code: string | null | undefined) => string {
  const { lang } = useI18n();
  const { data } = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  return useCallback(
    (code) => {
      if (!code || !data) return '';
      const region = data?.regions.find((r) => r.code === code);
      return region ? (lang === 'zh-CN' ? region.nameZh : region.nameEn) : code;
    },
    [data, lang],
  );
}
