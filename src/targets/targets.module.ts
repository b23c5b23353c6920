import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { ApportionBasisReadModel } from './apportion-basis.read-model.js';
import { TargetsRepository } from './targets.repository.js';
import { TargetsResolver } from './targets.resolver.js';
import { TargetsService } from './targets.service.js';

/** The plan's targets per metric, year and region: read by training and planning, which build on this module. */
@Module({
  imports: [RegionsModule],
  providers: [TargetsRepository, ApportionBasisReadModel, TargetsService, TargetsResolver],
  exports: [TargetsService],
})
export class TargetsModule {}
