import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import {
  Institution,
  InstitutionConnection,
  InstitutionFilter,
  RegisterInstitutionInput,
  UpdateInstitutionInput,
} from './institution.model.js';
import { InstitutionsService } from './institutions.service.js';

@Resolver(() => Institution)
export class InstitutionsResolver {
  constructor(private readonly service: InstitutionsService) {}

  @Mutation(() => Institution, { description: 'Municipal planners anywhere; district planners in their region.' })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  registerInstitution(@CurrentActor() actor: Actor, @Args('input') input: RegisterInstitutionInput) {
    return this.service.register(actor, input);
  }

  @Mutation(() => Institution, {
    description: 'Planners in scope change any field; the institution’s own admin only beds and department.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN)
  updateInstitution(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateInstitutionInput,
  ) {
    return this.service.update(actor, id, input);
  }

  @Query(() => InstitutionConnection, {
    description: 'Institutions in your scope, by region then name; the admin reads all (to scope accounts).',
  })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN)
  institutions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => InstitutionFilter, nullable: true }) filter: InstitutionFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.service.list(actor, filter ?? {}, page);
  }

  @Query(() => Institution, { description: 'One institution in your scope; the admin reads any.' })
  @Roles(Role.ADMIN, Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER, Role.INSTITUTION_ADMIN)
  institution(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(actor, id);
  }
}
