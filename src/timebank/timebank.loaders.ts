import DataLoader from 'dataloader';
import type { GraphQLContext } from '../common/loaders.js';
import type { InstitutionsService } from '../institutions/institutions.service.js';
import type { VolunteersService, VolunteerView } from './volunteers.service.js';

/** An institution as InstitutionsService returns it (null: none with that id). */
type InstitutionRow = Awaited<ReturnType<InstitutionsService['anyByIds']>>[number];

/** Volunteers with their account and person facts, batched per request. */
export const volunteerLoader = (ctx: GraphQLContext, volunteers: VolunteersService) =>
  ctx.loaders.get('volunteer', () => new DataLoader<string, VolunteerView | null>((ids) => volunteers.byIds(ids)));

/** Service sites are every institution: their public facts load for anyone who sees a record naming one. */
export const siteLoader = (ctx: GraphQLContext, institutions: InstitutionsService) =>
  ctx.loaders.get('service-site', () => new DataLoader<string, InstitutionRow>((ids) => institutions.anyByIds(ids)));
