import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { InstitutionsRepository } from './institutions.repository.js';
import { InstitutionsResolver } from './institutions.resolver.js';
import { InstitutionsService } from './institutions.service.js';

@Module({
  imports: [RegionsModule],
  providers: [InstitutionsRepository, InstitutionsService, InstitutionsResolver],
  exports: [InstitutionsService],
})
export class InstitutionsModule {}
