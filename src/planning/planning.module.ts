import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { ForecastResolver } from './forecast.resolver.js';
import { ForecastService } from './forecast.service.js';
import { FundingResolver } from './funding.resolver.js';
import { FundingService } from './funding.service.js';
import { PlanningResolver } from './planning.resolver.js';
import { ProgressService } from './progress.service.js';
import { RatiosService } from './ratios.service.js';
import { TargetsResolver } from './targets.resolver.js';
import { TargetsService } from './targets.service.js';

/** Targets, staffing ratios, progress toward the plan, and the money behind it. */
@Module({
  imports: [InstitutionsModule, RegionsModule],
  providers: [
    TargetsService,
    TargetsResolver,
    RatiosService,
    ProgressService,
    PlanningResolver,
    FundingService,
    FundingResolver,
    ForecastService,
    ForecastResolver,
  ],
  exports: [TargetsService, RatiosService, ProgressService, ForecastService],
})
export class PlanningModule {}
