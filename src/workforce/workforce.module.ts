import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { EmploymentCorrectionsResolver } from './employment-corrections.resolver.js';
import { EmploymentCorrectionsService } from './employment-corrections.service.js';
import { EmploymentResolver, InstitutionStaffResolver, PersonResolver } from './workforce.resolver.js';
import { WorkforceService } from './workforce.service.js';

@Module({
  imports: [InstitutionsModule, RegionsModule],
  providers: [
    WorkforceService,
    PersonResolver,
    EmploymentResolver,
    InstitutionStaffResolver,
    EmploymentCorrectionsService,
    EmploymentCorrectionsResolver,
  ],
  exports: [WorkforceService],
})
export class WorkforceModule {}
