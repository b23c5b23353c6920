import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  ObjectType,
  Field,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { clientKey, CurrentActor, PublicOrSignedIn, Roles } from '../auth/auth.decorators.js';
import { DateScalar, todayInShanghai } from '../common/dates.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { InstitutionEntity } from '../institutions/institution.entity.js';
import type { RewardEntity } from './timebank.entities.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { Inject } from '@nestjs/common';
import { ServiceRecordsService } from './service-records.service.js';
import { SpendingService } from './spending.service.js';
import { StatementsService } from './statements.service.js';
import { RedemptionStatus } from './timebank.enums.js';
import {
  CareRedemption,
  CareRedemptionConnection,
  CreateRewardInput,
  GrantFromPoolInput,
  Journal,
  LogServiceInput,
  RedeemPointsInput,
  RedeemTimeInput,
  RegisterRelativeInput,
  RegisterVolunteerInput,
  Relative,
  Reward,
  RewardConnection,
  ServiceRecord,
  ServiceRecordConnection,
  ServiceRecordFilter,
  ServiceSite,
  ServiceSiteConnection,
  TimeBank,
  TimeBankEntryConnection,
  TimeBankMonth,
  TimeBankSummary,
  TimeBankEntry,
  TransferCreditsInput,
  UpdateRewardInput,
  RewardRedemption,
  RewardRedemptionConnection,
  Volunteer,
  VolunteerFilter,
  VolunteerSummaryConnection,
} from './timebank.model.js';
import { ageOn } from './timebank-rules.js';
import { type VolunteerView, VolunteersService } from './volunteers.service.js';
import { word } from '../i18n/i18n.js';
import { statementNote } from './statement-note.js';

@ObjectType('VolunteerPerson', { description: 'The person behind a volunteer account, as the time bank shows it.' })
export class VolunteerPerson {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters of the ID number.' })
  idNumberMasked: string;

  @Field(() => DateScalar)
  birthDate: string;

  @Field(() => Int, { description: 'Age today.' })
  age: number;
}

const volunteerLoader = (ctx: GraphQLContext, volunteers: VolunteersService) =>
  ctx.loaders.get('volunteer', () => new DataLoader<string, VolunteerView | null>((ids) => volunteers.byIds(ids)));

