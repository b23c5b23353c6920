import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { WorkforceModule } from '../workforce/workforce.module.js';
import { LedgerService } from './ledger.service.js';
import { ServiceRecordsService } from './service-records.service.js';
import { SpendingService } from './spending.service.js';
import { StatementsService } from './statements.service.js';
import {
  CareRedemptionResolver,
  LedgerResolver,
  RewardRedemptionResolver,
  RewardResolver,
  ServiceRecordResolver,
  TimeBankEntryResolver,
  TimeBankResolver,
  VolunteerResolver,
} from './timebank.resolver.js';
import { VolunteersService } from './volunteers.service.js';

/** The volunteer time bank: volunteers, service, and the double-entry ledger of TIME and POINTS. */
@Module({
  imports: [AuthModule, InstitutionsModule, RegionsModule, WorkforceModule],
  providers: [
    LedgerService,
    VolunteersService,
    ServiceRecordsService,
    SpendingService,
    StatementsService,
    VolunteerResolver,
    ServiceRecordResolver,
    CareRedemptionResolver,
    LedgerResolver,
    RewardResolver,
    RewardRedemptionResolver,
    TimeBankResolver,
    TimeBankEntryResolver,
  ],
  exports: [StatementsService],
})
export class TimeBankModule {}
