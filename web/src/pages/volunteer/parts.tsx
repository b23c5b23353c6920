// What the volunteer pages share: the duration in hours and minutes, the confirmation step, the idempotency key,
// a link back home, and the wording of a statement line.
import { Button, Form, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { EntryKind, ServiceCategory } from '../../api/schema.generated';
import { formatDate, formatMinutes, formatNumber } from '../../format';
import { type Lang, type MessageKey, type Translate, useI18n } from '../../i18n';

/**
 * A new idempotency key for one confirmation: a second tap on 确认 (or a retry after a lost answer) sends the same
 * key, and the API does the thing once. From getRandomValues, which also works on a plain-HTTP address.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Two whole-number fields, 小时 and 分钟; the form keeps them as `hours` and `mins`. */
export function DurationFields({ maxHours = 24 }: { maxHours?: number }) {
  const { t } = useI18n();
  return (
    <fieldset className="vt-fieldset">
      <legend className="ant-form-item-label vt-legend">{t('volunteer.duration')}</legend>
      <div className="vt-duration">
        <Form.Item label={t('volunteer.hours')} name="hours" initialValue={0}>
          <InputNumber min={0} max={maxHours} precision={0} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('volunteer.minutes')} name="mins" initialValue={0}>
          <InputNumber min={0} max={59} precision={0} step={10} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
      </div>
    </fieldset>
  );
}

/** Hours and minutes from DurationFields, in minutes. */
export function durationOf(values: { hours?: number | null; mins?: number | null }): number {
  return Math.round((values.hours ?? 0) * 60 + (values.mins ?? 0));
}

/**
 * The confirmation step: what will happen and its effect on the balance, then 确认 or 返回修改. It stays until the
 * person chooses; nothing closes it on a timer.
 */
export function ConfirmPanel({
  title,
  children,
  effect,
  busy,
  onConfirm,
  onBack,
}: {
  title: string;
  children?: ReactNode;
  effect?: string;
  busy: boolean;
  onConfirm(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  return (
    <section className="vt-card vt-confirm" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{title}</h2>
      {children}
      {effect && <p className="vt-confirm-effect">{effect}</p>}
      <div className="vt-buttons">
        <Button type="primary" size="large" loading={busy} onClick={onConfirm}>
          {t('volunteer.confirm')}
        </Button>
        <Button size="large" disabled={busy} onClick={onBack}>
          {t('volunteer.back')}
        </Button>
      </div>
    </section>
  );
}

/** The result of a confirmed action: stays on the page (role="status") until the person moves on. */
export function DonePanel({
  children,
  onAgain,
  againLabel,
}: {
  children: ReactNode;
  onAgain?(): void;
  againLabel?: string;
}) {
  const { t } = useI18n();
  return (
    <section className="vt-card vt-done" role="status">
      {children}
      <div className="vt-buttons">
        <Link className="vt-action vt-action-primary" to="/volunteer">
          {t('volunteer.backHome')}
        </Link>
        {onAgain && (
          <Button size="large" onClick={onAgain}>
            {againLabel}
          </Button>
        )}
      </div>
    </section>
  );
}

/** "‹ 返回首页" above a page's title. */
export function BackHome() {
  const { t } = useI18n();
  return (
    <Link className="vt-back" to="/volunteer">
      {t('volunteer.backHomeLink')}
    </Link>
  );
}

export function categoryLabel(t: Translate, category: ServiceCategory): string {
  return t(`volunteer.category.${category}` as MessageKey);
}

export function relationshipLabel(t: Translate, relationship: string): string {
  return t(`volunteer.relationship.${relationship}` as MessageKey);
}

export interface EntryFacts {
  kind: EntryKind;
  currency: 'TIME' | 'POINTS';
  category?: ServiceCategory | null;
  counterpartyName?: string | null;
  serviceDate?: string | null;
  siteName?: string | null;
}

/** A statement line in words, from its facts: who, where, what (the API's note is English only). */
export function describeEntry(t: Translate, lang: Lang, e: EntryFacts): string {
  const site = e.siteName ?? t('volunteer.entry.someSite');
  const who = e.counterpartyName ?? t('volunteer.entry.someone');
  switch (e.kind) {
    case 'EARN': {
      const params = {
        site,
        category: e.category ? categoryLabel(t, e.category) : t('volunteer.category.OTHER'),
        date: e.serviceDate ? formatDate(e.serviceDate, lang) : '',
      };
      return t(e.currency === 'POINTS' ? 'volunteer.entry.earnPoints' : 'volunteer.entry.earn', params);
    }
    case 'CAP_OVERFLOW':
      return t('volunteer.entry.capOverflow');
    case 'DONATION':
      return t('volunteer.entry.donation');
    case 'TRANSFER_OUT':
      return t('volunteer.entry.transferOut', { who });
    case 'TRANSFER_IN':
      return t('volunteer.entry.transferIn', { who });
    case 'REDEMPTION':
      return e.counterpartyName
        ? t('volunteer.entry.redemptionFor', { who: e.counterpartyName, site })
        : t('volunteer.entry.redemptionSelf', { site });
    case 'REDEMPTION_REFUND':
      return t('volunteer.entry.refund', { site });
    case 'POOL_GRANT':
      return t('volunteer.entry.grant');
    case 'REWARD':
      return t('volunteer.entry.reward');
    case 'REVERSAL':
      return t('volunteer.entry.reversal');
    default:
      return t('volunteer.entry.other');
  }
}

/** An amount of the given currency: "+1 小时 30 分钟" or "-60 积分". */
export function formatAmount(t: Translate, lang: Lang, currency: 'TIME' | 'POINTS', amount: number, signed = true) {
  const sign = signed ? (amount > 0 ? '+' : amount < 0 ? '-' : '') : '';
  const value = Math.abs(amount);
  return (
    sign + (currency === 'TIME' ? formatMinutes(value, lang) : t('volunteer.points', { n: formatNumber(value, lang) }))
  );
}
