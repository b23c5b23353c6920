import { Module } from '@nestjs/common';
import { TargetsResolver } from './targets.resolver.js';
import { TargetsService } from './targets.service.js';

@Module({ providers: [TargetsService, TargetsResolver], exports: [TargetsService] })
export class PlanningModule {}
