import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { InputProblems } from '../common/errors.js';
import { type Actor, plannerRegion, Role } from '../common/roles.js';
import { ForecastService } from '../planning/forecast.service.js';
import { ProgressService } from '../planning/progress.service.js';
import { RatiosService } from '../planning/ratios.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { TrainingService } from '../training/training.service.js';
import { buildPlanningWorkbook } from './planning-workbook.js';
import { msg } from '../i18n/i18n.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The plan's target year; a later current year takes its place once the plan has run out. */
export const DEFAULT_HORIZON_YEAR = 2029;

/**
 * `GET /exports/planning.xlsx`: the planner's figures as a workbook, scoped like the GraphQL queries, every part as of
 * the same asOf (the forecast, which always starts from today's stock, says so in the notes).
 */
@Controller('exports')
export class PlanningExportController {
  constructor(
    private readonly ratios: RatiosService,
    private readonly progress: ProgressService,
    private readonly training: TrainingService,
    private readonly forecasts: ForecastService,
    private readonly regions: RegionsService,
  ) {}

  @Get('planning.xlsx')
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  @Header('Cache-Control', 'no-store')
  async planning(
    @CurrentActor() actor: Actor,
    @Query('asOf') asOfArg?: unknown,
    @Query('horizonYear') horizonArg?: unknown,
  ): Promise<StreamableFile> {
    const { asOf, horizonYear } = exportParams(asOfArg, horizonArg);
    const regionCode = plannerRegion(actor, null);
    const region = regionCode ?? undefined;
    const [ratios, progress, training, forecast, regions] = await Promise.all([
      this.ratios.staffingRatios(actor, asOf, region),
      this.progress.workforceProgress(actor, asOf, region),
      this.training.progress(actor, Number(asOf.slice(0, 4)), regionCode, asOf),
      this.forecasts.forecast(actor, { horizonYear, regionCode }),
      this.regions.list(),
    ]);
    const workbook = buildPlanningWorkbook({
      asOf,
      regionCode,
      regionNames: new Map(regions.map((r) => [r.code, r.nameZh])),
      ratios,
      progress,
      training,
      forecast,
      horizonYear,
      generatedAt: new Date(),
    });
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    return new StreamableFile(file, {
      type: XLSX_TYPE,
      disposition: `attachment; filename="planning-${asOf}.xlsx"`,
      length: file.length,
    });
  }
}

/** Both query parameters checked at once; the services check the ranges (asOf not in the future, the horizon). */
function exportParams(asOfArg: unknown, horizonArg: unknown): { asOf: string; horizonYear: number } {
  const today = todayInShanghai();
  const asOf = asOfArg === undefined || asOfArg === '' ? today : asOfArg;
  const horizon = horizonArg === undefined || horizonArg === '' ? undefined : horizonArg;
  new InputProblems()
    .check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!)
    .check(
      horizon === undefined || (typeof horizon === 'string' && /^\d{4}$/.test(horizon)),
      'horizonYear',
      msg('dashboard.horizonyearMustBeAYear'),
    )
    .throwIfAny();
  const horizonYear =
    horizon === undefined ? Math.max(DEFAULT_HORIZON_YEAR, Number(today.slice(0, 4))) : Number(horizon);
  return { asOf: asOf as string, horizonYear };
}
