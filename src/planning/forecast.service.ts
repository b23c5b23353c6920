import { Injectable } from '@nestjs/common';
import { optionalCode } from '../common/codes.js';
import { addYears, todayInShanghai } from '../common/dates.js';
import { InputProblems } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { COUNTY_LEVEL_ONLY, RegionsService } from '../regions/regions.service.js';
import { TargetMetric } from '../targets/target.enums.js';
import { roundToTotal } from '../targets/largest-remainders.js';
import { TargetsService } from '../targets/targets.service.js';
import { Team } from '../workforce/workforce.enums.js';
import { msg, fieldName } from '../i18n/i18n.js';
import { t } from '../i18n/i18n.js';
import type {
  ForecastAssumptions,
  ForecastPoint,
  ForecastTotal,
  WorkforceForecast,
  WorkforceForecastInput,
} from './forecast.model.js';
import { ForecastReadModel } from './forecast.read-model.js';
import { retirementDate, type Sex } from './retirement.js';

const TEAMS = Object.values(Team);
const MAX_HORIZON_YEARS = 30;
/** The ages before the 2025 reform, where the statutory schedule starts (retirement.ts). */
const STATUTORY_BASE_AGE = { MALE: 60, FEMALE: 55 };
export const INPUT_FIELDS = [
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
  /** The latest program year with graduates recorded (in scope), whose entrants are `graduates`; null if none. */
  graduatesYear: number | null;
  trainees: number;
  traineesEmployed: number;
  /** Current staff by team, sex and birth date (YYYY-MM-DD), for the retirement schedule. */
  births: { team: Team; sex: Sex; birthDate: string; n: number }[];
}

