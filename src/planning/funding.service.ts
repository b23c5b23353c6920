import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { optionalCode } from '../common/codes.js';
import { InputProblems } from '../common/errors.js';
import { formatFen, moneyProblem, parseYuan } from '../common/money.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { msg } from '../i18n/i18n.js';
import type { FundAllocationEntity } from './fund-allocation.entity.js';
import { FundAllocationsRepository } from './fund-allocations.repository.js';
import { FundPurpose, FundSource } from './funding.enums.js';
import type { FundAllocation, FundAllocationFilter, RecordFundAllocationInput, TrainingCost } from './funding.model.js';
import { TrainingCostReadModel } from './training-cost.read-model.js';

const MAX_NOTE = 500;
/** 10^15 fen: ten trillion yuan, far above any budget, well inside a bigint. */
const MAX_FEN = 10n ** 15n;

const view = (a: FundAllocationEntity): FundAllocation => ({
  id: a.id,
  source: a.source,
  regionCode: a.regionCode,
  year: a.year,
  amount: formatFen(a.amountFen),
  purpose: a.purpose,
  note: a.note,
  recordedAt: a.createdAt,
});

const checkYear = (problems: InputProblems, year: number) =>
  problems.check(Number.isInteger(year) && year >= 2000 && year <= 2100, 'year', msg('planning.yearMustBeFromTo'));

/** Fund allocations to the plan (DESIGN.md sources and purposes) and the cost of a trained person-session. */
@Injectable()
export class FundingService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly allocations: FundAllocationsRepository,
    private readonly trainingCosts: TrainingCostReadModel,
  ) {}

  async record(actor: Actor, input: RecordFundAllocationInput): Promise<FundAllocation> {
    const problems = new InputProblems();
    checkYear(problems, input.year);
    const amountProblem = moneyProblem(msg('field.amount'), input.amount, MAX_FEN);
    if (amountProblem) problems.add('amount', amountProblem);
    const fen = amountProblem ? null : parseYuan(input.amount);
    problems.check(Object.values(FundSource).includes(input.source), 'source', msg('planning.sourceIsNotAKnown'));
    problems.check(Object.values(FundPurpose).includes(input.purpose), 'purpose', msg('planning.purposeIsNotAKnown'));
    const note = input.note?.trim() || null;
    problems.check(!note || note.length <= MAX_NOTE, 'note', msg('planning.noteMustBeAtMost', { max: MAX_NOTE }));
    const regionCode = optionalCode(input.regionCode, 'regionCode', problems);
    problems.throwIfAny();

    return this.unitOfWork.run(actor, 'recordFundAllocation', async (tx) => {
      if (regionCode !== null) await this.regions.assertCountyLevel(regionCode, tx);
      const allocation = await this.allocations.insert(
        {
          source: input.source,
          regionCode,
          year: input.year,
          amountFen: fen!.toString(),
          purpose: input.purpose,
          note,
          recordedBy: actor.userId,
        },
        tx,
      );
      const result = view(allocation);
      return {
        result,
        recordType: 'FundAllocation',
        recordId: allocation.id,
        summary: {
          after: { source: input.source, regionCode, year: input.year, amount: result.amount, purpose: input.purpose },
        },
      };
    });
  }

  /** Newest first. A district planner sees its region's allocations only. */
  async list(actor: Actor, filter: FundAllocationFilter, page: PageArgs): Promise<Connection<FundAllocation>> {
    const regionCode = plannerRegion(actor, filter.regionCode);
    const found = await this.allocations.list(
      { regionCode, year: filter.year, source: filter.source, purpose: filter.purpose },
      page,
    );
    return { ...found, edges: found.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })) };
  }

  /**
   * TRAINING allocations of a year over the completed person-sessions of sessions ending that year (DESIGN.md
   * training count): a region's own allocations and sessions, or the whole city's (city-wide allocations included).
   * One statement.
   */
  async trainingCost(actor: Actor, year: number, requested: string | null): Promise<TrainingCost> {
    const problems = new InputProblems();
    checkYear(problems, year);
    problems.throwIfAny();
    const regionCode = plannerRegion(actor, requested);
    if (regionCode !== null) await this.regions.assertCountyLevel(regionCode);
    const row = await this.trainingCosts.fundsAndSessions(year, regionCode);
    const funds = BigInt(row.funds);
    const sessions = BigInt(row.sessions);
    return {
      year,
      regionCode,
      trainingFunds: formatFen(funds),
      personSessions: row.sessions,
      // Rounded half up to the fen.
      costPerPersonSession: sessions === 0n ? null : formatFen((funds * 2n + sessions) / (2n * sessions)),
    };
  }
}
