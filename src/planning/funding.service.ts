import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { optionalCode } from '../common/codes.js';
import { InputProblems } from '../common/errors.js';
import { formatFen, moneyProblem, parseYuan } from '../common/money.js';
import { type Connection, type PageArgs, paginate } from '../common/pagination.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import { FundAllocationEntity } from './fund-allocation.entity.js';
import { FundPurpose, FundSource } from './funding.enums.js';
import type { FundAllocation, FundAllocationFilter, RecordFundAllocationInput, TrainingCost } from './funding.model.js';
import { personSession, sessionEndsIn } from '../common/counting-rules.js';
import { msg } from '../i18n/i18n.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionsService,
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

    return this.unitOfWork.run(actor, 'recordFundAllocation', async (em) => {
      if (regionCode !== null) await this.regions.assertCountyLevel(regionCode, em);
      const allocation = em.create(FundAllocationEntity, {
        source: input.source,
        regionCode,
        year: input.year,
        amountFen: fen!.toString(),
        purpose: input.purpose,
        note,
        recordedBy: actor.userId,
      });
      await em.insert(FundAllocationEntity, allocation);
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
    const qb = this.dataSource.getRepository(FundAllocationEntity).createQueryBuilder('f');
    if (regionCode !== null) qb.andWhere('f.region_code = :regionCode', { regionCode });
    if (filter.year != null) qb.andWhere('f.year = :year', { year: filter.year });
    if (filter.source) qb.andWhere('f.source = :source', { source: filter.source });
    if (filter.purpose) qb.andWhere('f.purpose = :purpose', { purpose: filter.purpose });
    const found = await paginate(
      qb,
      page,
      [
        { sql: 'f.year', value: (f) => String(f.year), kind: 'bigint' },
        { sql: 'f.id', value: (f) => f.id, kind: 'uuid' },
      ],
      'DESC',
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
    const [row]: { funds: string; sessions: number }[] = await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM fund_allocation
                WHERE year = $1 AND purpose = 'TRAINING' AND ($2::varchar IS NULL OR region_code = $2))::text AS funds,
              (SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.session_id
                WHERE ${personSession('a')} AND ${sessionEndsIn('s', '$1::int')}
                  AND ($2::varchar IS NULL OR s.region_code = $2))::int AS sessions`,
      [year, regionCode],
    );
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
