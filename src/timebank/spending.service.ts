import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, conflict, DomainError, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import {
  insufficientBalance,
  LedgerService,
  movement,
  type PostedJournal,
  type PostingSpec,
  systemAccount,
  volunteerAccount,
} from './ledger.service.js';
import { CareRedemptionEntity, RewardEntity, RewardRedemptionEntity, VolunteerEntity } from './timebank.entities.js';
import {
  Currency,
  EntryKind,
  JournalKind,
  RedemptionStatus,
  RewardRedemptionStatus,
  SystemAccount,
} from './timebank.enums.js';
import type {
  CareRedemption,
  CreateRewardInput,
  GrantFromPoolInput,
  Journal,
  RedeemPointsInput,
  RedeemTimeInput,
  RewardRedemption,
  TransferCreditsInput,
  UpdateRewardInput,
} from './timebank.model.js';
import { ageOn, MAX_TEXT, normalizeRewardCode, requestHash, requiredReason, rewardCode } from './timebank-rules.js';
import { VolunteersService } from './volunteers.service.js';
import { msg, fieldName } from '../i18n/i18n.js';

const MAX_KEY = 100;
/** More than any account may hold: a sanity bound for amounts, far below 2^31. */
const MAX_MINUTES = 100_000_000;
const MAX_REWARD_QUANTITY = 100;
const JOURNAL_ID = /^\d{1,18}$/;

export const journalView = (j: PostedJournal): Journal => ({
  id: j.id,
  kind: j.kind,
  at: j.createdAt,
  note: j.note,
  reversesJournalId: j.reversesJournalId,
  lines: j.lines.map((l) => ({
    volunteerId: l.volunteerId,
    systemAccount: l.systemAccount,
    currency: l.currency,
    kind: l.kind,
    amount: l.amount,
  })),
});

const REDEMPTION_VIEW_SQL = `
  SELECT r.id, r.status, r.minutes, rel.relationship, coalesce(rel.name, p.name) AS "beneficiaryName",
         r.journal_id AS "journalId",
         r.refund_journal_id AS "refundJournalId", r.cancel_reason AS "cancelReason", r.created_at AS "requestedAt",
         r.decided_at AS "decidedAt", r.volunteer_id AS "volunteerId", r.institution_id AS "institutionId"
  FROM care_redemption r JOIN volunteer v ON v.id = r.volunteer_id JOIN person p ON p.id = v.person_id
  LEFT JOIN relative rel ON rel.id = r.relative_id`;

const REWARD_REDEMPTION_VIEW_SQL = `
  SELECT r.id, r.code, r.status, r.quantity, r.points, r.journal_id AS "journalId", p.name AS "volunteerName",
         r.created_at AS "redeemedAt", r.collected_at AS "collectedAt", r.reward_id AS "rewardId",
         r.institution_id AS "institutionId"
  FROM reward_redemption r JOIN volunteer v ON v.id = r.volunteer_id JOIN person p ON p.id = v.person_id`;

function checkMinutes(problems: InputProblems, minutes: number, field = 'minutes'): void {
  problems.check(
    Number.isInteger(minutes) && minutes > 0 && minutes <= MAX_MINUTES,
    field,
    msg('timebank.mustBeAWholeNumber', { field: fieldName(field) }),
  );
}

function checkKey(problems: InputProblems, key: string): void {
  problems.check(
    key.length >= 1 && key.length <= MAX_KEY && key.trim() === key,
    'idempotencyKey',
    msg('timebank.idempotencykeyMustBeCharactersWithout', { max: MAX_KEY }),
  );
}

/**
 * Everything that spends or moves credits: transfers and donations, care redemptions, rewards, pool grants and
 * reversals. Each is one transaction and one journal; each a client may retry carries an idempotency key.
 */
