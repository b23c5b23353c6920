import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { EmploymentCorrectionsResolver } from './employment-corrections.resolver.js';
import { EmploymentCorrectionsService } from './employment-corrections.service.js';
import { EmploymentsRepository } from './employments.repository.js';
import { HeadcountReadModel } from './headcount.read-model.js';
import { PeopleReadModel } from './people.read-model.js';
import { PeopleService } from './people.service.js';
import { PersonCorrectionsService } from './person-corrections.service.js';
import { PersonsRepository } from './persons.repository.js';
import { PersonsService } from './persons.service.js';
import { StaffRegistrationService } from './staff-registration.service.js';
import { EmploymentResolver, InstitutionStaffResolver, PersonResolver } from './workforce.resolver.js';

/**
 * People and their employments: who works where. Other modules use the registry of persons through PersonsService
 * (and the checks in persons.ts), never its tables.
 */
@Module({
  imports: [InstitutionsModule, RegionsModule],
  providers: [
    PersonsRepository,
    EmploymentsRepository,
    PeopleReadModel,
    HeadcountReadModel,
    PersonsService,
    PeopleService,
    StaffRegistrationService,
    PersonCorrectionsService,
    PersonResolver,
    EmploymentResolver,
    InstitutionStaffResolver,
    EmploymentCorrectionsService,
    EmploymentCorrectionsResolver,
  ],
  exports: [PersonsService],
})
export class WorkforceModule {}
