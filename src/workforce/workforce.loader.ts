import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { Actor } from '../common/roles.js';
import type { PersonEntity } from './person.entity.js';
import type { EmploymentWithInstitution, WorkforceService } from './workforce.service.js';

/** Each person's employments that the actor may see (with their institutions), per request. */
export const visibleEmploymentsLoader = (loaders: RequestLoaders, workforce: WorkforceService, actor: Actor) =>
  loaders.get(
    `employments-of-person:${actor.userId}`,
    () => new DataLoader<string, EmploymentWithInstitution[]>((ids) => workforce.visibleEmploymentsOf(actor, ids)),
  );

/**
 * Persons by id. Only for nested fields under a record the actor may already see (an employment they may see
 * means they may see its person).
 */
export const personLoader = (loaders: RequestLoaders, workforce: WorkforceService) =>
  loaders.get('person', () => new DataLoader<string, PersonEntity | null>((ids) => workforce.personsByIds(ids)));

/** Today's staff and social-worker counts per institution. */
export const staffCountsLoader = (loaders: RequestLoaders, workforce: WorkforceService) =>
  loaders.get(
    'institution-staff-counts',
    () => new DataLoader<string, { staff: number; socialWorkers: number }>((ids) => workforce.staffCounts(ids)),
  );
