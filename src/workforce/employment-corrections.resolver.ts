import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { type Actor, Role } from '../common/roles.js';
import { CorrectEmploymentInput } from './employment-corrections.model.js';
import { EmploymentCorrectionsService } from './employment-corrections.service.js';
import { Employment } from './workforce.model.js';

@Resolver(() => Employment)
export class EmploymentCorrectionsResolver {
  constructor(private readonly corrections: EmploymentCorrectionsService) {}

  @Mutation(() => Employment, {
    description:
      'Corrects an employment’s start date, end date (null reopens it) or end reason, with the checks of ' +
      'registration (dates, no overlapping job in the same occupation there). The institution’s admin, planners ' +
      'in scope. The reason and the dates before and after are audited.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN)
  correctEmployment(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CorrectEmploymentInput,
    @Args('reason') reason: string,
  ) {
    return this.corrections.correct(actor, id, input, reason);
  }
}
