import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { Actor } from '../common/roles.js';
import type { PersonEntity } from './person.entity.js';
import type { EmploymentWithInstitution } from './people.read-model.js';
import type { PeopleService } from './people.service.js';
import type { PersonsService } from './persons.service.js';

/** Each person's employments that the actor may see (with their institutions), per request. */
export const visibleEmploymentsLoader = (loaders: RequestLoaders, people: PeopleService, actor: Actor) =>
  loaders.get(
    `employments-of-person:${actor.userId}`,
    () => new DataLoader<string, EmploymentWithInstitution[]>((ids) => people.visibleEmploymentsOf(actor, ids)),
  );

/**
 * Persons by id. Only for nested fields under a record the actor may already see (an employment they may see
 * means they may see its person).
 */
export const personLoader = (loaders: RequestLoaders, persons: PersonsService) =>
  loaders.get('person', () => new DataLoader<string, PersonEntity | null>((ids) => persons.personsByIds(ids)));

/** Today's staff and social-worker counts per institution. */
export const staffCountsLoader = (loaders: RequestLoaders, people: PeopleService) =>
  loaders.get(
    'institution-staff-counts',
    () => new DataLoader<string, { staff: number; socialWorkers: number }>((ids) => people.staffCounts(ids)),
  );
