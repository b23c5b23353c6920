import { DEFAULT_LANG, msg, word } from '../src/i18n/i18n.js';

/**
 * The notes the portal gives when a training target is missing (trainingProgress), as the raw side writes them: from
 * the server's catalogue, in the portal's default language (the bench sends no Accept-Language).
 */
export const NO_TRAINING_TARGET = {
  city: word(msg('note.noCityTrainingTarget'), DEFAULT_LANG),
  region: word(msg('note.noRegionTrainingTarget'), DEFAULT_LANG),
};
