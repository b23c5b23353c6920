import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { TimeBankModule } from '../timebank/timebank.module.js';
import { TrainingModule } from '../training/training.module.js';
import { DashboardResolver } from './dashboard.resolver.js';
import { DashboardService } from './dashboard.service.js';
import { PlanningExportController } from './export.controller.js';

/**
 * The planner's dashboard and the planning export: they read planning, training and the time bank through their
 * services, which is why they live outside those modules. No SQL of their own.
 */
@Module({
  imports: [PlanningModule, TrainingModule, TimeBankModule, RegionsModule],
  controllers: [PlanningExportController],
  providers: [DashboardService, DashboardResolver],
  exports: [DashboardService],
})
export class DashboardModule {}
