import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { WorkforceModule } from '../workforce/workforce.module.js';
import { CareRedemptionResolver } from './care-redemption.resolver.js';
import { CareRedemptionsRepository } from './care-redemptions.repository.js';
import { CareRedemptionsService } from './care-redemptions.service.js';
import { JournalReversalsService } from './journal-reversals.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerResolver } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';
import { PoolGrantsService } from './pool-grants.service.js';
import { RedemptionViewsReadModel } from './redemption-views.read-model.js';
import { RelativeViewsReadModel } from './relative-views.read-model.js';
import { RelativeResolver } from './relative.resolver.js';
import { RelativesRepository } from './relatives.repository.js';
import { RelativesService } from './relatives.service.js';
import { RewardRedemptionsRepository } from './reward-redemptions.repository.js';
import { RewardRedemptionsService } from './reward-redemptions.service.js';
import { RewardRedemptionResolver, RewardResolver } from './reward.resolver.js';
import { RewardsRepository } from './rewards.repository.js';
import { RewardsService } from './rewards.service.js';
import { ServiceRecordResolver } from './service-record.resolver.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { ServiceRecordsService } from './service-records.service.js';
import { StatementsReadModel } from './statements.read-model.js';
import { StatementsService } from './statements.service.js';
import { TimeBankEntryResolver, TimeBankResolver } from './time-bank-account.resolver.js';
import { TimeBankOverviewReadModel } from './time-bank-overview.read-model.js';
import { TimeBankOverviewResolver } from './time-bank-overview.resolver.js';
import { TimeBankOverviewService } from './time-bank-overview.service.js';
import { TransfersService } from './transfers.service.js';
import { VolunteerViewsReadModel } from './volunteer-views.read-model.js';
import { VolunteerResolver } from './volunteer.resolver.js';
import { VolunteersRepository } from './volunteers.repository.js';
import { VolunteersService } from './volunteers.service.js';

/** The volunteer time bank: volunteers, service, and the double-entry ledger of TIME and POINTS. */
@Module({
  imports: [AuthModule, InstitutionsModule, RegionsModule, WorkforceModule],
  providers: [
    // repositories
    LedgerRepository,
    VolunteersRepository,
    RelativesRepository,
    ServiceRecordsRepository,
    CareRedemptionsRepository,
    RewardsRepository,
    RewardRedemptionsRepository,
    // read models: the time bank's rows with what other modules hold (names, accounts), one statement each
    VolunteerViewsReadModel,
    RelativeViewsReadModel,
    RedemptionViewsReadModel,
    StatementsReadModel,
    TimeBankOverviewReadModel,
    // services, one job each
    LedgerService,
    JournalReversalsService,
    VolunteersService,
    RelativesService,
    ServiceRecordsService,
    TransfersService,
    CareRedemptionsService,
    RewardsService,
    RewardRedemptionsService,
    PoolGrantsService,
    StatementsService,
    TimeBankOverviewService,
    // resolvers
    VolunteerResolver,
    RelativeResolver,
    ServiceRecordResolver,
    CareRedemptionResolver,
    LedgerResolver,
    RewardResolver,
    RewardRedemptionResolver,
    TimeBankResolver,
    TimeBankEntryResolver,
    TimeBankOverviewResolver,
  ],
  exports: [TimeBankOverviewService],
})
export class TimeBankModule {}
