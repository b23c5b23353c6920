import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { BatchResult } from '../common/batch.js';
import { DateScalar } from '../common/dates.js';
import { AsOfRegionArgs } from '../common/figure-args.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { selectsFieldBelow } from '../common/selection.js';
import { institutionLoader } from '../institutions/institution.loader.js';
import { Institution } from '../institutions/institution.model.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import type { EmploymentEntity } from './employment.entity.js';
import { personLoader, staffCountsLoader, visibleEmploymentsLoader } from './workforce.loader.js';
import {
  CorrectPersonInput,
  Employment,
  Headcount,
  PeopleFilter,
  Person,
  PersonConnection,
  RegisterStaffInput,
} from './workforce.model.js';
import { EndReason } from './workforce.enums.js';
import type { PersonPageRow } from './people.read-model.js';
import { PeopleService } from './people.service.js';
import { PersonCorrectionsService } from './person-corrections.service.js';
import { PersonsService } from './persons.service.js';
import { StaffRegistrationService } from './staff-registration.service.js';

const REGISTRARS = [Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN];
const PLANNERS = [Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER];

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    // Not `people`: the resolver has a query of that name.
    private readonly peopleService: PeopleService,
    private readonly registration: StaffRegistrationService,
    private readonly corrections: PersonCorrectionsService,
    private readonly institutions: InstitutionsService,
  ) {}

  @Mutation(() => Employment, {
    description:
      'Registers a staff member: links to the existing person with this ID number (CONFLICT if stored under ' +
      'another name) and adds the job. Repeating an identical registration returns the stored job.',
  })
  @Roles(...REGISTRARS)
  registerStaff(@CurrentActor() actor: Actor, @Args('input') input: RegisterStaffInput) {
    return this.registration.registerStaff(actor, input);
  }

  @Mutation(() => BatchResult, { description: `Up to 5,000 rows; all written or none (see the batch conventions).` })
  @Roles(...REGISTRARS)
  registerStaffBatch(
    @CurrentActor() actor: Actor,
    @Args('rows', { type: () => [RegisterStaffInput] }) rows: RegisterStaffInput[],
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun: boolean | null,
  ) {
    return this.registration.registerStaffBatch(actor, rows, dryRun ?? false);
  }

  @Mutation(() => Employment, { description: 'Ends an active employment; endDate is the first day not worked.' })
  @Roles(...REGISTRARS)
  endEmployment(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('endDate', { type: () => DateScalar }) endDate: string,
    @Args('reason', { type: () => EndReason }) reason: EndReason,
  ) {
    return this.registration.endEmployment(actor, id, endDate, reason);
  }

  @Mutation(() => Person, {
    description: 'Municipal planners; district planners for persons employed in their region. The reason is audited.',
  })
  @Roles(...PLANNERS)
  correctPerson(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CorrectPersonInput,
    @Args('reason') reason: string,
  ) {
    return this.corrections.correctPerson(actor, id, input, reason);
  }

  @Query(() => PersonConnection, { description: 'Persons you may see, by name.' })
  @Roles(...REGISTRARS)
  people(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => PeopleFilter, nullable: true }) filter: PeopleFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.peopleService.listPeople(actor, filter ?? {}, page, selectsFieldBelow(info, 'employments'));
  }

  @Query(() => Person)
  @Roles(...REGISTRARS)
  person(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.peopleService.getPerson(actor, id);
  }

  @Query(() => Headcount, {
    description: 'Talent headcount on asOf (default today, Asia/Shanghai). District planners: their region.',
  })
  @Roles(...PLANNERS)
  workforceHeadcount(@CurrentActor() actor: Actor, @Args() { asOf, regionCode }: AsOfRegionArgs) {
    return this.peopleService.headcount(actor, asOf ?? undefined, regionCode ?? undefined);
  }

  @ResolveField(() => [Employment], { description: 'Its employments you may see, oldest first.' })
  async employments(person: PersonPageRow, _args: unknown, ctx: GraphQLContext) {
    const actor = ctx.req.actor!;
    // Fetched with the page, or else by the loader; either way they come with their institutions, which go to the
    // institution loader so that nested institution fields cost no further query.
    const employments =
      person.visibleEmployments ??
      (await visibleEmploymentsLoader(ctx.loaders, this.peopleService, actor).load(person.id));
    const institutions = institutionLoader(ctx.loaders, this.institutions, actor);
    for (const e of employments) institutions.prime(e.institutionId, e.institution);
    return employments;
  }
}

@Resolver(() => Employment)
export class EmploymentResolver {
  constructor(
    private readonly persons: PersonsService,
    private readonly institutions: InstitutionsService,
  ) {}

  @ResolveField(() => Person)
  person(employment: EmploymentEntity, _args: unknown, ctx: GraphQLContext) {
    return personLoader(ctx.loaders, this.persons).load(employment.personId);
  }

  @ResolveField(() => Institution)
  institution(employment: EmploymentEntity, _args: unknown, ctx: GraphQLContext) {
    return institutionLoader(ctx.loaders, this.institutions, ctx.req.actor!).load(employment.institutionId);
  }
}

/** Staffing figures on Institution, owned here because they count employments. */
@Resolver(() => Institution)
export class InstitutionStaffResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Int, { description: 'Distinct persons employed there today.' })
  async activeStaffCount(institution: Institution, _args: unknown, ctx: GraphQLContext) {
    return (await staffCountsLoader(ctx.loaders, this.people).load(institution.id)).staff;
  }

  @ResolveField(() => Int, { description: 'Distinct persons in an active SOCIAL_WORKER job there today.' })
  async socialWorkerCount(institution: Institution, _args: unknown, ctx: GraphQLContext) {
    return (await staffCountsLoader(ctx.loaders, this.people).load(institution.id)).socialWorkers;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Care homes: one social worker per 100 licensed beds, rounded up (ceil(beds / 100)); else null.',
  })
  requiredSocialWorkers(institution: Institution) {
    return institution.type === 'CARE_HOME' ? Math.ceil((institution.beds ?? 0) / 100) : null;
  }
}
