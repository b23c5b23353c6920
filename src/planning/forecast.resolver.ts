import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { todayInShanghai } from '../common/dates.js';
import { type Actor, Role } from '../common/roles.js';
import { Scenario, WorkforceForecast, WorkforceForecastInput } from './forecast.model.js';
import { ForecastService } from './forecast.service.js';
import { ScenariosService } from './scenarios.service.js';

@Resolver(() => Scenario)
export class ForecastResolver {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly savedScenarios: ScenariosService,
  ) {}

  @Query(() => WorkforceForecast, {
    description:
      'Headcount per team, month by month to the horizon, from today’s stock and the last 12 months’ flows (every ' +
      'rate can be overridden): next = stock x (1 - a)^(1/12) - retirements in the month + inflow, with a the ' +
      'annual attrition rate. Each month’s total is shown rounded, the teams rounded to add up to it; each headcount ' +
      'target’s month reached and gap (target - the December total shown) come from those totals. Planners (a ' +
      'district planner: its region).',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  workforceForecast(@CurrentActor() actor: Actor, @Args('input') input: WorkforceForecastInput) {
    return this.forecasts.forecast(actor, input);
  }

  @Mutation(() => Scenario, { description: 'Saves a forecast input under a name (the same name again replaces it).' })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  saveScenario(@CurrentActor() actor: Actor, @Args('name') name: string, @Args('input') input: WorkforceForecastInput) {
    return this.savedScenarios.save(actor, name, input);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes one of your saved scenarios by name (true); a name you have not saved is NOT_FOUND.',
  })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  deleteScenario(@CurrentActor() actor: Actor, @Args('name') name: string) {
    return this.savedScenarios.delete(actor, name);
  }

  @Query(() => [Scenario], { description: 'Your saved scenarios, by name.' })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  scenarios(@CurrentActor() actor: Actor) {
    return this.savedScenarios.list(actor);
  }

  @ResolveField(() => WorkforceForecast, {
    description: 'The scenario run on today’s data (a horizon already past runs to the end of this year).',
  })
  forecast(@CurrentActor() actor: Actor, @Parent() scenario: Scenario) {
    // A scenario saved last year may name a horizon that has passed: it then runs to the end of this year.
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const input = scenario.input as WorkforceForecastInput;
    return this.forecasts.forecast(actor, { ...input, horizonYear: Math.max(input.horizonYear, thisYear) });
  }
}
