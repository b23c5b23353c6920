import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { Actor } from '../common/roles.js';
import type { Journal } from './journal.model.js';
import { journalView, LedgerService } from './ledger.service.js';
import { RewardRedemptionsService } from './reward-redemptions.service.js';
import { requiredReason } from './timebank-rules.js';

/**
 * Corrections (ADMIN or MUNICIPAL_PLANNER): the unit of work around the ledger's reversal of a journal
 * (LedgerService.reverse), with what the journal's own records must undo. Reversing a reward also cancels its
 * redemption and puts the items back in stock.
 */
@Injectable()
export class JournalReversalsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly rewardRedemptions: RewardRedemptionsService,
  ) {}

  async reverse(actor: Actor, id: string, reason: string): Promise<Journal> {
    const why = requiredReason(reason);
    return this.unitOfWork.run(actor, 'reverseJournal', async (tx) => {
      const { original, reversal } = await this.ledger.reverse(tx, id, actor.userId, why, (journal) =>
        this.rewardRedemptions.undoPurchase(tx, journal),
      );
      return {
        result: journalView(reversal),
        recordType: 'Journal',
        recordId: reversal.id,
        summary: { reverses: id, kind: original.kind, reason: why },
      };
    });
  }
}
