import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { Actor } from '../common/roles.js';
import type { InstitutionEntity } from './institution.entity.js';
import type { InstitutionsService } from './institutions.service.js';

/** Institutions by id for nested fields, already narrowed to what the actor may see (others load as null). */
export const institutionLoader = (loaders: RequestLoaders, institutions: InstitutionsService, actor: Actor) =>
  loaders.get(
    `institution:${actor.userId}`,
    () => new DataLoader<string, InstitutionEntity | null>((ids) => institutions.visibleByIds(actor, ids)),
  );
