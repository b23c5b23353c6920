import { type Msg, msg } from '../i18n/i18n.js';
import { EntryKind, JournalKind, type Relationship, type ServiceCategory } from './timebank.enums.js';

/** The facts a statement line carries, from which its note is worded in the reader's language. */
export interface StatementFacts {
  /** The posting's kind (direction for the account holder). */
  kind: EntryKind;
  /** Signed: a reversal that credits the account undoes a debit. */
  amount: number;
  /** The kind of the journal whose facts the line shows (for a reversal: the journal it reverses). */
  journalKind: JournalKind | null;
  reversal: boolean;
  /** What a person wrote: a grant's or reversal's reason, a cancellation's reason. */
  personNote: string | null;
  counterpartyName: string | null;
  relationship: Relationship | null;
  siteName: string | null;
  category: ServiceCategory | null;
  serviceDate: string | null;
  serviceMinutes: number | null;
  rewardName: string | null;
  rewardQuantity: number | null;
}

/** Minutes as hours and minutes: "2 小时 30 分钟", "2 h 30 min". */
export function duration(minutes: number): Msg {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return msg('statement.minutes', { minutes: m });
  if (m === 0) return msg('statement.hours', { hours: h });
  return msg('statement.hoursMinutes', { hours: h, minutes: m });
}

/** Older journals stored their English wording; the reason a person gave is what remains of it. */
const reasonOf = (note: string | null) => (note ? note.replace(/^Care cancelled: /, '') : null);

/** The line's own wording, before any reversal. */
function lineNote(f: StatementFacts): Msg | null {
  const site = f.siteName ?? '';
  switch (f.kind) {
    case EntryKind.EARN:
    case EntryKind.CAP_OVERFLOW: {
      const service =
        f.serviceDate && f.category
          ? msg('statement.service', {
              date: f.serviceDate,
              site,
              category: msg(`category.${f.category}`),
              duration: duration(f.serviceMinutes ?? 0),
            })
          : msg('statement.serviceUnknown');
      return f.kind === EntryKind.CAP_OVERFLOW ? msg('statement.capOverflow', { service }) : service;
    }
    case EntryKind.TRANSFER_OUT:
      return f.relationship
        ? msg('statement.transferToRelative', {
            relationship: msg(`relationship.${f.relationship}`),
            name: f.counterpartyName ?? '',
          })
        : msg('statement.transferTo', { name: f.counterpartyName ?? '' });
    case EntryKind.TRANSFER_IN:
      return msg('statement.transferFrom', { name: f.counterpartyName ?? '' });
    case EntryKind.DONATION:
      return msg('statement.donation');
    case EntryKind.POOL_GRANT:
      return f.personNote ? msg('statement.poolGrantReason', { reason: f.personNote }) : msg('statement.poolGrant');
    case EntryKind.REDEMPTION:
      return f.relationship && f.counterpartyName
        ? msg('statement.careForRelative', {
            relationship: msg(`relationship.${f.relationship}`),
            name: f.counterpartyName,
            site,
          })
        : msg('statement.careForSelf', { site });
    case EntryKind.REDEMPTION_REFUND: {
      const reason = reasonOf(f.personNote);
      return reason ? msg('statement.careCancelledReason', { site, reason }) : msg('statement.careCancelled', { site });
    }
    case EntryKind.REWARD:
      return msg('statement.reward', { name: f.rewardName ?? '', quantity: f.rewardQuantity ?? 1 });
    default:
      return null;
  }
}

/**
 * A statement line's note, worded from its facts (DESIGN.md "Language"): "2026-12-01 在 万州区社会福利院 陪伴服务 2 小时
 * 30 分钟", "转赠给配偶 张建国", "收到 李淑芬 转赠". A reversal names what it reverses and the reason given.
 */
export function statementNote(f: StatementFacts): Msg | null {
  if (!f.reversal) return lineNote(f);
  const original = lineNote({ ...f, kind: entryKindOf(f), personNote: null });
  const what = original ?? msg('statement.journal');
  return f.personNote
    ? msg('statement.reversalReason', { what, reason: f.personNote })
    : msg('statement.reversal', { what });
}

/** A reversal line's posting kind is REVERSAL: the original's kind for this account, by the journal and direction. */
function entryKindOf(f: StatementFacts): EntryKind {
  switch (f.journalKind) {
    case JournalKind.SERVICE_CREDIT:
      return EntryKind.EARN;
    case JournalKind.TRANSFER:
      return f.amount > 0 ? EntryKind.TRANSFER_OUT : EntryKind.TRANSFER_IN;
    case JournalKind.DONATION:
      return EntryKind.DONATION;
    case JournalKind.POOL_GRANT:
      return EntryKind.POOL_GRANT;
    case JournalKind.REWARD:
      return EntryKind.REWARD;
    default:
      return f.kind;
  }
}
