import { useQuery } from '@apollo/client/react';
import { Alert, Spin } from 'antd';
import { Link } from 'react-router';
import { explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { formatMinutes, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { VolunteerHomeDocument } from './timebank.generated';

/** The volunteer's home: her balance in hours and minutes, her points, and what she can do next. */
export default function HomePage() {
  const { t, lang } = useI18n();
  usePageTitle(t('home.volunteer.title'));
  const { data, error } = useQuery(VolunteerHomeDocument, { fetchPolicy: 'network-only' });
  const bank = data?.myTimeBank;
  const pending = data?.serviceRecords.totalCount ?? 0;
  return (
    <LargeType className="vt-home">
      <h1>{t('home.volunteer.title')}</h1>
      {error && <Alert className="form-alert" type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!bank && !error && <Spin aria-label={t('volunteer.loading')} />}
      {bank && (
        <>
          <p>{t('volunteer.home.greeting', { name: bank.volunteer.person.name })}</p>
          <section className="vt-card vt-balance" aria-label={t('volunteer.home.balances')}>
            <div>
              <p className="vt-balance-label" id="time-balance-label">
                {t('volunteer.home.time')}
              </p>
              <p className="vt-balance-value" aria-labelledby="time-balance-label" data-testid="time-balance">
                {formatMinutes(bank.timeBalanceMinutes, lang)}
              </p>
            </div>
            <div>
              <p className="vt-balance-label" id="points-balance-label">
                {t('volunteer.home.pointsLabel')}
              </p>
              <p className="vt-balance-value" aria-labelledby="points-balance-label" data-testid="points-balance">
                {formatNumber(bank.pointsBalance, lang)}
              </p>
            </div>
          </section>
          <p className="vt-muted">{t('volunteer.home.timeExplained')}</p>
          {pending > 0 && (
            <p>
              <Link className="vt-back" to="/volunteer/service">
                {t('volunteer.home.pending', { n: pending })}
              </Link>
            </p>
          )}
          <h2>{t('volunteer.home.next')}</h2>
          <nav className="vt-actions" aria-label={t('volunteer.home.next')}>
            <Link className="vt-action vt-action-primary" to="/volunteer/service">
              {t('volunteer.nav.service')}
            </Link>
            <Link className="vt-action" to="/volunteer/statement">
              {t('volunteer.nav.statement')}
            </Link>
            <Link className="vt-action" to="/volunteer/transfer">
              {t('volunteer.nav.transfer')}
            </Link>
            <Link className="vt-action" to="/volunteer/care">
              {t('volunteer.nav.care')}
            </Link>
            <Link className="vt-action" to="/volunteer/relatives">
              {t('volunteer.nav.relatives')}
            </Link>
            <Link className="vt-action" to="/volunteer/rewards">
              {t('volunteer.nav.rewards')}
            </Link>
          </nav>
        </>
      )}
    </LargeType>
  );
}
