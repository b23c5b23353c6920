import { Injectable } from '@nestjs/common';
import { todayInShanghai } from '../common/dates.js';
import { BadUserInputError, notFound } from '../common/errors.js';
import type { Actor } from '../common/roles.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { msg } from '../i18n/i18n.js';
import type { Scenario, WorkforceForecastInput } from './forecast.model.js';
import { ForecastService, INPUT_FIELDS } from './forecast.service.js';
import type { ScenarioEntity } from './scenario.entity.js';
import { ScenariosRepository } from './scenarios.repository.js';

/** A planner's saved forecast inputs, by name (each planner sees only their own). */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly forecasts: ForecastService,
    private readonly scenarios: ScenariosRepository,
  ) {}

  /** Saves a planner's forecast input under a name (the same name again replaces it). */
  async save(actor: Actor, name: string, input: WorkforceForecastInput): Promise<Scenario> {
    const label = name.trim();
    if (label.length < 1 || label.length > 100)
      throw BadUserInputError.field('name', msg('planning.nameMustBeCharacters'));
    const today = todayInShanghai();
    const regionCode = await this.forecasts.checkInput(actor, input, today);
    const kept: Record<string, unknown> = { horizonYear: input.horizonYear, regionCode };
    for (const f of INPUT_FIELDS) kept[f] = input[f] ?? null;
    return this.unitOfWork.run(actor, 'saveScenario', async (tx) => {
      const saved = await this.scenarios.upsert(actor.userId, label, kept, tx);
      return {
        result: scenarioView(saved),
        recordType: 'Scenario',
        recordId: saved.id,
        summary: { name: label, input: kept },
      };
    });
  }

  /** Deletes one of the caller's own scenarios by name; a name the caller has not saved is NOT_FOUND. */
  async delete(actor: Actor, name: string): Promise<boolean> {
    const label = name.trim();
    return this.unitOfWork.run(actor, 'deleteScenario', async (tx) => {
      const scenario = await this.scenarios.findByName(actor.userId, label, tx);
      if (!scenario) throw notFound(msg('thing.scenario'));
      await this.scenarios.delete(scenario.id, tx);
      return { result: true, recordType: 'Scenario', recordId: scenario.id, summary: { name: label, deleted: true } };
    });
  }

  /** The caller's own scenarios, by name. */
  async list(actor: Actor): Promise<Scenario[]> {
    const rows = await this.scenarios.listByOwner(actor.userId);
    return rows.map(scenarioView);
  }
}

function scenarioView(s: ScenarioEntity): Scenario {
  const input = s.input as unknown as Scenario['input'];
  return { id: s.id, name: s.name, input, savedAt: s.savedAt };
}
