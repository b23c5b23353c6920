import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadUserInputError, InputProblems, notFound } from '../common/errors.js';
import type { Actor } from '../common/roles.js';
import type { Journal } from './journal.model.js';
import {
  insufficientBalance,
  journalView,
  LedgerService,
  movement,
  type PostedJournal,
  systemAccount,
  volunteerAccount,
} from './ledger.service.js';
import { RelativesService } from './relatives.service.js';
import { Currency, EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';
import type { TransferCreditsInput } from './transfer.model.js';
import { checkKey, checkMinutes, requestHash } from './timebank-rules.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

/** A volunteer moves TIME to a relative who has an account, or donates it to the public pool. */
@Injectable()
export class TransfersService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
    private readonly relatives: RelativesService,
  ) {}

  /** One journal; a retry with the same idempotency key returns the first one. */
  async transfer(actor: Actor, input: TransferCreditsInput): Promise<Journal> {
    const problems = new InputProblems();
    checkMinutes(problems, input.minutes);
    checkKey(problems, input.idempotencyKey);
    const toPool = input.toPublicPool === true;
    const toRelative = input.toRelativeId != null && input.toRelativeId !== '';
    problems.check(
      toPool !== toRelative,
      toPool ? 'toRelativeId' : 'toPublicPool',
      msg('timebank.nameExactlyOneRecipientToRelativeId'),
    );
    problems.throwIfAny();
    const hash = requestHash('transferCredits', {
      ...input,
      toPublicPool: toPool,
      toRelativeId: input.toRelativeId ?? null,
    });

    return this.unitOfWork.run(actor, toPool ? 'donateCredits' : 'transferCredits', async (tx) => {
      const volunteer = await this.volunteers.own(actor, tx);
      const retry = await this.ledger.findRetry(tx, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.ledger.replay(tx, retry.id, 'Journal');

      let journal: PostedJournal;
      if (toPool) {
        const locks = await this.ledger.lockVolunteers(tx, [volunteer.id]);
        journal = await this.ledger.post(
          tx,
          locks,
          {
            kind: JournalKind.DONATION,
            actorId: actor.userId,
            note: null,
            idempotency: { key: input.idempotencyKey, hash },
          },
          movement(
            volunteerAccount(volunteer.id),
            systemAccount(SystemAccount.PUBLIC_POOL),
            input.minutes,
            EntryKind.DONATION,
          ),
        );
      } else {
        const [relative] = await this.relatives.views(tx, volunteer.id, [input.toRelativeId!]);
        if (!relative) throw notFound(msg('thing.relative'));
        if (!relative.volunteerId) {
          throw BadUserInputError.field('toRelativeId', msg('timebank.yourRelativeHasNoTime'));
        }
        const locks = await this.ledger.lockVolunteers(tx, [volunteer.id, relative.volunteerId]);
        if (locks.balance(volunteer.id, Currency.TIME) < input.minutes) {
          throw insufficientBalance(
            msg('timebank.notEnoughTimeCreditThe', { balance: locks.balance(volunteer.id, Currency.TIME) }),
          );
        }
        journal = await this.ledger.post(
          tx,
          locks,
          {
            kind: JournalKind.TRANSFER,
            actorId: actor.userId,
            note: null,
            idempotency: { key: input.idempotencyKey, hash },
          },
          movement(
            volunteerAccount(volunteer.id),
            volunteerAccount(relative.volunteerId),
            input.minutes,
            EntryKind.TRANSFER_OUT,
            EntryKind.TRANSFER_IN,
          ),
        );
      }
      return {
        result: journalView(journal),
        recordType: 'Journal',
        recordId: journal.id,
        summary: { minutes: input.minutes, to: toPool ? 'PUBLIC_POOL' : input.toRelativeId },
      };
    });
  }
}
