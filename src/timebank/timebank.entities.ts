import { CareRedemptionEntity } from './care-redemption.entity.js';
import { JournalEntity, PostingEntity } from './journal.entity.js';
import { LedgerAccountEntity } from './ledger-account.entity.js';
import { RelativeEntity } from './relative.entity.js';
import { RewardRedemptionEntity } from './reward-redemption.entity.js';
import { RewardEntity } from './reward.entity.js';
import { ServiceRecordEntity } from './service-record.entity.js';
import { VolunteerEntity } from './volunteer.entity.js';

/** The time bank's tables, for the app's list of entities (src/database/entities.ts). One file per aggregate. */
export const TIMEBANK_ENTITIES = [
  VolunteerEntity,
  RelativeEntity,
  LedgerAccountEntity,
  JournalEntity,
  PostingEntity,
  ServiceRecordEntity,
  CareRedemptionEntity,
  RewardEntity,
  RewardRedemptionEntity,
];
