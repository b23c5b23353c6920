import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { EvaluationBodiesService } from './evaluation-bodies.service.js';
import {
  EvaluationBody,
  EvaluationBodyConnection,
  EvaluationBodyFilter,
  RegisterEvaluationBodyInput,
} from './evaluation-body.model.js';

@Resolver(() => EvaluationBody)
export class EvaluationBodiesResolver {
  constructor(private readonly bodies: EvaluationBodiesService) {}

  @Mutation(() => EvaluationBody, { description: 'Files a skill-evaluation body, college or training provider.' })
  @Roles(Role.MUNICIPAL_PLANNER)
  registerEvaluationBody(@CurrentActor() actor: Actor, @Args('input') input: RegisterEvaluationBodyInput) {
    return this.bodies.register(actor, input);
  }

  @Query(() => EvaluationBodyConnection, {
    description:
      'Municipal planners and the admin (to scope accounts): every filed body; district planners: those in their ' +
      'region; a body account: itself.',
  })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.EVALUATION_BODY)
  evaluationBodies(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => EvaluationBodyFilter, nullable: true }) filter: EvaluationBodyFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.bodies.list(actor, filter ?? {}, page);
  }
}