/** Months as YYYY-MM, and arithmetic on them. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The workforce forecast (DESIGN.md "Forecast"; iHRIS Plan's stock-and-flow idea): from the stock per team on the
 * forecast's first day (today), month by month to the horizon, next = stock x (1 - a)^(1/12) - retirements in the
 * month + inflow, with `a` the annual attrition rate. Retirements come from each current staff member's birth date
 * and sex, at the statutory age of their birth month (retirement.ts) or the ages given; people at or past it on the
 * first day stay and leave only through attrition (assumptions.staffPastRetirementAge). Inflow is the other hires of
 * the last 12 months by team, plus graduates entering (the latest program year with graduates), trainees taking a
 * job and any extra hires, into the care team. Every rate is measured from the registry unless given. Shown: each
 * month's total rounded to a whole person, the teams rounded to add up to it; targets are judged on those totals.
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly readModel: ForecastReadModel,
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
    const givenAges = { MALE: input.retirementAgeMale ?? null, FEMALE: input.retirementAgeFemale ?? null };
    // The entrants measured include the graduates and trainees who took a job: the rest are "other hires".
    const otherHires: Record<Team, number> = { ...m.entrants };
    otherHires[Team.CARE] = Math.max(0, otherHires[Team.CARE] - m.graduates - m.traineesEmployed);
    const careInflow = graduates / 12 + (conversion * m.trainees) / 12 + extra;

    // Month indexes: `start` is this month, whose point is today's stock; the step into month k (k > start) applies
    // that month's attrition, retirements and inflow.
    const start = monthIndex(today.slice(0, 7));
    const end = input.horizonYear * 12 + 11;
    const retirements = new Map<string, number>();
    let staffPastRetirementAge = 0;
    for (const b of m.births) {
      const retires = retirementDate(b.sex, b.birthDate, givenAges[b.sex]);
      // At or past the age on the forecast's first day: they stay, and leave only through attrition.
      if (retires <= today) {
        staffPastRetirementAge += b.n;
        continue;
      }
      // Reaching it later this month: gone in month one, like those reaching it next month.
      const at = Math.max(monthIndex(retires.slice(0, 7)), start + 1);
      if (at <= end) retirements.set(`${b.team}:${at}`, (retirements.get(`${b.team}:${at}`) ?? 0) + b.n);
    }
    // An annual attrition rate a leaves (1 - a) of the staff after twelve months of compounding.
    const monthlySurvival = (1 - attrition) ** (1 / 12);

    const stock: Record<Team, number> = { ...m.stock };
    const series: ForecastPoint[] = [];
    const totals: ForecastTotal[] = [];
    const shown = new Map<number, number>();
    for (let month = start; month <= end; month++) {
      if (month > start) {
        for (const team of TEAMS) {
          const inflow = otherHires[team] / 12 + (team === Team.CARE ? careInflow : 0);
          const next = stock[team] * monthlySurvival - (retirements.get(`${team}:${month}`) ?? 0) + inflow;
          stock[team] = Math.max(0, next);
        }
      }
      // The total shown is the unrounded total rounded once; the teams shown add up to it (largest remainders).
      const rounded = roundToTotal(TEAMS.map((team) => stock[team]));
      TEAMS.forEach((team, i) => series.push({ month: monthOf(month), team, headcount: rounded.parts[i] }));
      totals.push({ month: monthOf(month), headcount: rounded.total });
      shown.set(month, rounded.total);
    }

    // Targets are compared with the totals shown, so a planner gets the same answers from the page.
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
        if (shown.get(month)! >= value) {
          reached = monthOf(month);
          break;
        }
      }
      targets.push({
        year,
        target: value,
        reachedInMonth: reached,
        gapAtTargetDate: Math.max(0, Math.ceil(value - shown.get(year * 12 + 11)!)),
      });
    }

    const assumptions: ForecastAssumptions = {
      measuredFrom: addYears(today, -1),
      measuredTo: today,
      annualAttritionRate: attrition,
      graduatesEnteringPerYear: graduates,
      graduatesProgramYear: m.graduatesYear,
      traineeConversionRate: conversion,
      traineesPerYear: m.trainees,
      otherHiresPerYear: TEAMS.reduce((sum, team) => sum + otherHires[team], 0),
      extraHiresPerMonth: extra,
      retirementAgeMale: givenAges.MALE ?? STATUTORY_BASE_AGE.MALE,
      retirementAgeFemale: givenAges.FEMALE ?? STATUTORY_BASE_AGE.FEMALE,
      staffPastRetirementAge,
      overridden: INPUT_FIELDS.filter((f) => input[f] !== null && input[f] !== undefined),
    };
    const note =
      targets.length > 0
        ? null
        : regionCode === null
          ? t('note.noCityHeadcountTargetBetween', { from: today.slice(0, 4), to: input.horizonYear })
          : t('note.noRegionHeadcountTargetBetween', { from: today.slice(0, 4), to: input.horizonYear });
    return { regionCode, series, totals, targets, assumptions, note };
  }

  /** Every problem of the input at once; the region a planner may forecast (a district planner: its own). */
  async checkInput(actor: Actor, input: WorkforceForecastInput, today: string): Promise<string | null> {
    const year = Number(today.slice(0, 4));
    const problems = new InputProblems();
    problems.check(
      Number.isInteger(input.horizonYear) && input.horizonYear >= year && input.horizonYear <= year + MAX_HORIZON_YEARS,
      'horizonYear',
      msg('planning.horizonyearMustBeFromTo', { from: year, to: year + MAX_HORIZON_YEARS }),
    );
    const share = (field: 'annualAttritionRate' | 'traineeConversionRate') => {
      const v = input[field];
      if (v !== null && v !== undefined)
        problems.check(v >= 0 && v <= 1, field, msg('planning.mustBeFromTo', { field: fieldName(field) }));
    };
    share('annualAttritionRate');
    share('traineeConversionRate');
    const count = (field: 'graduatesEnteringPerYear' | 'extraHiresPerMonth') => {
      const v = input[field];
      if (v !== null && v !== undefined)
        problems.check(v >= 0 && v <= 1_000_000, field, msg('planning.mustBeFromTo2', { field: fieldName(field) }));
    };
    count('graduatesEnteringPerYear');
    count('extraHiresPerMonth');
    const age = (field: 'retirementAgeMale' | 'retirementAgeFemale') => {
      const v = input[field];
      if (v !== null && v !== undefined)
        problems.check(v >= 40 && v <= 80, field, msg('planning.mustBeFromTo3', { field: fieldName(field) }));
    };
    age('retirementAgeMale');
    age('retirementAgeFemale');
    const regionCode = plannerRegion(actor, optionalCode(input.regionCode, 'regionCode', problems));
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
    const row = await this.readModel.measures(today, before, regionCode);
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
      graduatesYear: row.graduates_year,
      trainees: row.trainees,
      traineesEmployed: row.trainees_employed,
      births: row.births ?? [],
    };
  }
}
