import DataLoader from 'dataloader';
import type { EvaluationBodiesService } from '../certification/evaluation-bodies.service.js';
import type { EvaluationBodyEntity } from '../certification/evaluation-body.entity.js';
import type { RequestLoaders } from '../common/loaders.js';
import type { AttendanceCounts, TrainingService } from './training.service.js';

/**
 * Providers of sessions by id, per request. Only for sessions the actor may already see; the filed bodies are a
 * public register anyway.
 */
export const trainingProviderLoader = (loaders: RequestLoaders, bodies: EvaluationBodiesService) =>
  loaders.get(
    'training-provider',
    () => new DataLoader<string, EvaluationBodyEntity | null>((ids) => bodies.byIds(ids)),
  );

/** Attendee and completed counts of sessions, per request: one query for every session of the response. */
export const attendanceCountsLoader = (loaders: RequestLoaders, training: TrainingService) =>
  loaders.get(
    'training-attendance-counts',
    () => new DataLoader<string, AttendanceCounts>((ids) => training.attendanceCounts(ids)),
  );
