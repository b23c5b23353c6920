import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { TargetsModule } from '../targets/targets.module.js';
import { ForecastReadModel } from './forecast.read-model.js';
import { ForecastResolver } from './forecast.resolver.js';
import { ForecastService } from './forecast.service.js';
import { FundAllocationsRepository } from './fund-allocations.repository.js';
import { FundingResolver } from './funding.resolver.js';
import { FundingService } from './funding.service.js';
import { ProgressReadModel } from './progress.read-model.js';
import { ProgressResolver } from './progress.resolver.js';
import { ProgressService } from './progress.service.js';
import { RatiosReadModel } from './ratios.read-model.js';
import { RatiosResolver } from './ratios.resolver.js';
import { RatiosService } from './ratios.service.js';
import { ScenariosRepository } from './scenarios.repository.js';
import { ScenariosService } from './scenarios.service.js';
import { TrainingCostReadModel } from './training-cost.read-model.js';

/** Staffing ratios, progress toward the targets, the workforce forecast and its scenarios, and the money behind the plan. */
@Module({
  imports: [RegionsModule, TargetsModule],
  providers: [
    RatiosReadModel,
    RatiosService,
    RatiosResolver,
    ProgressReadModel,
    ProgressService,
    ProgressResolver,
    FundAllocationsRepository,
    TrainingCostReadModel,
    FundingService,
    FundingResolver,
    ForecastReadModel,
    ForecastService,
    ScenariosRepository,
    ScenariosService,
    ForecastResolver,
  ],
  exports: [RatiosService, ProgressService, ForecastService],
})
export class PlanningModule {}
