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

/**
 * SQL (a scalar subquery): the number of the certificate that replaces certificate `c` now, following corrections
 * to the latest (A corrected by B, B by C: C), or null when `c` was never corrected.
 */
export const LATEST_REPLACEMENT_SQL = `
  WITH RECURSIVE chain AS (
    SELECT n.id, n.certificate_number, 1 AS depth FROM certificate n WHERE n.supersedes_id = c.id
    UNION ALL
    SELECT n.id, n.certificate_number, chain.depth + 1
      FROM certificate n JOIN chain ON n.supersedes_id = chain.id
     WHERE chain.depth < 100)
  SELECT certificate_number FROM chain ORDER BY depth DESC LIMIT 1`;
