import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { CollegeProgramYearsRepository } from './college-program-years.repository.js';
import { EducationPipelineReadModel } from './education-pipeline.read-model.js';
import { EducationResolver } from './education.resolver.js';
import { EducationService } from './education.service.js';

/** The college pipeline: enrolment, graduates and graduates entering elder care, by major and year. */
@Module({
  imports: [RegionsModule, CertificationModule],
  providers: [CollegeProgramYearsRepository, EducationPipelineReadModel, EducationService, EducationResolver],
  exports: [EducationService],
})
export class EducationModule {}
