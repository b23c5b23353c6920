import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Spin } from 'antd';
import { useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatNumber, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { LargeType } from './large-type';
import { BackHome, ConfirmPanel, newIdempotencyKey } from './parts';
import { VolunteerRedeemPointsDocument, VolunteerRewardsDocument } from './timebank.generated';

interface Chosen {
  id: string;
  name: string;
  cost: number;
}

/** The rewards catalogue; buying one with points (after confirming), and the code to show to collect it. */
export default function RewardsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.rewards.title'));
  const { data, error, refetch } = useQuery(VolunteerRewardsDocument, { fetchPolicy: 'network-only' });
  const [redeem, { loading }] = useMutation(VolunteerRedeemPointsDocument);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [bought, setBought] = useState(false);
  const key = useRef<string | null>(null);
  const sending = useRef(false);
  const points = data?.myTimeBank.pointsBalance ?? 0;
  const n = (value: number) => formatNumber(value, lang);

  const confirm = async () => {
    if (!chosen || sending.current) return;
    sending.current = true;
    setProblem(null);
    try {
      await redeem({ variables: { input: { idempotencyKey: key.current!, rewardId: chosen.id, quantity: 1 } } });
      await refetch();
      setBought(true);
    } catch (e) {
      setProblem(explainError(e, t, [], { INSUFFICIENT_BALANCE: 'volunteer.rewards.notEnough' }));
    } finally {
      sending.current = false;
      setChosen(null);
    }
  };

  const latest = data?.myRewardRedemptions.edges[0]?.node;
  return (
    <LargeType>
      <BackHome />
      <h1>{t('volunteer.rewards.title')}</h1>
      {error && <Alert className="form-alert" type="error" showIcon title={explainError(error, t).top.join(' ')} />}
      {!data && !error && <Spin aria-label={t('volunteer.loading')} />}
      {data && <p className="vt-confirm-effect">{t('volunteer.rewards.balance', { n: n(points) })}</p>}
      {problem && problem.top.length > 0 && (
        <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
      )}
      {bought && latest && (
        <section className="vt-card vt-done" role="status">
          <p className="vt-confirm-effect">{t('volunteer.rewards.done', { name: latest.reward.name })}</p>
          <p>{t('volunteer.rewards.codeLabel')}</p>
          <p className="vt-code">{latest.code}</p>
          <p>{t('volunteer.rewards.howToCollect')}</p>
        </section>
      )}
      {chosen && (
        <ConfirmPanel
          title={t('volunteer.rewards.confirmTitle')}
          busy={loading}
          onBack={() => setChosen(null)}
          onConfirm={() => void confirm()}
          effect={t('volunteer.rewards.effect', { from: n(points), to: n(points - chosen.cost) })}
        >
          <p>{t('volunteer.rewards.confirmWhat', { name: chosen.name, cost: n(chosen.cost) })}</p>
        </ConfirmPanel>
      )}
      <h2>{t('volunteer.rewards.catalogue')}</h2>
      <ul className="vt-list" aria-label={t('volunteer.rewards.catalogue')}>
        {data?.rewards.edges
          .filter(({ node }) => node.active)
          .map(({ node }) => (
            <li className="vt-line" key={node.id}>
              <div className="vt-line-main">
                <h3>{node.name}</h3>
                {node.description && <p className="vt-muted">{node.description}</p>}
                <p>{t('volunteer.rewards.cost', { cost: n(node.pointsCost), stock: n(node.stock) })}</p>
              </div>
              <div className="vt-line-side">
                <Button
                  size="large"
                  type="primary"
                  disabled={node.stock < 1 || node.pointsCost > points || !!chosen}
                  onClick={() => {
                    setBought(false);
                    setProblem(null);
                    key.current = newIdempotencyKey();
                    setChosen({ id: node.id, name: node.name, cost: node.pointsCost });
                  }}
                >
                  {t('volunteer.rewards.redeem')}
                  <span className="visually-hidden"> {node.name}</span>
                </Button>
                {node.pointsCost > points && <p className="vt-muted">{t('volunteer.rewards.short')}</p>}
              </div>
            </li>
          ))}
      </ul>
      <h2>{t('volunteer.rewards.mine')}</h2>
      {data && data.myRewardRedemptions.edges.length === 0 && <p>{t('volunteer.rewards.noneYet')}</p>}
      <ul className="vt-list" aria-label={t('volunteer.rewards.mine')}>
        {data?.myRewardRedemptions.edges.map(({ node }) => (
          <li className="vt-line" key={node.id}>
            <div className="vt-line-main">
              <p>
                {t('volunteer.rewards.mineLine', {
                  name: node.reward.name,
                  quantity: node.quantity,
                  points: n(node.points),
                })}
              </p>
              <p className="vt-muted">{formatDate(todayInShanghai(new Date(node.redeemedAt)), lang)}</p>
            </div>
            <div className="vt-line-side">
              {node.status === 'PENDING' ? (
                <>
                  <p>{t('volunteer.rewards.codeShort')}</p>
                  <p className="vt-code">{node.code}</p>
                </>
              ) : node.status === 'COLLECTED' ? (
                <span className="vt-status vt-status-ok">{t('volunteer.rewards.collected')}</span>
              ) : (
                <span className="vt-status vt-status-no">{t('volunteer.rewards.cancelled')}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </LargeType>
  );
}
