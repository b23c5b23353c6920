import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module.js';
import { TargetsModule } from '../targets/targets.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { WorkforceModule } from '../workforce/workforce.module.js';
import { AttendanceRepository } from './attendance.repository.js';
import { TrainingProgressReadModel } from './training-progress.read-model.js';
import { TrainingSessionsRepository } from './training-sessions.repository.js';
import { TrainingResolver } from './training.resolver.js';
import { TrainingService } from './training.service.js';

/** Training sessions, attendance and progress toward the yearly person-session target. */
@Module({
  imports: [RegionsModule, WorkforceModule, CertificationModule, TargetsModule],
  providers: [
    TrainingSessionsRepository,
    AttendanceRepository,
    TrainingProgressReadModel,
    TrainingService,
    TrainingResolver,
  ],
  exports: [TrainingService],
})
export class TrainingModule {}
