import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { addYears, todayInShanghai } from '../common/dates.js';
import { BadUserInputError, InputProblems, notFound } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import { primaryJobsSql } from '../workforce/primary-jobs.js';
import { Team } from '../workforce/workforce.enums.js';
import type {
  ForecastAssumptions,
  ForecastPoint,
  Scenario,
  WorkforceForecast,
  WorkforceForecastInput,
} from './forecast.model.js';
import { ScenarioEntity } from './scenario.entity.js';
import { TargetMetric } from './target.enums.js';
import { TargetsService } from './targets.service.js';

const TEAMS = Object.values(Team);
const MAX_HORIZON_YEARS = 30;
const DEFAULT_RETIREMENT_AGE = { MALE: 60, FEMALE: 55 };
const INPUT_FIELDS = [
  'annualAttritionRate',
  'graduatesEnteringPerYear',
  'traineeConversionRate',
  'extraHiresPerMonth',
  'retirementAgeMale',
  'retirementAgeFemale',
] as const;

/** What the registry says about the last 12 months, in one statement. */
interface Measures {
  stock: Record<Team, number>;
  entrants: Record<Team, number>;
  headcountBefore: number;
  exits: number;
  graduates: number;
  trainees: number;
  traineesEmployed: number;
  /** Current staff by team, sex and birth month (YYYY-MM), for the retirement schedule. */
  births: { team: Team; sex: 'MALE' | 'FEMALE'; month: string; n: number }[];
}

