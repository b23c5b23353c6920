import { certificateValidOn } from '../common/counting-rules.js';
import type { CertificateEntity } from './certificate.entity.js';
import { CertificateStatus } from './certification.enums.js';

/** The status of a certificate on a date (DESIGN.md): REVOKED from the revocation date, EXPIRED after expiry. */
export function statusOn(c: Pick<CertificateEntity, 'revokedOn' | 'expiresOn'>, date: string): CertificateStatus {
  if (c.revokedOn !== null && c.revokedOn <= date) return CertificateStatus.REVOKED;
  if (c.expiresOn !== null && c.expiresOn < date) return CertificateStatus.EXPIRED;
  return CertificateStatus.VALID;
}

/**
 * SQL: certificate `alias` is valid on the date in parameter `param` (issued by then, not revoked, not expired). The
 * rule lives in common/counting-rules.ts (certificateValidOn).
 */
export const validOnSql = (alias: string, param: string): string => certificateValidOn(alias, param);
