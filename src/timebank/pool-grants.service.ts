import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { forbidden, InputProblems, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { type Actor, Role } from '../common/roles.js';
import type { Journal } from './journal.model.js';
import { journalView, LedgerService, movement, systemAccount, volunteerAccount } from './ledger.service.js';
import type { GrantFromPoolInput } from './pool-grant.model.js';
import { EntryKind, JournalKind, SystemAccount } from './timebank.enums.js';
import { checkKey, checkMinutes, MAX_TEXT, requestHash } from './timebank-rules.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

/** Planners grant TIME from the public pool to volunteers, with a reason kept on the journal. */
@Injectable()
export class PoolGrantsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
  ) {}

  /** A municipal planner grants to anyone; a district planner to volunteers living in its region. */
  async grantFromPool(actor: Actor, input: GrantFromPoolInput): Promise<Journal> {
    const problems = new InputProblems();
    checkMinutes(problems, input.minutes);
    checkKey(problems, input.idempotencyKey);
    const reason = input.reason.trim();
    problems.check(
      reason.length >= 1 && reason.length <= MAX_TEXT,
      'reason',
      msg('timebank.reasonMustBeCharacters', { max: MAX_TEXT }),
    );
    problems.throwIfAny();
    const hash = requestHash('grantFromPool', { ...input, reason });

    return this.unitOfWork.run(actor, 'grantFromPool', async (tx) => {
      const retry = await this.ledger.findRetry(tx, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.ledger.replay(tx, retry.id, 'Journal');
      const volunteer = isUuid(input.volunteerId) ? await this.volunteers.findById(input.volunteerId, tx) : null;
      if (!volunteer) throw notFound(msg('thing.volunteer'));
      if (actor.role === Role.DISTRICT_PLANNER && volunteer.regionCode !== actor.regionCode) {
        throw forbidden(msg('timebank.thisVolunteerLivesOutsideYour', { regionCode: actor.regionCode }));
      }
      const locks = await this.ledger.lockVolunteers(tx, [volunteer.id]);
      const journal = await this.ledger.post(
        tx,
        locks,
        {
          kind: JournalKind.POOL_GRANT,
          actorId: actor.userId,
          note: reason,
          idempotency: { key: input.idempotencyKey, hash },
        },
        movement(
          systemAccount(SystemAccount.PUBLIC_POOL),
          volunteerAccount(volunteer.id),
          input.minutes,
          EntryKind.POOL_GRANT,
        ),
      );
      return {
        result: journalView(journal),
        recordType: 'Journal',
        recordId: journal.id,
        summary: { volunteerId: volunteer.id, minutes: input.minutes, reason },
      };
    });
  }
}