/** Months as YYYY-MM, and arithmetic on them. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The workforce forecast (iHRIS Plan's stock-and-flow idea): from today's stock per team, month by month to the
 * horizon, stock(m+1) = stock(m) x (1 - attrition)^(1/12) - retirements(m) + inflow(m). Retirements come from each
 * current staff member's birth date and sex at the retirement ages (people already past the age stay, counted in
 * attrition); inflow is the other hires of the last 12 months by team, plus graduates entering, trainees taking
 * a job and any extra hires, into the care team. Every rate is measured from the registry unless given.
 */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly targets: TargetsService,
  ) {}

  async forecast(actor: Actor, input: WorkforceForecastInput): Promise<WorkforceForecast> {
    const today = todayInShanghai();
    const regionCode = await this.checkInput(actor, input, today);
    const m = await this.measure(today, regionCode);

    const rate = (given: number | null | undefined, measured: number) => given ?? measured;
    const graduates = rate(input.graduatesEnteringPerYear, m.graduates);
    const measuredConversion = m.trainees === 0 ? 0 : m.traineesEmployed / m.trainees;
    const conversion = rate(input.traineeConversionRate, measuredConversion);
    const attrition = rate(input.annualAttritionRate, m.headcountBefore === 0 ? 0 : m.exits / m.headcountBefore);
    const extra = input.extraHiresPerMonth ?? 0;
    const ages = {
      MALE: input.retirementAgeMale ?? DEFAULT_RETIREMENT_AGE.MALE,
      FEMALE: input.retirementAgeFemale ?? DEFAULT_RETIREMENT_AGE.FEMALE,
    };
    // The entrants measured include the graduates and trainees who took a job: the rest are "other hires".
    const otherHires: Record<Team, number> = { ...m.entrants };
    otherHires[Team.CARE] = Math.max(0, otherHires[Team.CARE] - m.graduates - m.traineesEmployed);
    const careInflow = graduates / 12 + (conversion * m.trainees) / 12 + extra;

    const start = monthIndex(today.slice(0, 7));
    const end = input.horizonYear * 12 + 11;
    const retirements = new Map<string, number>();
    for (const b of m.births) {
      // Reaching the age this month: still in today's stock, gone from next month. Past it already: they stay
      // (people working past the age leave through attrition).
      const reached = monthIndex(b.month) + ages[b.sex] * 12;
      const at = reached === start ? start + 1 : reached;
      if (reached >= start && at <= end) {
        retirements.set(`${b.team}:${at}`, (retirements.get(`${b.team}:${at}`) ?? 0) + b.n);
      }
    }
    // An annual attrition rate a leaves (1 - a) of the staff after twelve months of compounding.
    const monthlySurvival = (1 - attrition) ** (1 / 12);

    const stock: Record<Team, number> = { ...m.stock };
    const series: ForecastPoint[] = [];
    const totals = new Map<number, number>();
    for (let month = start; month <= end; month++) {
      if (month > start) {
        for (const team of TEAMS) {
          const inflow = otherHires[team] / 12 + (team === Team.CARE ? careInflow : 0);
          const next = stock[team] * monthlySurvival - (retirements.get(`${team}:${month}`) ?? 0) + inflow;
          stock[team] = Math.max(0, next);
        }
      }
      let total = 0;
      for (const team of TEAMS) {
        series.push({ month: monthOf(month), team, headcount: Math.round(stock[team]) });
        total += stock[team];
      }
      // Targets are compared with the unrounded total, rounded once (not a sum of rounded teams).
      totals.set(month, Math.round(total));
    }

    const targets = [];
    const yearTargets = await this.targets.yearTargets(
      TargetMetric.TALENT_HEADCOUNT,
      Number(today.slice(0, 4)),
      input.horizonYear,
      regionCode,
    );
    for (const [year, value] of [...yearTargets].sort(([a], [b]) => a - b)) {
      let reached: string | null = null;
      for (let month = start; month <= end; month++) {
        if (totals.get(month)! >= value) {
          reached = monthOf(month);
          break;
        }
      }
      const atTargetDate = totals.get(year * 12 + 11)!;
      targets.push({
        year,
        target: value,
        reachedInMonth: reached,
        gapAtTargetDate: Math.max(0, Math.ceil(value - atTargetDate)),
      });
    }

    const assumptions: ForecastAssumptions = {
      measuredFrom: addYears(today, -1),
      measuredTo: today,
      annualAttritionRate: attrition,
      graduatesEnteringPerYear: graduates,
      traineeConversionRate: conversion,
      traineesPerYear: m.trainees,
      otherHiresPerYear: TEAMS.reduce((sum, team) => sum + otherHires[team], 0),
      extraHiresPerMonth: extra,
      retirementAgeMale: ages.MALE,
      retirementAgeFemale: ages.FEMALE,
      overridden: INPUT_FIELDS.filter((f) => input[f] !== null && input[f] !== undefined),
    };
    return { regionCode, series, targets, assumptions };
  }

  /** Every problem of the input at once; the region a planner may forecast (a district planner: its own). */
  private async checkInput(actor: Actor, input: WorkforceForecastInput, today: string): Promise<string | null> {
    const year = Number(today.slice(0, 4));
    const problems = new InputProblems();
    problems.check(
      Number.isInteger(input.horizonYear) && input.horizonYear >= year && input.horizonYear <= year + MAX_HORIZON_YEARS,
      'horizonYear',
      `horizonYear must be from ${year} to ${year + MAX_HORIZON_YEARS}`,
    );
    const share = (field: 'annualAttritionRate' | 'traineeConversionRate') => {
      const v = input[field];
      if (v !== null && v !== undefined) problems.check(v >= 0 && v <= 1, field, `${field} must be from 0 to 1`);
    };
    share('annualAttritionRate');
    share('traineeConversionRate');
    const count = (field: 'graduatesEnteringPerYear' | 'extraHiresPerMonth') => {
      const v = input[field];
      if (v !== null && v !== undefined)
        problems.check(v >= 0 && v <= 1_000_000, field, `${field} must be from 0 to 1,000,000`);
    };
    count('graduatesEnteringPerYear');
    count('extraHiresPerMonth');
    const age = (field: 'retirementAgeMale' | 'retirementAgeFemale') => {
      const v = input[field];
      if (v !== null && v !== undefined) problems.check(v >= 40 && v <= 80, field, `${field} must be from 40 to 80`);
    };
    age('retirementAgeMale');
    age('retirementAgeFemale');
    const regionCode = plannerRegion(actor, input.regionCode?.trim() || null);
    if (regionCode !== null) {
      problems.check(await this.regions.isCountyLevelCode(regionCode), 'regionCode', COUNTY_LEVEL_ONLY);
    }
    problems.throwIfAny();
    return regionCode;
  }

  /**
   * The stock today and the flows of the last 12 months, (today - 1 year, today], in one statement. In a region,
   * entrants and exits follow the region of the primary job, so a transfer between districts is an exit from one
   * and an entrant to the other.
   */
  private async measure(today: string, regionCode: string | null): Promise<Measures> {
    const before = addYears(today, -1);
    const [row]: {
      stock: { team: Team; n: number }[] | null;
      entrants: { team: Team; n: number }[] | null;
      headcount_before: number;
      exits: number;
      graduates: number;
      trainees: number;
      trainees_employed: number;
      births: Measures['births'] | null;
    }[] = await this.dataSource.query(
      `WITH now_job AS (${primaryJobsSql('$1::date')}),
            before_job AS (${primaryJobsSql('$2::date')}),
            stock AS (SELECT n.person_id, n.team FROM now_job n WHERE $3::varchar IS NULL OR n.region_code = $3),
            earlier AS (SELECT b.person_id FROM before_job b WHERE $3::varchar IS NULL OR b.region_code = $3),
            trainee AS (
              SELECT DISTINCT a.person_id FROM attendance a JOIN training_session s ON s.id = a.session_id
               WHERE a.completed AND s.end_date > $2::date AND s.end_date <= $1::date
                 AND ($3::varchar IS NULL OR s.region_code = $3)
                 AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.person_id = a.person_id
                                    AND e.start_date <= s.end_date AND (e.end_date IS NULL OR e.end_date > s.end_date)))
       SELECT
         (SELECT json_agg(json_build_object('team', team, 'n', n))
            FROM (SELECT team, count(*)::int AS n FROM stock GROUP BY team) x) AS stock,
         (SELECT json_agg(json_build_object('team', team, 'n', n))
            FROM (SELECT s.team, count(*)::int AS n FROM stock s
                   WHERE NOT EXISTS (SELECT 1 FROM earlier b WHERE b.person_id = s.person_id) GROUP BY s.team) x)
           AS entrants,
         (SELECT count(*)::int FROM earlier) AS headcount_before,
         (SELECT count(*)::int FROM earlier b
           WHERE NOT EXISTS (SELECT 1 FROM stock n WHERE n.person_id = b.person_id)
             AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.person_id = b.person_id AND e.end_reason = 'RETIRED'
                                AND e.end_date > $2::date AND e.end_date <= $1::date)) AS exits,
         (SELECT coalesce(sum(c.graduates_entering_elder_care), 0)::int
            FROM college_program_year c JOIN evaluation_body b ON b.id = c.college_id
           WHERE ($3::varchar IS NULL OR b.region_code = $3)
             AND c.year = (SELECT max(c2.year) FROM college_program_year c2 JOIN evaluation_body b2 ON b2.id = c2.college_id
                            WHERE c2.year <= extract(year FROM $1::date) AND ($3::varchar IS NULL OR b2.region_code = $3)))
           AS graduates,
         (SELECT count(*)::int FROM trainee) AS trainees,
         (SELECT count(*)::int FROM trainee t WHERE EXISTS (SELECT 1 FROM now_job n WHERE n.person_id = t.person_id))
           AS trainees_employed,
         (SELECT json_agg(json_build_object('team', team, 'sex', sex, 'month', month, 'n', n))
            FROM (SELECT s.team, p.sex, to_char(p.birth_date, 'YYYY-MM') AS month, count(*)::int AS n
                    FROM stock s JOIN person p ON p.id = s.person_id GROUP BY 1, 2, 3) x) AS births`,
      [today, before, regionCode],
    );
    const byTeam = (rows: { team: Team; n: number }[] | null) => {
      const counts = Object.fromEntries(TEAMS.map((t) => [t, 0])) as Record<Team, number>;
      for (const r of rows ?? []) counts[r.team] = r.n;
      return counts;
    };
    return {
      stock: byTeam(row.stock),
      entrants: byTeam(row.entrants),
      headcountBefore: row.headcount_before,
      exits: row.exits,
      graduates: row.graduates,
      trainees: row.trainees,
      traineesEmployed: row.trainees_employed,
      births: row.births ?? [],
    };
  }

  // ---- scenarios ----

  /** Saves a planner's forecast input under a name (the same name again replaces it). */
  async saveScenario(actor: Actor, name: string, input: WorkforceForecastInput): Promise<Scenario> {
    const label = name.trim();
    if (label.length < 1 || label.length > 100) throw BadUserInputError.field('name', 'name must be 1-100 characters');
    const today = todayInShanghai();
    const regionCode = await this.checkInput(actor, input, today);
    const kept: Record<string, unknown> = { horizonYear: input.horizonYear, regionCode };
    for (const f of INPUT_FIELDS) kept[f] = input[f] ?? null;
    return this.audit.mutation(actor, 'saveScenario', async (em) => {
      await em.query(
        `INSERT INTO scenario (owner_id, name, input) VALUES ($1, $2, $3)
         ON CONFLICT (owner_id, name) DO UPDATE SET input = excluded.input, saved_at = now()`,
        [actor.userId, label, kept],
      );
      const saved = await em.findOneByOrFail(ScenarioEntity, { ownerId: actor.userId, name: label });
      return {
        result: this.scenarioView(saved),
        recordType: 'Scenario',
        recordId: saved.id,
        summary: { name: label, input: kept },
      };
    });
  }

  /** Deletes one of the caller's own scenarios by name; a name the caller has not saved is NOT_FOUND. */
  async deleteScenario(actor: Actor, name: string): Promise<boolean> {
    const label = name.trim();
    return this.audit.mutation(actor, 'deleteScenario', async (em) => {
      const scenario = await em.findOneBy(ScenarioEntity, { ownerId: actor.userId, name: label });
      if (!scenario) throw notFound('Scenario');
      await em.delete(ScenarioEntity, { id: scenario.id });
      return { result: true, recordType: 'Scenario', recordId: scenario.id, summary: { name: label, deleted: true } };
    });
  }

  /** The caller's own scenarios, by name. */
  async scenarios(actor: Actor): Promise<Scenario[]> {
    const rows = await this.dataSource.getRepository(ScenarioEntity).find({
      where: { ownerId: actor.userId },
      order: { name: 'ASC' },
    });
    return rows.map((s) => this.scenarioView(s));
  }

  private scenarioView(s: ScenarioEntity): Scenario {
    const input = s.input as unknown as Scenario['input'];
    return { id: s.id, name: s.name, input, savedAt: s.savedAt };
  }
}
