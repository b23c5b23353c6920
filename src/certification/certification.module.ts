import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { WorkforceModule } from '../workforce/workforce.module.js';
import { EvaluationBodiesResolver } from './evaluation-bodies.resolver.js';
import { EvaluationBodiesService } from './evaluation-bodies.service.js';

@Module({
  imports: [RegionsModule, InstitutionsModule, WorkforceModule],
  providers: [EvaluationBodiesService, EvaluationBodiesResolver],
  exports: [EvaluationBodiesService],
})
export class CertificationModule {}
