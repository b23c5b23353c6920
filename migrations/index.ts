import { Foundation1795877370494 } from './1795877370494-Foundation.js';
import { ReferenceData1795877370495 } from './1795877370495-ReferenceData.js';
import { Workforce1795882721944 } from './1795882721944-Workforce.js';
import { CertificationTraining1795885885218 } from './1795885885218-CertificationTraining.js';
import { TimeBank1795892810491 } from './1795892810491-TimeBank.js';
import { Planning1795894370955 } from './1795894370955-Planning.js';
import { LedgerFlows1795896690595 } from './1795896690595-LedgerFlows.js';
import { Corrections1796621680607 } from './1796621680607-Corrections.js';
import { CertificateCorrections1796621836317 } from './1796621836317-CertificateCorrections.js';
import { PiiKeyFingerprint1796622796614 } from './1796622796614-PiiKeyFingerprint.js';
import { AccountChangeNotifications1796656176268 } from './1796656176268-AccountChangeNotifications.js';

/** Listed explicitly, in order: a glob would also match this file (TypeORM then reports duplicates). */
export const MIGRATIONS = [
  Foundation1795877370494,
  ReferenceData1795877370495,
  Workforce1795882721944,
  CertificationTraining1795885885218,
  TimeBank1795892810491,
  Planning1795894370955,
  LedgerFlows1795896690595,
  Corrections1796621680607,
  CertificateCorrections1796621836317,
  PiiKeyFingerprint1796622796614,
  AccountChangeNotifications1796656176268,
];
