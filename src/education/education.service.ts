import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EvaluationBodyKind } from '../certification/certification.enums.js';
import { EvaluationBodiesService } from '../certification/evaluation-bodies.service.js';
import { todayInShanghai } from '../common/dates.js';
import { forbidden, InputProblems, notFound } from '../common/errors.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { assertCountyLevelKind } from '../regions/regions.service.js';
import { isUuid } from '../common/ids.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import type { CollegeProgramYearEntity } from './college-program-year.entity.js';
import { CollegeProgramYearsRepository } from './college-program-years.repository.js';
import { EducationPipelineReadModel } from './education-pipeline.read-model.js';
import { CollegeMajor } from './education.enums.js';
import type {
  CollegeProgramYear,
  CollegeProgramYearFilter,
  EducationPipeline,
  RecordCollegeProgramYearInput,
} from './education.model.js';
import { msg, fieldName } from '../i18n/i18n.js';

export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;
/** Program years may be recorded (as plans) up to this many years ahead. */
export const YEARS_AHEAD = 5;
/** More students than this in one major of one college is surely a typo (and keeps every sum a GraphQL Int). */
export const MAX_FIGURE = 1_000_000;

/** The kinds of body that are colleges. */
export const COLLEGE_KINDS = [EvaluationBodyKind.VOCATIONAL_COLLEGE, EvaluationBodyKind.TECHNICAL_SCHOOL];

const FIGURES = ['enrolled', 'graduated', 'graduatesEnteringElderCare'] as const;

const rate = (entering: number, graduated: number) => (graduated === 0 ? null : entering / graduated);