/** Service sites are every institution: their public facts load for anyone who sees a record naming one. */
const siteLoader = (ctx: GraphQLContext, institutions: InstitutionsService) =>
  ctx.loaders.get(
    'service-site',
    () =>
      new DataLoader<string, InstitutionEntity | null>(async (ids) => {
        const rows = await institutions.findByIds(ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );

@Resolver(() => Volunteer)
export class VolunteerResolver {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => Volunteer, {
    description:
      'Volunteer sign-up. Public (rate-limited per client): any mismatch or duplicate gets one generic ' +
      'BAD_USER_INPUT. An institution admin (with its token) may sign someone up on their behalf: phone optional, ' +
      'region defaulting to the institution’s, and specific errors. Sign in afterwards with `login`.',
  })
  @PublicOrSignedIn()
  registerVolunteer(
    @CurrentActor() actor: Actor | undefined,
    @Args('input') input: RegisterVolunteerInput,
    @Context() ctx: GraphQLContext,
  ) {
    return this.volunteers.register(actor ?? null, input, clientKey(ctx.req));
  }

  @ResolveField(() => VolunteerPerson)
  person(@Parent() volunteer: VolunteerView): VolunteerPerson {
    return {
      id: volunteer.personId,
      name: volunteer.name,
      idNumberMasked: volunteer.idNumberMasked,
      birthDate: volunteer.birthDate,
      age: ageOn(volunteer.birthDate, todayInShanghai()),
    };
  }

  @Mutation(() => Relative, {
    description:
      'Registers a direct relative (by ID number and name) to transfer to or redeem care for. The same person ' +
      'again returns the stored relative.',
  })
  @Roles(Role.VOLUNTEER)
  registerRelative(@CurrentActor() actor: Actor, @Args('input') input: RegisterRelativeInput) {
    return this.volunteers.registerRelative(actor, input);
  }

  @Mutation(() => Relative, {
    description:
      'Removes one of your relatives (no longer offered for transfers or care; your statement and redemptions keep ' +
      'the name). Refused while care redeemed for them is pending.',
  })
  @Roles(Role.VOLUNTEER)
  removeRelative(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.volunteers.removeRelative(actor, id);
  }

  @Query(() => VolunteerSummaryConnection, {
    name: 'volunteers',
    description:
      'Volunteers by name, for planners (a district planner: those living in its region): who they are, to grant ' +
      'from the pool or reset a password; never balances.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  volunteerList(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => VolunteerFilter, nullable: true }) filter: VolunteerFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.volunteers.list(actor, filter ?? {}, page);
  }

  @Query(() => ServiceSiteConnection, {
    description: 'Where volunteers may serve and redeem care: every registered institution, by region and name.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  serviceSites(
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
    @Args() page: PageArgs,
  ) {
    return this.volunteers.serviceSites(regionCode ?? null, page);
  }
}

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  constructor(
    private readonly records: ServiceRecordsService,
    private readonly volunteers: VolunteersService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => ServiceRecord, {
    description:
      'A volunteer logs its own service (omit volunteerId) at a service site; an institution admin logs service ' +
      'at its institution for a volunteer. LOGGED until that institution verifies or rejects it.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  logService(@CurrentActor() actor: Actor, @Args('input') input: LogServiceInput) {
    return this.records.log(actor, input);
  }

  @Mutation(() => ServiceRecord, {
    description:
      'The admin of the institution where the service happened verifies it, once, and the credit is posted: ' +
      'the daily cap per service date, points, and the storage cap with the excess to the public pool.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  verifyService(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.records.verify(actor, id);
  }

  @Mutation(() => ServiceRecord, { description: 'Rejects a LOGGED record, once; nothing is credited.' })
  @Roles(Role.INSTITUTION_ADMIN)
  rejectService(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.records.reject(actor, id, reason);
  }

  @Query(() => ServiceRecordConnection, {
    description: 'A volunteer’s own records, or the records of service at an admin’s institution; latest first.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  serviceRecords(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ServiceRecordFilter, nullable: true }) filter: ServiceRecordFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.records.list(actor, filter ?? {}, page);
  }

  @ResolveField(() => Volunteer)
  volunteer(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    return volunteerLoader(ctx, this.volunteers).load(record.volunteerId);
  }

  @ResolveField(() => ServiceSite)
  institution(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    return siteLoader(ctx, this.institutions).load(record.institutionId);
  }

  @ResolveField(() => ID, { nullable: true })
  reversalJournalId(@Parent() record: ServiceRecord, @Context() ctx: GraphQLContext) {
    if (!record.journalId) return null;
    return ctx.loaders
      .get(
        'service-credit-reversal',
        () => new DataLoader<string, string | null>((ids) => this.records.reversalsOf(ids)),
      )
      .load(record.journalId);
  }
}

@Resolver(() => CareRedemption)
export class CareRedemptionResolver {
  constructor(
    private readonly spending: SpendingService,
    private readonly volunteers: VolunteersService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => CareRedemption, {
    description:
      'Redeems TIME for care at an institution, for yourself or a registered relative aged 60+: the minutes are ' +
      'debited at once and the redemption is PENDING until the institution confirms or cancels it. Retrying with ' +
      'the same idempotencyKey returns the first result.',
  })
  @Roles(Role.VOLUNTEER)
  redeemTime(@CurrentActor() actor: Actor, @Args('input') input: RedeemTimeInput) {
    return this.spending.redeemTime(actor, input);
  }

  @Mutation(() => CareRedemption, { description: 'The institution giving the care confirms it was given.' })
  @Roles(Role.INSTITUTION_ADMIN)
  confirmCareRedemption(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.spending.confirmRedemption(actor, id);
  }

  @Mutation(() => CareRedemption, {
    description: 'The institution cancels a PENDING redemption; the minutes are refunded by a journal.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  cancelCareRedemption(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.spending.cancelRedemption(actor, id, reason);
  }

  @Query(() => CareRedemptionConnection, {
    description: 'A volunteer’s own redemptions, or the care redeemed at an admin’s institution; newest first.',
  })
  @Roles(Role.VOLUNTEER, Role.INSTITUTION_ADMIN)
  careRedemptions(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => RedemptionStatus, nullable: true }) status: RedemptionStatus | null,
    @Args() page: PageArgs,
  ) {
    return this.spending.redemptions(actor, status ?? null, page);
  }

  @ResolveField(() => Volunteer)
  volunteer(@Parent() redemption: CareRedemption, @Context() ctx: GraphQLContext) {
    return volunteerLoader(ctx, this.volunteers).load(redemption.volunteerId);
  }

  @ResolveField(() => ServiceSite)
  institution(@Parent() redemption: CareRedemption, @Context() ctx: GraphQLContext) {
    return siteLoader(ctx, this.institutions).load(redemption.institutionId);
  }
}

@Resolver(() => Journal)
export class LedgerResolver {
  constructor(private readonly spending: SpendingService) {}

  @Mutation(() => Journal, {
    description:
      'Moves TIME to a registered relative who has an account, or donates it to the public pool. Retrying with ' +
      'the same idempotencyKey returns the first journal; the key with a different request is a CONFLICT.',
  })
  @Roles(Role.VOLUNTEER)
  transferCredits(@CurrentActor() actor: Actor, @Args('input') input: TransferCreditsInput) {
    return this.spending.transfer(actor, input);
  }

  @Mutation(() => Journal, { description: 'Buys catalogue rewards with POINTS; stock is taken atomically.' })
  @Roles(Role.VOLUNTEER)
  redeemPoints(@CurrentActor() actor: Actor, @Args('input') input: RedeemPointsInput) {
    return this.spending.redeemPoints(actor, input);
  }

  @Mutation(() => Journal, {
    description:
      'Grants TIME from the public pool: a municipal planner to any volunteer, a district planner to volunteers ' +
      'living in its region.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  grantFromPool(@CurrentActor() actor: Actor, @Args('input') input: GrantFromPoolInput) {
    return this.spending.grantFromPool(actor, input);
  }

  @Mutation(() => Journal, {
    description: 'Posts the mirror image of a journal, at most once; INSUFFICIENT_BALANCE if already spent.',
  })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER)
  reverseJournal(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.spending.reverse(actor, id, reason);
  }
}

@Resolver(() => Reward)
export class RewardResolver {
  constructor(private readonly spending: SpendingService) {}

  @Query(() => RewardConnection, {
    description: 'The rewards catalogue (volunteers see what is on offer; planners the whole catalogue).',
  })
  @Roles(Role.VOLUNTEER, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  rewards(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.spending.rewards(actor, page);
  }

  @Mutation(() => Reward, { description: 'Adds a reward to the catalogue.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  createReward(@CurrentActor() actor: Actor, @Args('input') input: CreateRewardInput) {
    return this.spending.createReward(actor, input);
  }

  @Mutation(() => Reward, { description: 'Changes a reward’s cost, stock or availability.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  updateReward(@CurrentActor() actor: Actor, @Args('input') input: UpdateRewardInput) {
    return this.spending.updateReward(actor, input);
  }
}

@Resolver(() => RewardRedemption)
export class RewardRedemptionResolver {
  constructor(private readonly spending: SpendingService) {}

  @Query(() => RewardRedemptionConnection, {
    description: 'Your rewards bought with points, newest first, each with the code to show when you collect it.',
  })
  @Roles(Role.VOLUNTEER)
  myRewardRedemptions(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.spending.myRewardRedemptions(actor, page);
  }

  @Mutation(() => RewardRedemption, {
    description:
      'An institution admin hands a reward over against the code the volunteer shows, and marks it COLLECTED ' +
      '(once). An unknown code is NOT_FOUND.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  collectReward(@CurrentActor() actor: Actor, @Args('code') code: string) {
    return this.spending.collectReward(actor, code);
  }

  @ResolveField(() => Reward)
  reward(@Parent() redemption: RewardRedemption, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get('reward', () => new DataLoader<string, RewardEntity | null>((ids) => this.spending.rewardsByIds(ids)))
      .load(redemption.rewardId);
  }
}

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
    return this.volunteers.relativesOf(actor);
  }

  @ResolveField(() => Volunteer)
  async volunteer(@Parent() bank: TimeBank) {
    return (await this.volunteers.byIds([bank.volunteerId]))[0];
  }

  @Query(() => TimeBankSummary, {
    description:
      'Planners’ time-bank figures by the region volunteers live in (a district planner: its own), as they stood ' +
      'at the end of asOf (default today, Asia/Shanghai): volunteers, those active in the 90 days up to asOf, the ' +
      'share aged 60-69, minutes issued, redeemed, pending redemption, transferred, granted, put in the pool.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  timeBankSummary(
    @CurrentActor() actor: Actor,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ) {
    return this.statements.summary(actor, regionCode ?? null, asOf ?? null);
  }
}
