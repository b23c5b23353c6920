import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { InstitutionEntity } from '../institutions/institution.entity.js';
import { RegionEntity, RegionPopulationEntity } from '../regions/region.entity.js';
import { TargetEntity } from '../targets/target.entity.js';
import { FundAllocationEntity } from '../planning/fund-allocation.entity.js';
import { ScenarioEntity } from '../planning/scenario.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { CertificateEntity } from '../certification/certificate.entity.js';
import { EvaluationBodyEntity } from '../certification/evaluation-body.entity.js';
import { CollegeProgramYearEntity } from '../education/college-program-year.entity.js';
import { AttendanceEntity, TrainingSessionEntity } from '../training/training-session.entity.js';
import { EmploymentEntity } from '../workforce/employment.entity.js';
import { PersonEntity } from '../workforce/person.entity.js';
import { TIMEBANK_ENTITIES } from '../timebank/timebank.entities.js';
import { PiiKeyFingerprintEntity } from './pii-key-fingerprint.entity.js';

/** Every table the app maps, listed once for the app, the CLI and the drift check. */
export const ENTITIES = [
  RegionEntity,
  RegionPopulationEntity,
  InstitutionEntity,
  TargetEntity,
  FundAllocationEntity,
  ScenarioEntity,
  UserEntity,
  AuditEventEntity,
  PersonEntity,
  EmploymentEntity,
  EvaluationBodyEntity,
  CertificateEntity,
  TrainingSessionEntity,
  AttendanceEntity,
  CollegeProgramYearEntity,
  ...TIMEBANK_ENTITIES,
  PiiKeyFingerprintEntity,
];
