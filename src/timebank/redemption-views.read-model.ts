import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CareRedemption } from './care-redemption.model.js';
import type { RewardRedemption } from './reward-redemption.model.js';

// The beneficiary's name is the relative's, or the volunteer's person's (read by table name, in the same statement).
const REDEMPTION_VIEW_SQL = `
  SELECT r.id, r.status, r.minutes, rel.relationship, coalesce(rel.name, p.name) AS "beneficiaryName",
         r.journal_id AS "journalId",
         r.refund_journal_id AS "refundJournalId", r.cancel_reason AS "cancelReason", r.created_at AS "requestedAt",
         r.decided_at AS "decidedAt", r.volunteer_id AS "volunteerId", r.institution_id AS "institutionId"
  FROM care_redemption r JOIN volunteer v ON v.id = r.volunteer_id JOIN person p ON p.id = v.person_id
  LEFT JOIN relative rel ON rel.id = r.relative_id`;

// The buyer's name is the volunteer's person's (read by table name, in the same statement).
const REWARD_REDEMPTION_VIEW_SQL = `
  SELECT r.id, r.code, r.status, r.quantity, r.points, r.journal_id AS "journalId", p.name AS "volunteerName",
         r.created_at AS "redeemedAt", r.collected_at AS "collectedAt", r.reward_id AS "rewardId",
         r.institution_id AS "institutionId"
  FROM reward_redemption r JOIN volunteer v ON v.id = r.volunteer_id JOIN person p ON p.id = v.person_id`;

/**
 * Care and reward redemptions as the API shows them: the time bank's rows with the name of the person they are for
 * (the beneficiary, the buyer), read from the persons' table in the same statement. Each method is one query.
 */
@Injectable()
export class RedemptionViewsReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The API's view of these care redemptions, in no particular order. */
  careViews(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<CareRedemption[]> {
    return tx.query(`${REDEMPTION_VIEW_SQL} WHERE r.id = ANY($1::uuid[])`, [ids]);
  }

  /** The API's view of the care redemption a debit journal paid for. */
  careViewsByJournal(journalId: string, tx: EntityManager = this.dataSource.manager): Promise<CareRedemption[]> {
    return tx.query(`${REDEMPTION_VIEW_SQL} WHERE r.journal_id = $1`, [journalId]);
  }

  /** The API's view of these reward redemptions, in no particular order. */
  rewardViews(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<RewardRedemption[]> {
    return tx.query(`${REWARD_REDEMPTION_VIEW_SQL} WHERE r.id = ANY($1::uuid[])`, [ids]);
  }
}
