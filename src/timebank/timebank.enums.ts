import { registerEnumType } from '@nestjs/graphql';

export enum Relationship {
  SPOUSE = 'SPOUSE',
  PARENT = 'PARENT',
  CHILD = 'CHILD',
  GRANDPARENT = 'GRANDPARENT',
  GRANDCHILD = 'GRANDCHILD',
  SIBLING = 'SIBLING',
}

export enum ServiceCategory {
  COMPANIONSHIP = 'COMPANIONSHIP',
  ERRANDS_AND_ESCORT = 'ERRANDS_AND_ESCORT',
  RECREATION = 'RECREATION',
  HEALTH_EDUCATION = 'HEALTH_EDUCATION',
  LEGAL_AID = 'LEGAL_AID',
  DIGITAL_HELP = 'DIGITAL_HELP',
  SAFETY_VISIT = 'SAFETY_VISIT',
  OTHER = 'OTHER',
}

export enum ServiceStatus {
  LOGGED = 'LOGGED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

export enum RedemptionStatus {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum RewardRedemptionStatus {
  PENDING = 'PENDING',
  COLLECTED = 'COLLECTED',
  CANCELLED = 'CANCELLED',
}

export enum Currency {
  /** Credit minutes: one verified service hour earns 60 by default. */
  TIME = 'TIME',
  POINTS = 'POINTS',
}

/** The ledger's own accounts; every other account belongs to a volunteer. */
export enum SystemAccount {
  /** Where credits come from: its balance is minus everything ever issued (the only account that goes negative). */
  ISSUANCE = 'ISSUANCE',
  /** Donations and credits above the storage cap; planners grant from it. */
  PUBLIC_POOL = 'PUBLIC_POOL',
  /** TIME spent on care. */
  REDEMPTIONS = 'REDEMPTIONS',
  /** POINTS spent on rewards. */
  REWARDS = 'REWARDS',
}

export enum JournalKind {
  SERVICE_CREDIT = 'SERVICE_CREDIT',
  TRANSFER = 'TRANSFER',
  DONATION = 'DONATION',
  POOL_GRANT = 'POOL_GRANT',
  REDEMPTION = 'REDEMPTION',
  REDEMPTION_REFUND = 'REDEMPTION_REFUND',
  REWARD = 'REWARD',
  REVERSAL = 'REVERSAL',
}

/** What one posting means to the account holder (the lines of a statement). */
export enum EntryKind {
  EARN = 'EARN',
  CAP_OVERFLOW = 'CAP_OVERFLOW',
  TRANSFER_IN = 'TRANSFER_IN',
  TRANSFER_OUT = 'TRANSFER_OUT',
  DONATION = 'DONATION',
  POOL_GRANT = 'POOL_GRANT',
  REDEMPTION = 'REDEMPTION',
  REDEMPTION_REFUND = 'REDEMPTION_REFUND',
  REWARD = 'REWARD',
  REVERSAL = 'REVERSAL',
}

registerEnumType(Relationship, { name: 'Relationship', description: 'A direct relative of a volunteer.' });
registerEnumType(ServiceCategory, { name: 'ServiceCategory' });
registerEnumType(ServiceStatus, {
  name: 'ServiceStatus',
  description: 'LOGGED until the institution where the service happened verifies or rejects it, once.',
});
registerEnumType(RedemptionStatus, {
  name: 'RedemptionStatus',
  description: 'PENDING until the institution confirms the care (COMPLETED) or cancels it (the minutes are refunded).',
});
registerEnumType(RewardRedemptionStatus, {
  name: 'RewardRedemptionStatus',
  description:
    'PENDING until an institution admin hands the reward over (COLLECTED); CANCELLED when the purchase is reversed.',
});
registerEnumType(Currency, { name: 'Currency', description: 'TIME is in minutes; POINTS are whole points.' });
registerEnumType(SystemAccount, { name: 'SystemAccount' });
registerEnumType(JournalKind, { name: 'JournalKind' });
registerEnumType(EntryKind, { name: 'EntryKind' });
