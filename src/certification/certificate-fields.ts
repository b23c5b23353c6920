import { isIsoDate, dateProblem } from '../common/dates.js';
import type { FieldProblem } from '../common/errors.js';
import { type Msg, msg } from '../i18n/i18n.js';
import { type CertificateKind, LEVELS_OF, Profession } from './certification.enums.js';

export const EARLIEST_ISSUE_DATE = '1980-01-01';
export const MAX_REASON_LENGTH = 500;
/** Letters (any script), digits and the separators printed certificate numbers use; compared without case. */
export const CERTIFICATE_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}\-_/.()]{2,49}$/u;

/** Certificate numbers are compared without surrounding spaces and letter case. */
export const normalizeCertificateNumber = (raw: string) => raw.trim().toUpperCase();

export interface CertificateFields {
  kind: CertificateKind;
  level?: number | null;
  profession?: Profession | null;
  certificateNumber: string;
  issuedOn: string;
  expiresOn?: string | null;
}

/** Problems of the certificate itself (level for the kind, number, dates), the same for issued and external ones. */
export function checkCertificateFields(c: CertificateFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: Msg) => problems.push({ field, message });
  const levels = LEVELS_OF[c.kind];
  if (levels === undefined) add('kind', msg('certification.kindIsNotAKnown'));
  else if (levels === null) {
    if (c.level !== null && c.level !== undefined) add('level', msg('certification.aPROFESSIONALLICENSEHasNo'));
    if (!c.profession) add('profession', msg('certification.aPROFESSIONALLICENSENamesIts'));
    else if (!Object.values(Profession).includes(c.profession))
      add('profession', msg('certification.professionIsNotKnown'));
  } else {
    const allowed = Object.keys(levels).map(Number);
    if (c.level === null || c.level === undefined)
      add('level', msg('certification.aCertificateHasALevel', { kind: c.kind }));
    else if (!allowed.includes(c.level)) {
      add(
        'level',
        msg('certification.levelMustBeForIs', { min: Math.min(...allowed), max: Math.max(...allowed), kind: c.kind }),
      );
    }
    if (c.profession) add('profession', msg('certification.onlyAPROFESSIONALLICENSENames'));
  }
  if (!CERTIFICATE_NUMBER.test(normalizeCertificateNumber(c.certificateNumber ?? ''))) {
    add('certificateNumber', msg('certification.certificatenumberMustBeLettersDigits'));
  }
  if (!isIsoDate(c.issuedOn)) add('issuedOn', dateProblem(msg('field.issuedOn'), c.issuedOn)!);
  else if (c.issuedOn > today) add('issuedOn', msg('certification.issuedonMustNotBeIn', { today }));
  else if (c.issuedOn < EARLIEST_ISSUE_DATE)
    add('issuedOn', msg('certification.issuedonMustNotBeBefore', { earliest: EARLIEST_ISSUE_DATE }));
  if (c.expiresOn !== null && c.expiresOn !== undefined) {
    if (!isIsoDate(c.expiresOn)) add('expiresOn', dateProblem(msg('field.expiresOn'), c.expiresOn)!);
    else if (isIsoDate(c.issuedOn) && c.expiresOn < c.issuedOn)
      add('expiresOn', msg('certification.expiresonMustNotBeBefore'));
  }
  return problems;
}
