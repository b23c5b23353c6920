import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { word } from '../i18n/i18n.js';
import { Relative } from './relative.model.js';
import { RelativesService } from './relatives.service.js';
import { statementNote } from './statement-note.js';
import { StatementsService } from './statements.service.js';
import { TimeBank, TimeBankEntry, TimeBankEntryConnection, TimeBankMonth } from './time-bank-account.model.js';
import { siteLoader } from './timebank.loaders.js';
import { Volunteer } from './volunteer.model.js';
import { VolunteersService } from './volunteers.service.js';

@Resolver(() => TimeBankEntry)
export class TimeBankEntryResolver {
  constructor(private readonly institutions: InstitutionsService) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'The service site: where the credited service was done, or where the care is given.',
  })
  async siteName(@Parent() entry: TimeBankEntry, @Context() ctx: GraphQLContext) {
    if (!entry.siteId) return null;
    return (await siteLoader(ctx, this.institutions).load(entry.siteId))?.name ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The line in words, in the language of Accept-Language (Chinese by default), worded from its facts: the ' +
      'service (date, site, category, duration), the other party of a transfer, the care and the relative, the ' +
      'reward, and the reason a person gave (a grant, a reversal, a cancellation).',
  })
  async note(@Parent() entry: TimeBankEntry, @Context() ctx: GraphQLContext) {
    const siteName = await this.siteName(entry, ctx);
    const note = statementNote({ ...entry, siteName });
    return note ? word(note) : null;
  }
}

@Resolver(() => TimeBank)
export class TimeBankResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly statements: StatementsService,
    private readonly volunteers: VolunteersService,
    private readonly relativesService: RelativesService,
  ) {}

  @Query(() => TimeBank, { description: 'Your own time bank (volunteers only): balances, statement, relatives.' })
  @Roles(Role.VOLUNTEER)
  myTimeBank(@CurrentActor() actor: Actor) {
    return this.statements.timeBank(actor, this.config.timeBank.storageCapMinutes);
  }

  @ResolveField(() => TimeBankEntryConnection, {
    description: 'Every line on your TIME and POINTS accounts, newest first.',
  })
  entries(@Parent() bank: TimeBank, @Args() page: PageArgs) {
    return this.statements.entries(bank.volunteerId, page);
  }

  @ResolveField(() => [TimeBankMonth], { description: 'TIME earned and spent in each month of a year.' })
  monthly(@Parent() bank: TimeBank, @Args('year', { type: () => Int }) year: number) {
    return this.statements.monthly(bank.volunteerId, year);
  }

  @ResolveField(() => [Relative])
  relatives(@CurrentActor() actor: Actor) {
    return this.relativesService.of(actor);
  }

  @ResolveField(() => Volunteer)
  async volunteer(@Parent() bank: TimeBank) {
    return (await this.volunteers.byIds([bank.volunteerId]))[0];
  }
}
