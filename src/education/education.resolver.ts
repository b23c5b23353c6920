import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { EvaluationBodiesService } from '../certification/evaluation-bodies.service.js';
import { evaluationBodyLoader } from '../certification/evaluation-body.loader.js';
import { EvaluationBody } from '../certification/evaluation-body.model.js';
import { YearRegionArgs } from '../common/figure-args.js';
import type { GraphQLContext } from '../common/loaders.js';
import { type Actor, Role } from '../common/roles.js';
import { PageArgs } from '../common/pagination.js';
import {
  CollegeProgramYear,
  CollegeProgramYearConnection,
  CollegeProgramYearFilter,
  EducationPipeline,
  RecordCollegeProgramYearInput,
} from './education.model.js';
import { EducationService } from './education.service.js';

@Resolver(() => CollegeProgramYear)
export class EducationResolver {
  constructor(
    private readonly education: EducationService,
    private readonly bodies: EvaluationBodiesService,
  ) {}

  @Mutation(() => CollegeProgramYear, {
    description:
      "Your college's figures for a major and year (a vocational college or technical school only). Recording " +
      'the same major and year again replaces them.',
  })
  @Roles(Role.EVALUATION_BODY)
  recordCollegeProgramYear(@CurrentActor() actor: Actor, @Args('input') input: RecordCollegeProgramYearInput) {
    return this.education.recordProgramYear(actor, input);
  }

  @Query(() => EducationPipeline, {
    description:
      'Enrolment, graduates and graduates entering elder care in a year, by major. Planners (a district planner: ' +
      'its region); a college account: its own figures.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.EVALUATION_BODY)
  educationPipeline(@CurrentActor() actor: Actor, @Args() { year, regionCode }: YearRegionArgs) {
    return this.education.pipeline(actor, year, regionCode ?? null);
  }

  @Query(() => CollegeProgramYearConnection, {
    description:
      'Program years as recorded, newest year first: a college account its own; a municipal planner every ' +
      'college’s; a district planner those of colleges filed in its region.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.EVALUATION_BODY)
  collegeProgramYears(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CollegeProgramYearFilter, nullable: true }) filter: CollegeProgramYearFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.education.listProgramYears(actor, filter ?? {}, page);
  }

  @ResolveField(() => EvaluationBody)
  college(programYear: CollegeProgramYear, _args: unknown, ctx: GraphQLContext) {
    return evaluationBodyLoader(ctx.loaders, this.bodies).load(programYear.collegeId);
  }
}
