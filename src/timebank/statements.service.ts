import { Injectable } from '@nestjs/common';
import { BadUserInputError, notFound } from '../common/errors.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import type { Actor } from '../common/roles.js';
import { StatementsReadModel } from './statements.read-model.js';
import type { TimeBank, TimeBankEntry, TimeBankMonth } from './time-bank-account.model.js';
import type { JournalKind, Relationship, ServiceCategory } from './timebank.enums.js';
import { msg } from '../i18n/i18n.js';

/** A volunteer's own time bank: balances, statement and monthly totals (never another volunteer's). */
@Injectable()
export class StatementsService {
  constructor(private readonly statements: StatementsReadModel) {}

  /** The caller's balances, from the stored balances: one statement. */
  async timeBank(actor: Actor, storageCapMinutes: number): Promise<TimeBank> {
    const rows = await this.statements.balancesOfUser(actor.userId);
    if (rows.length === 0) throw notFound(msg('thing.volunteerProfile'));
    return {
      volunteerId: rows[0].volunteerId,
      timeBalanceMinutes: rows[0].time,
      pointsBalance: rows[0].points,
      storageCapMinutes,
    };
  }

  /**
   * Every posting on the volunteer's TIME and POINTS accounts, newest first, with the facts of each line: the service
   * behind a credit (category, date, site), the care behind a redemption or refund (site, the relative), the other
   * party of a transfer. A reversal line carries the facts of the journal it reverses. One statement (the site's
   * name is loaded by the resolver, batched per request).
   */
  async entries(volunteerId: string, page: PageArgs): Promise<Connection<TimeBankEntry>> {
    const found = await this.statements.entries(volunteerId, page);
    return {
      ...found,
      edges: found.edges.map((e, i) => {
        const raw = found.raw[i];
        return {
          cursor: e.cursor,
          node: {
            postingId: e.node.id,
            journalId: e.node.journalId,
            kind: e.node.kind,
            currency: e.node.currency,
            amount: Number(e.node.amount),
            balanceAfter: Number(e.node.balanceAfter),
            at: e.node.createdAt,
            personNote: (raw.journal_note as string | null) ?? null,
            journalKind: (raw.fact_journal_kind as JournalKind | null) ?? null,
            reversal: raw.fact_reversal === true,
            relationship: (raw.fact_relationship as Relationship | null) ?? null,
            serviceMinutes: raw.fact_service_minutes === null ? null : Number(raw.fact_service_minutes),
            rewardName: (raw.fact_reward_name as string | null) ?? null,
            rewardQuantity: raw.fact_reward_quantity === null ? null : Number(raw.fact_reward_quantity),
            counterpartyName: (raw.fact_counterparty as string | null) ?? null,
            siteId: (raw.fact_site_id as string | null) ?? null,
            category: (raw.fact_category as ServiceCategory | null) ?? null,
            serviceDate: (raw.fact_service_date as string | null) ?? null,
          },
        };
      }),
    };
  }

  /**
   * TIME earned and spent per month of a year (Asia/Shanghai months), all twelve; journals since reversed are left
   * out, like their reversals. One statement.
   */
  async monthly(volunteerId: string, year: number): Promise<TimeBankMonth[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw BadUserInputError.field('year', msg('planning.yearMustBeFromTo'));
    }
    return this.statements.monthly(volunteerId, year);
  }
}