@Injectable()
export class SpendingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly institutions: InstitutionsService,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
  ) {}

  // ---- transfers and donations ----

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

    return this.unitOfWork.run(actor, toPool ? 'donateCredits' : 'transferCredits', async (em) => {
      const volunteer = await this.volunteers.own(actor, em);
      const retry = await this.ledger.findRetry(em, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.replay(em, retry.id, 'Journal');

      let journal: PostedJournal;
      if (toPool) {
        const locks = await this.ledger.lockVolunteers(em, [volunteer.id]);
        journal = await this.ledger.post(
          em,
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
        const [relative] = await this.volunteers.relativeViews(em, volunteer.id, [input.toRelativeId!]);
        if (!relative) throw notFound(msg('thing.relative'));
        if (!relative.volunteerId) {
          throw BadUserInputError.field('toRelativeId', msg('timebank.yourRelativeHasNoTime'));
        }
        const locks = await this.ledger.lockVolunteers(em, [volunteer.id, relative.volunteerId]);
        if (locks.balance(volunteer.id, Currency.TIME) < input.minutes) {
          throw insufficientBalance(
            msg('timebank.notEnoughTimeCreditThe', { balance: locks.balance(volunteer.id, Currency.TIME) }),
          );
        }
        journal = await this.ledger.post(
          em,
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

  // ---- care redemptions ----

  async redeemTime(actor: Actor, input: RedeemTimeInput): Promise<CareRedemption> {
    const problems = new InputProblems();
    checkMinutes(problems, input.minutes);
    checkKey(problems, input.idempotencyKey);
    problems.throwIfAny();
    const hash = requestHash('redeemTime', { ...input, beneficiaryRelativeId: input.beneficiaryRelativeId ?? null });
    const rules = this.config.timeBank;

    return this.unitOfWork.run(actor, 'redeemTime', async (em) => {
      const volunteer = await this.volunteers.own(actor, em);
      const retry = await this.ledger.findRetry(em, actor.userId, input.idempotencyKey, hash);
      if (retry) {
        const [view] = await this.redemptionViews(em, { journalId: retry.id });
        return { result: view, recordType: 'CareRedemption', recordId: view.id, summary: { repeated: true } };
      }
      if (!isUuid(input.institutionId) || !(await this.institutions.exists(input.institutionId, em))) {
        throw notFound(msg('thing.serviceSite'));
      }
      const today = todayInShanghai();
      let relativeId: string | null = null;
      if (input.beneficiaryRelativeId) {
        // Held until the redemption is written, so that the relative cannot be removed in between.
        if (!(await this.volunteers.holdRelative(em, volunteer.id, input.beneficiaryRelativeId))) {
          throw notFound(msg('thing.relative'));
        }
        const [relative] = await this.volunteers.relativeViews(em, volunteer.id, [input.beneficiaryRelativeId]);
        if (relative.age < rules.redeemMinAge) {
          throw BadUserInputError.field(
            'beneficiaryRelativeId',
            msg('timebank.carePaidInTimeIs', { redeemMinAge: rules.redeemMinAge, age: relative.age }),
          );
        }
        relativeId = relative.id;
      } else {
        const [self] = await this.volunteers.views(em, [volunteer.id]);
        const age = ageOn(self!.birthDate, today);
        if (age < rules.redeemMinAge) {
          throw BadUserInputError.field(
            'beneficiaryRelativeId',
            msg('timebank.carePaidInTimeIs2', { redeemMinAge: rules.redeemMinAge, age }),
          );
        }
      }
      const locks = await this.ledger.lockVolunteers(em, [volunteer.id]);
      const journal = await this.ledger.post(
        em,
        locks,
        {
          kind: JournalKind.REDEMPTION,
          actorId: actor.userId,
          note: null,
          idempotency: { key: input.idempotencyKey, hash },
        },
        movement(
          volunteerAccount(volunteer.id),
          systemAccount(SystemAccount.REDEMPTIONS),
          input.minutes,
          EntryKind.REDEMPTION,
        ),
      );
      const redemption = em.create(CareRedemptionEntity, {
        volunteerId: volunteer.id,
        relativeId,
        institutionId: input.institutionId,
        minutes: input.minutes,
        status: RedemptionStatus.PENDING,
        journalId: journal.id,
      });
      await em.insert(CareRedemptionEntity, redemption);
      const [view] = await this.redemptionViews(em, { ids: [redemption.id] });
      return {
        result: view,
        recordType: 'CareRedemption',
        recordId: redemption.id,
        summary: {
          minutes: input.minutes,
          institutionId: input.institutionId,
          forRelative: relativeId !== null,
          journalId: journal.id,
        },
      };
    });
  }

  async confirmRedemption(actor: Actor, id: string): Promise<CareRedemption> {
    return this.unitOfWork.run(actor, 'confirmCareRedemption', async (em) => {
      const redemption = await this.lockPending(em, actor, id);
      await em.update(
        CareRedemptionEntity,
        { id },
        { status: RedemptionStatus.COMPLETED, decidedBy: actor.userId, decidedAt: new Date() },
      );
      const [view] = await this.redemptionViews(em, { ids: [redemption.id] });
      return { result: view, recordType: 'CareRedemption', recordId: id, summary: { after: { status: view.status } } };
    });
  }

  async cancelRedemption(actor: Actor, id: string, reason: string): Promise<CareRedemption> {
    const why = requiredReason(reason);
    return this.unitOfWork.run(actor, 'cancelCareRedemption', async (em) => {
      const redemption = await this.lockPending(em, actor, id);
      const locks = await this.ledger.lockVolunteers(em, [redemption.volunteerId]);
      // A refund restores what was debited, even above the storage cap: it is the volunteer's own time coming back.
      const refund = await this.ledger.post(
        em,
        locks,
        { kind: JournalKind.REDEMPTION_REFUND, actorId: actor.userId, note: why },
        movement(
          systemAccount(SystemAccount.REDEMPTIONS),
          volunteerAccount(redemption.volunteerId),
          redemption.minutes,
          EntryKind.REDEMPTION_REFUND,
        ),
      );
      await em.update(
        CareRedemptionEntity,
        { id },
        {
          status: RedemptionStatus.CANCELLED,
          refundJournalId: refund.id,
          cancelReason: why,
          decidedBy: actor.userId,
          decidedAt: new Date(),
        },
      );
      const [view] = await this.redemptionViews(em, { ids: [id] });
      return {
        result: view,
        recordType: 'CareRedemption',
        recordId: id,
        summary: { after: { status: view.status }, reason: why, refundJournalId: refund.id },
      };
    });
  }

  /** The redemption, locked; only the institution giving the care decides, and only while it is PENDING. */
  private async lockPending(em: EntityManager, actor: Actor, id: string): Promise<CareRedemptionEntity> {
    assertId(id, msg('thing.careRedemption'));
    const redemption = await em.findOne(CareRedemptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!redemption) throw notFound(msg('thing.careRedemption'));
    if (redemption.institutionId !== actor.institutionId)
      throw forbidden(msg('timebank.careRedeemedAtAnotherInstitution'));
    if (redemption.status !== RedemptionStatus.PENDING) {
      throw conflict(msg('timebank.thisCareRedemptionIsAlready', { status: redemption.status }), 'id');
    }
    return redemption;
  }

  async redemptionViews(
    em: EntityManager,
    by: { ids: readonly string[] } | { journalId: string },
  ): Promise<CareRedemption[]> {
    if ('ids' in by) {
      const rows: CareRedemption[] = await em.query(`${REDEMPTION_VIEW_SQL} WHERE r.id = ANY($1::uuid[])`, [by.ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return by.ids.map((id) => byId.get(id)!).filter(Boolean);
    }
    return em.query(`${REDEMPTION_VIEW_SQL} WHERE r.journal_id = $1`, [by.journalId]);
  }

  /** A volunteer's own redemptions, or an institution admin's redemptions of care there; newest first. */
  async redemptions(
    actor: Actor,
    status: RedemptionStatus | null,
    page: PageArgs,
  ): Promise<Connection<CareRedemption>> {
    const qb = this.dataSource.getRepository(CareRedemptionEntity).createQueryBuilder('r');
    if (actor.role === Role.VOLUNTEER) {
      qb.innerJoin(VolunteerEntity, 'v', 'v.id = r.volunteer_id AND v.user_id = :userId', { userId: actor.userId });
    } else {
      qb.where('r.institution_id = :institutionId', { institutionId: actor.institutionId });
    }
    if (status) qb.andWhere('r.status = :status', { status });
    // The debit journal's id is unique and grows with time: newest first without a timestamp tie-break.
    const found = await paginate(
      qb,
      page,
      [{ sql: 'r.journal_id', value: (r) => r.journalId, kind: 'bigint' }],
      'DESC',
    );
    const views = await this.redemptionViews(this.dataSource.manager, { ids: found.edges.map((e) => e.node.id) });
    return { ...found, edges: found.edges.map((e, i) => ({ cursor: e.cursor, node: views[i] })) };
  }

  // ---- rewards ----

  rewards(actor: Actor, page: PageArgs): Promise<Connection<RewardEntity>> {
    const qb = this.dataSource.getRepository(RewardEntity).createQueryBuilder('w');
    // Volunteers see what they can buy; planners manage the whole catalogue.
    if (actor.role === Role.VOLUNTEER) qb.where('w.active');
    return paginate(qb, page, [
      { sql: 'w.name', value: (w) => w.name },
      { sql: 'w.id', value: (w) => w.id, kind: 'uuid' },
    ]);
  }

  async createReward(actor: Actor, input: CreateRewardInput): Promise<RewardEntity> {
    const name = input.name.trim();
    const description = input.description?.trim() || null;
    const problems = new InputProblems();
    problems.check(name.length >= 1 && name.length <= 100, 'name', msg('planning.nameMustBeCharacters'));
    problems.check(
      !description || description.length <= MAX_TEXT,
      'description',
      msg('timebank.descriptionMustBeAtMost', { max: MAX_TEXT }),
    );
    this.checkRewardNumbers(problems, input);
    problems.throwIfAny();
    return this.unitOfWork.run(actor, 'createReward', async (em) => {
      if (await em.existsBy(RewardEntity, { name })) throw conflict(msg('timebank.aRewardWithThisName'), 'name');
      const reward = em.create(RewardEntity, {
        name,
        description,
        pointsCost: input.pointsCost,
        stock: input.stock,
        active: true,
      });
      await em.insert(RewardEntity, reward);
      return {
        result: reward,
        recordType: 'Reward',
        recordId: reward.id,
        summary: { after: { name, pointsCost: reward.pointsCost, stock: reward.stock } },
      };
    });
  }

  async updateReward(actor: Actor, input: UpdateRewardInput): Promise<RewardEntity> {
    const problems = new InputProblems();
    this.checkRewardNumbers(problems, input);
    problems.throwIfAny();
    return this.unitOfWork.run(actor, 'updateReward', async (em) => {
      assertId(input.id, msg('thing.reward'));
      const reward = await em.findOne(RewardEntity, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!reward) throw notFound(msg('thing.reward'));
      const before = { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active };
      if (input.pointsCost != null) reward.pointsCost = input.pointsCost;
      if (input.stock != null) reward.stock = input.stock;
      if (input.active != null) reward.active = input.active;
      await em.update(
        RewardEntity,
        { id: reward.id },
        { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active },
      );
      return {
        result: reward,
        recordType: 'Reward',
        recordId: reward.id,
        summary: { before, after: { pointsCost: reward.pointsCost, stock: reward.stock, active: reward.active } },
      };
    });
  }

  private checkRewardNumbers(problems: InputProblems, input: { pointsCost?: number | null; stock?: number | null }) {
    if (input.pointsCost != null) {
      problems.check(
        Number.isInteger(input.pointsCost) && input.pointsCost >= 1 && input.pointsCost <= 1_000_000,
        'pointsCost',
        msg('timebank.pointscostMustBeAWhole'),
      );
    }
    if (input.stock != null) {
      problems.check(
        Number.isInteger(input.stock) && input.stock >= 0 && input.stock <= 1_000_000,
        'stock',
        msg('timebank.stockMustBeAWhole'),
      );
    }
  }

  async redeemPoints(actor: Actor, input: RedeemPointsInput): Promise<Journal> {
    const problems = new InputProblems();
    problems.check(
      Number.isInteger(input.quantity) && input.quantity >= 1 && input.quantity <= MAX_REWARD_QUANTITY,
      'quantity',
      msg('timebank.quantityMustBeAWhole', { max: MAX_REWARD_QUANTITY }),
    );
    checkKey(problems, input.idempotencyKey);
    problems.throwIfAny();
    const hash = requestHash('redeemPoints', { ...input });

    return this.unitOfWork.run(actor, 'redeemPoints', async (em) => {
      const volunteer = await this.volunteers.own(actor, em);
      const retry = await this.ledger.findRetry(em, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.replay(em, retry.id, 'Journal');
      if (!isUuid(input.rewardId)) throw notFound(msg('thing.reward'));
      const locks = await this.ledger.lockVolunteers(em, [volunteer.id]);
      // The reward row is locked after the accounts (the order reversals use too), so its price, availability and
      // stock are the ones this purchase pays and takes, even with an updateReward or another purchase in between.
      const reward = await em.findOne(RewardEntity, {
        where: { id: input.rewardId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reward || !reward.active) throw notFound(msg('thing.reward'));
      const cost = reward.pointsCost * input.quantity;
      const points = locks.balance(volunteer.id, Currency.POINTS);
      if (points < cost) throw insufficientBalance(msg('timebank.notEnoughPointsNeededThe', { cost, points }));
      if (reward.stock < input.quantity) {
        throw BadUserInputError.field(
          'quantity',
          reward.stock === 0 ? msg('timebank.outOfStock') : msg('timebank.outOfStockLeft', { left: reward.stock }),
        );
      }
      await em.update(RewardEntity, { id: reward.id }, { stock: reward.stock - input.quantity });
      const journal = await this.ledger.post(
        em,
        locks,
        {
          kind: JournalKind.REWARD,
          actorId: actor.userId,
          note: null,
          idempotency: { key: input.idempotencyKey, hash },
          rewardId: reward.id,
          rewardQuantity: input.quantity,
        },
        movement(
          volunteerAccount(volunteer.id, Currency.POINTS),
          systemAccount(SystemAccount.REWARDS, Currency.POINTS),
          cost,
          EntryKind.REWARD,
        ),
      );
      const redemption = await this.openRewardRedemption(em, {
        volunteerId: volunteer.id,
        rewardId: reward.id,
        quantity: input.quantity,
        points: cost,
        journalId: journal.id,
      });
      return {
        result: journalView(journal),
        recordType: 'Journal',
        recordId: journal.id,
        summary: { rewardId: reward.id, quantity: input.quantity, points: cost, rewardRedemptionId: redemption },
      };
    });
  }

  // ---- collecting rewards ----

  /** The redemption a REWARD journal opens, with a fresh collection code (a clash, rare, draws another). */
  private async openRewardRedemption(
    em: EntityManager,
    r: { volunteerId: string; rewardId: string; quantity: number; points: number; journalId: string },
  ): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO reward_redemption (volunteer_id, reward_id, quantity, points, journal_id, code)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [r.volunteerId, r.rewardId, r.quantity, r.points, r.journalId, rewardCode()],
      );
      if (rows.length === 1) return rows[0].id;
    }
    throw new Error('No free reward collection code after 10 draws');
  }

  /**
   * An institution admin hands a reward over against the code the volunteer shows, once. An unknown or malformed
   * code is NOT_FOUND; one already collected or cancelled is a CONFLICT.
   */
  async collectReward(actor: Actor, code: string): Promise<RewardRedemption> {
    return this.unitOfWork.run(actor, 'collectReward', async (em) => {
      const normalized = normalizeRewardCode(code);
      const redemption = normalized
        ? await em.findOne(RewardRedemptionEntity, { where: { code: normalized }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!redemption) throw notFound(msg('thing.rewardRedemption'));
      if (redemption.status !== RewardRedemptionStatus.PENDING) {
        throw conflict(msg('timebank.thisRewardIsAlready', { status: redemption.status }), 'code');
      }
      await em.update(
        RewardRedemptionEntity,
        { id: redemption.id },
        {
          status: RewardRedemptionStatus.COLLECTED,
          institutionId: actor.institutionId,
          collectedBy: actor.userId,
          collectedAt: new Date(),
        },
      );
      const [view] = await this.rewardRedemptionViews(em, [redemption.id]);
      return {
        result: view,
        recordType: 'RewardRedemption',
        recordId: redemption.id,
        summary: { after: { status: view.status }, institutionId: actor.institutionId, journalId: view.journalId },
      };
    });
  }

  private async rewardRedemptionViews(em: EntityManager, ids: readonly string[]): Promise<RewardRedemption[]> {
    const rows: RewardRedemption[] = await em.query(`${REWARD_REDEMPTION_VIEW_SQL} WHERE r.id = ANY($1::uuid[])`, [
      ids,
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  /** The caller's own reward redemptions, newest first. */
  async myRewardRedemptions(actor: Actor, page: PageArgs): Promise<Connection<RewardRedemption>> {
    const qb = this.dataSource
      .getRepository(RewardRedemptionEntity)
      .createQueryBuilder('r')
      .innerJoin(VolunteerEntity, 'v', 'v.id = r.volunteer_id AND v.user_id = :userId', { userId: actor.userId });
    const found = await paginate(
      qb,
      page,
      [{ sql: 'r.journal_id', value: (r) => r.journalId, kind: 'bigint' }],
      'DESC',
    );
    const views = await this.rewardRedemptionViews(
      this.dataSource.manager,
      found.edges.map((e) => e.node.id),
    );
    return { ...found, edges: found.edges.map((e, i) => ({ cursor: e.cursor, node: views[i] })) };
  }

  /** Catalogue entries by id, for nested fields (every signed-in caller who sees a redemption may see its reward). */
  async rewardsByIds(ids: readonly string[]): Promise<(RewardEntity | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.dataSource.getRepository(RewardEntity).findBy({ id: In(valid) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  // ---- the public pool ----

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

    return this.unitOfWork.run(actor, 'grantFromPool', async (em) => {
      const retry = await this.ledger.findRetry(em, actor.userId, input.idempotencyKey, hash);
      if (retry) return this.replay(em, retry.id, 'Journal');
      const volunteer = isUuid(input.volunteerId)
        ? await em.findOneBy(VolunteerEntity, { id: input.volunteerId })
        : null;
      if (!volunteer) throw notFound(msg('thing.volunteer'));
      if (actor.role === Role.DISTRICT_PLANNER && volunteer.regionCode !== actor.regionCode) {
        throw forbidden(msg('timebank.thisVolunteerLivesOutsideYour', { regionCode: actor.regionCode }));
      }
      const locks = await this.ledger.lockVolunteers(em, [volunteer.id]);
      const journal = await this.ledger.post(
        em,
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

  // ---- corrections ----

  /**
   * Posts the mirror image of a journal (ADMIN or MUNICIPAL_PLANNER), at most once per journal. A reversal is not
   * reversed again; a care redemption is undone by cancelling it, not by reversing its journals. Reversing a
   * reward also puts the items back in stock.
   */
  async reverse(actor: Actor, id: string, reason: string): Promise<Journal> {
    const why = requiredReason(reason);
    return this.unitOfWork.run(actor, 'reverseJournal', async (em) => {
      const original = JOURNAL_ID.test(id) ? await this.ledger.journal(em, id, true) : null;
      if (!original) throw notFound(msg('thing.journal'));
      if (original.kind === JournalKind.REVERSAL) {
        throw BadUserInputError.field('id', msg('timebank.aReversalCannotBeReversed'));
      }
      if (original.kind === JournalKind.REDEMPTION || original.kind === JournalKind.REDEMPTION_REFUND) {
        throw BadUserInputError.field('id', msg('timebank.careRedemptionsAreUndoneBy'));
      }
      const [done]: { id: string }[] = await em.query('SELECT id FROM journal WHERE reverses_journal_id = $1', [id]);
      if (done) throw conflict(msg('timebank.journalWasAlreadyReversedBy', { id, by: done.id }), 'id');

      const volunteerIds = original.lines.flatMap((l) => (l.volunteerId ? [l.volunteerId] : []));
      const locks = await this.ledger.lockVolunteers(em, volunteerIds);
      if (original.kind === JournalKind.REWARD) {
        // Locked after the accounts, like the reward row: a reward handed over cannot be bought back.
        const redemption = await em.findOne(RewardRedemptionEntity, {
          where: { journalId: id },
          lock: { mode: 'pessimistic_write' },
        });
        if (redemption?.status === RewardRedemptionStatus.COLLECTED) {
          throw BadUserInputError.field('id', msg('timebank.thisRewardWasAlreadyCollected'));
        }
        if (redemption) {
          await em.update(RewardRedemptionEntity, { id: redemption.id }, { status: RewardRedemptionStatus.CANCELLED });
        }
      }
      if (original.rewardId && original.rewardQuantity) {
        await em.query('UPDATE reward SET stock = stock + $2 WHERE id = $1', [
          original.rewardId,
          original.rewardQuantity,
        ]);
      }
      // Credits before debits, so that no line of a statement shows a balance below zero on the way.
      const postings: PostingSpec[] = original.lines
        .map((l) => ({
          account: l.volunteerId
            ? volunteerAccount(l.volunteerId, l.currency)
            : systemAccount(l.systemAccount!, l.currency),
          amount: -l.amount,
          kind: EntryKind.REVERSAL,
          flowKind: l.kind,
        }))
        .sort((a, b) => Math.sign(b.amount) - Math.sign(a.amount));
      let reversal: PostedJournal;
      try {
        reversal = await this.ledger.post(
          em,
          locks,
          { kind: JournalKind.REVERSAL, actorId: actor.userId, note: why, reversesJournalId: id },
          postings,
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INSUFFICIENT_BALANCE') {
          throw insufficientBalance(msg('timebank.theCreditsOfThisJournal'));
        }
        throw error;
      }
      return {
        result: journalView(reversal),
        recordType: 'Journal',
        recordId: reversal.id,
        summary: { reverses: id, kind: original.kind, reason: why },
      };
    });
  }

  /** The result a retried request gets: the journal its key produced. */
  private async replay(em: EntityManager, journalId: string, recordType: string) {
    const journal = (await this.ledger.journal(em, journalId))!;
    return { result: journalView(journal), recordType, recordId: journalId, summary: { repeated: true } };
  }
}