@Injectable()
export class EducationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bodies: EvaluationBodiesService,
    private readonly programYears: CollegeProgramYearsRepository,
    private readonly pipelineReadModel: EducationPipelineReadModel,
  ) {}

  /**
   * A college body's figures for one major and year; recording the same major and year again replaces them (the
   * audit event keeps the figures before and after).
   */
  async recordProgramYear(actor: Actor, input: RecordCollegeProgramYearInput): Promise<CollegeProgramYear> {
    const latestYear = Number(todayInShanghai().slice(0, 4)) + YEARS_AHEAD;
    return this.unitOfWork.run(actor, 'recordCollegeProgramYear', async (tx) => {
      const body = await this.bodies.bodyOf(actor, tx);
      if (!COLLEGE_KINDS.includes(body.kind)) {
        throw forbidden(msg('education.onlyAVocationalCollegeOr'));
      }
      const problems = new InputProblems();
      problems.check(
        Number.isInteger(input.year) && input.year >= EARLIEST_YEAR && input.year <= latestYear,
        'year',
        msg('education.yearMustBe', { earliest: EARLIEST_YEAR, latest: latestYear }),
      );
      for (const field of FIGURES) {
        problems.check(
          Number.isInteger(input[field]) && input[field] >= 0 && input[field] <= MAX_FIGURE,
          field,
          msg('education.mustBe', { field: fieldName(field), max: MAX_FIGURE.toLocaleString('en') }),
        );
      }
      // Compared only when both are counts at all, so that a bad graduated is not also blamed on the other.
      problems.check(
        input.graduated < 0 ||
          input.graduatesEnteringElderCare < 0 ||
          input.graduatesEnteringElderCare <= input.graduated,
        'graduatesEnteringElderCare',
        msg('education.graduatesenteringeldercareMustNotExceedGraduated'),
      );
      problems.throwIfAny();

      const key = { collegeId: body.id, major: input.major, year: input.year };
      const before = await this.programYears.findForUpdate(key, tx);
      const row = {
        ...key,
        enrolled: input.enrolled,
        graduated: input.graduated,
        graduatesEnteringElderCare: input.graduatesEnteringElderCare,
        updatedAt: new Date(),
      };
      await this.programYears.upsert(row, tx);
      const figures = (p: Partial<CollegeProgramYearEntity> | null) =>
        p && Object.fromEntries(FIGURES.map((f) => [f, p[f]]));
      const { updatedAt: _updatedAt, ...result } = row;
      return {
        result,
        recordType: 'CollegeProgramYear',
        recordId: `${body.id}:${input.major}:${input.year}`,
        summary: { major: input.major, year: input.year, before: figures(before), after: figures(row) },
      };
    });
  }

  /**
   * The pipeline for a year by major, in one statement. Planners (a district planner: its region by default and
   * no other); a college body: its own figures only.
   */
  async pipeline(actor: Actor, year: number, regionArg: string | null): Promise<EducationPipeline> {
    const regionCode = plannerRegion(actor, regionArg);
    let collegeId: string | null = null;
    if (actor.role === Role.EVALUATION_BODY) {
      if (!actor.evaluationBodyId || !isUuid(actor.evaluationBodyId))
        throw forbidden(msg('education.notACollegeAccount'));
      collegeId = actor.evaluationBodyId;
    }
    new InputProblems()
      .check(
        Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR,
        'year',
        msg('education.yearMustBe', { earliest: EARLIEST_YEAR, latest: LATEST_YEAR }),
      )
      .throwIfAny();

    const rows = await this.pipelineReadModel.rows(year, regionCode, collegeId);
    if (collegeId !== null) {
      const kind = rows.find((r) => r.dim === 'bodyKind')?.key ?? null;
      if (!COLLEGE_KINDS.includes(kind as EvaluationBodyKind)) {
        throw forbidden(msg('education.onlyAVocationalCollegeOr2'));
      }
    }
    if (regionCode !== null) assertCountyLevelKind(rows.find((r) => r.dim === 'regionKind')?.key ?? null);

    const byKey = new Map(rows.filter((r) => r.dim === 'major').map((r) => [r.key, r]));
    const byMajor = Object.values(CollegeMajor).map((major) => {
      const r = byKey.get(major);
      const enrolled = Number(r?.enrolled ?? 0);
      const graduated = Number(r?.graduated ?? 0);
      const entering = Number(r?.entering ?? 0);
      return { major, enrolled, graduated, graduatesEnteringElderCare: entering, entryRate: rate(entering, graduated) };
    });
    const sum = (f: 'enrolled' | 'graduated' | 'graduatesEnteringElderCare') => byMajor.reduce((n, m) => n + m[f], 0);
    const graduated = sum('graduated');
    const entering = sum('graduatesEnteringElderCare');
    return {
      year,
      regionCode,
      byMajor,
      enrolled: sum('enrolled'),
      graduated,
      graduatesEnteringElderCare: entering,
      entryRate: rate(entering, graduated),
    };
  }

  /**
   * Program years as recorded, newest year first (then by college and major): a college its own, a municipal planner
   * every college's, a district planner those of colleges filed in its region. A college named in the filter that
   * does not exist is NOT_FOUND; one outside the caller's scope is FORBIDDEN.
   */
  async listProgramYears(
    actor: Actor,
    filter: CollegeProgramYearFilter,
    page: PageArgs,
  ): Promise<Connection<CollegeProgramYearEntity>> {
    let collegeId: string | null = null;
    if (filter.collegeId !== undefined && filter.collegeId !== null) {
      const [college] = await this.bodies.byIds([filter.collegeId.toLowerCase()]);
      if (!college) throw notFound(msg('thing.college'));
      if (actor.role === Role.DISTRICT_PLANNER && college.regionCode !== actor.regionCode) {
        throw forbidden(msg('certification.outsideYourRegion', { regionCode: actor.regionCode }));
      }
      if (actor.role === Role.EVALUATION_BODY && college.id !== actor.evaluationBodyId) {
        throw forbidden(msg('education.aCollegeSeesOnlyIts'));
      }
      collegeId = college.id;
    }
    if (actor.role === Role.EVALUATION_BODY) {
      const body = await this.bodies.bodyOf(actor);
      if (!COLLEGE_KINDS.includes(body.kind)) {
        throw forbidden(msg('education.onlyAVocationalCollegeOr3'));
      }
      collegeId = body.id;
    }
    if (filter.year !== undefined && filter.year !== null) {
      new InputProblems()
        .check(
          Number.isInteger(filter.year) && filter.year >= EARLIEST_YEAR && filter.year <= LATEST_YEAR,
          'filter.year',
          msg('education.yearMustBe', { earliest: EARLIEST_YEAR, latest: LATEST_YEAR }),
        )
        .throwIfAny();
    }

    return this.programYears.list(
      {
        collegeId,
        year: filter.year ?? null,
        collegeRegion: actor.role === Role.DISTRICT_PLANNER ? actor.regionCode : undefined,
      },
      page,
    );
  }
}
