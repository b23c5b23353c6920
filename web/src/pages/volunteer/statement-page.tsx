import { useQuery } from '@apollo/client/react';
import { Alert, Button, Radio, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatMinutes, formatMonth, formatNumber, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, describeEntry, formatAmount } from './parts';
import { VolunteerStatementDocument } from './timebank.generated';

type Currency = 'TIME' | 'POINTS';

/** The statement: every line in words (who, where), newest first, by month, with the balance after each line. */
export default function StatementPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.statement.title'));
  const [currency, setCurrency] = useState<Currency>('TIME');
  const { data, error, fetchMore, loading } = useQuery(VolunteerStatementDocument, { fetchPolicy: 'network-only' });
  const bank = data?.myTimeBank;

  const months = useMemo(() => {
    const groups: { month: string; lines: NonNullable<typeof bank>['entries']['edges'] }[] = [];
    for (const edge of bank?.entries.edges ?? []) {
      if (edge.node.currency !== currency) continue;
      const month = todayInShanghai(new Date(edge.node.at)).slice(0, 7);
      if (groups.at(-1)?.month !== month) groups.push({ month, lines: [] });
      groups.at(-1)!.lines.push(edge);
    }
    return groups;
  }, [bank, currency]);

  const more = () =>
    fetchMore({
      variables: { after: bank?.entries.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        myTimeBank: {
          ...fetchMoreResult.myTimeBank,
          entries: {
            ...fetchMoreResult.myTimeBank.entries,
            edges: [...previous.myTimeBank!.entries.edges, ...fetchMoreResult.myTimeBank.entries.edges],
          },
        },
      }),
    });

  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.statement.title')}</h1>
      {error && <Alert className="form-alert" type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!bank && !error && <Spin aria-label={t('volunteer.loading')} />}
      {bank && (
        <>
          <p className="vt-confirm-effect">
            {currency === 'TIME'
              ? t('volunteer.statement.nowTime', { time: formatMinutes(bank.timeBalanceMinutes, lang) })
              : t('volunteer.statement.nowPoints', { n: formatNumber(bank.pointsBalance, lang) })}
          </p>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={currency}
            onChange={(e) => setCurrency(e.target.value as Currency)}
            aria-label={t('volunteer.statement.which')}
            options={[
              { value: 'TIME', label: t('volunteer.statement.time') },
              { value: 'POINTS', label: t('volunteer.statement.pointsTab') },
            ]}
          />
          {months.length === 0 && <p>{t('volunteer.statement.empty')}</p>}
          {months.map((group) => (
            <section key={group.month} aria-labelledby={`month-${group.month}`}>
              <div className="vt-month">
                <h2 id={`month-${group.month}`}>{formatMonth(group.month, lang)}</h2>
              </div>
              <ul className="vt-list">
                {group.lines.map(({ cursor, node }) => (
                  <li className="vt-line" key={cursor}>
                    <div className="vt-line-main">
                      <p>{describeEntry(t, lang, node)}</p>
                      <p className="vt-muted">{formatDate(todayInShanghai(new Date(node.at)), lang)}</p>
                    </div>
                    <div className="vt-line-side">
                      <p className={node.amount >= 0 ? 'vt-plus' : 'vt-minus'}>
                        {formatAmount(t, lang, node.currency, node.amount)}
                      </p>
                      <p className="vt-muted">
                        {t('volunteer.statement.after', {
                          balance: formatAmount(t, lang, node.currency, node.balanceAfter, false),
                        })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {bank.entries.pageInfo.hasNextPage && (
            <Button size="large" block loading={loading} onClick={() => void more()}>
              {t('volunteer.statement.more')}
            </Button>
          )}
        </>
      )}
    </LargeType>
  );
}
