import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { EvaluationBodiesService } from './evaluation-bodies.service.js';
import type { EvaluationBodyEntity } from './evaluation-body.entity.js';

/**
 * Filed bodies by id, per request, for nested fields (a certificate's issuer, a session's provider, a program year's
 * college). Only used under records the actor may already see.
 */
export const evaluationBodyLoader = (loaders: RequestLoaders, bodies: EvaluationBodiesService) =>
  loaders.get('evaluation-body', () => new DataLoader<string, EvaluationBodyEntity | null>((ids) => bodies.byIds(ids)));
