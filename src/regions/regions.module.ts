import { Module } from '@nestjs/common';
import { RegionsRepository } from './regions.repository.js';
import { RegionsResolver } from './regions.resolver.js';
import { RegionsService } from './regions.service.js';

@Module({ providers: [RegionsRepository, RegionsService, RegionsResolver], exports: [RegionsService] })
export class RegionsModule {}
