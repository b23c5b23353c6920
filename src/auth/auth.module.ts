import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { AccountCache } from './account-cache.js';
import { AccountScopesReadModel } from './account-scopes.read-model.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [RegionsModule, InstitutionsModule],
  providers: [
    AccountCache,
    AccountsService,
    AccountsRepository,
    AccountScopesReadModel,
    TokenService,
    RateLimiter,
    AuthResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, RateLimiter],
})
export class AuthModule {}
