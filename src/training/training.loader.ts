import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { AttendanceCounts, TrainingService } from './training.service.js';

/** Attendee and completed counts of sessions, per request: one query for every session of the response. */
export const attendanceCountsLoader = (loaders: RequestLoaders, training: TrainingService) =>
  loaders.get(
    'training-attendance-counts',
    () => new DataLoader<string, AttendanceCounts>((ids) => training.attendanceCounts(ids)),
  );
