import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { QuietExceptionFilter } from './common/exception.filter.js';
import { formatGraphQLError } from './common/format-error.js';
import { queryLimitsRule } from './common/graphql-limits.js';
import { GraphQLFastPath, graphqlContext } from './common/graphql-fast-path.js';
import { withPlainResolvers } from './common/plain-resolvers.js';
import { apolloLogger, JsonLogger } from './common/logger.js';
import { inputValidationPipe } from './common/validation.pipe.js';
import { variablesGuardPlugin } from './common/variables-guard.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { SeedService } from './database/seed.service.js';
import { HealthController } from './health/health.controller.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { regionPopulation } from './regions/region-population.field.js';
import { RegionsModule } from './regions/regions.module.js';
import { WorkforceModule } from './workforce/workforce.module.js';
import { CertificationModule } from './certification/certification.module.js';
import { TrainingModule } from './training/training.module.js';
import { EducationModule } from './education/education.module.js';
import { TimeBankModule } from './timebank/timebank.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    const formatError = formatGraphQLError(logger, { suggestions: config.introspection });
    // Queries whose text Apollo has accepted once skip its pipeline after that (see the file); bootstrap mounts it.
    const fastPath = new GraphQLFastPath(formatError);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, logger),
        DatabaseModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: config.introspection,
          csrfPrevention: true,
          // Query text is small; big inputs (10,000-row batches) travel in variables, which this does not count.
          parseOptions: { maxTokens: 20_000 },
          includeStacktraceInErrorResponses: false,
          validationRules: [queryLimitsRule(config.limits)],
          formatError,
          logger: apolloLogger(logger),
          // No HTTP caching of GraphQL here; without this plugin Apollo stops instrumenting every field.
          // The variables guard refuses undeclared input fields before graphql-js coerces (and prints) them.
          plugins: [ApolloServerPluginCacheControlDisabled(), variablesGuardPlugin(), fastPath.plugin()],
          context: (request: unknown) => graphqlContext(request),
          // Hot fields with arguments, resolved by plain functions that graphql-js calls directly (see the file).
          transformSchema: (schema) => withPlainResolvers(schema, { 'Region.population': regionPopulation }),
        }),
        AuditModule,
        RegionsModule,
        InstitutionsModule,
        AuthModule,
        PlanningModule,
        WorkforceModule,
        CertificationModule,
        TrainingModule,
        EducationModule,
        TimeBankModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useValue: inputValidationPipe },
        { provide: APP_FILTER, useClass: QuietExceptionFilter },
        SeedService,
        { provide: GraphQLFastPath, useValue: fastPath },
      ],
    };
  }
}
