import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION_PREFIX = 'v1.';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** Derives independent subkeys so the encryption key is never reused as the HMAC key. */
function deriveSubkey(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

/**
 * Field-level encryption for personal data.
 * - encrypt/decrypt: AES-256-GCM (randomised, authenticated) for storage.
 * - lookupHash: deterministic HMAC so equality lookups / unique indexes work without decrypting.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('PiiCipher key must be 32 bytes');
    this.encKey = deriveSubkey(key, 'pii-encrypt');
    this.lookupKey = deriveSubkey(key, 'pii-lookup');
  }

  /** Returns `v1.` + base64url(iv | tag | ciphertext). */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return VERSION_PREFIX + Buffer.concat([iv, tag, ciphertext]).toString('base64url');
  }

  /** Throws if the token is malformed or was tampered with. */
  decrypt(token: string): string {
    if (!token.startsWith(VERSION_PREFIX)) throw new Error('Unsupported PII token version');
    const body = token.slice(VERSION_PREFIX.length);
    const raw = Buffer.from(body, 'base64url');
    // Node's base64 decoder silently skips bad characters and ignores trailing bits;
    // require the canonical encoding so any edit to the token string is rejected.
    if (raw.toString('base64url') !== body || raw.length < IV_LENGTH + TAG_LENGTH) {
      throw new Error('Malformed PII token');
    }
    const iv = raw.subarray(0, IV_LENGTH);
    const tag = raw.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH);
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_LENGTH });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA256 hex of the plaintext; callers should normalise (e.g. normalizeResidentId) first. */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.lookupKey).update(plain, 'utf8').digest('hex');
  }
}

/** Keeps the first 3 and last 4 digits (138****5678). Short numbers are fully masked so nothing leaks. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

const KEY_ERROR = 'PII_KEY must be 32 bytes as 64 hex characters or base64';

/** Parses PII_KEY from 64 hex characters or base64/base64url of exactly 32 bytes. */
export function parsePiiKey(value: string): Buffer {
  const v = value.trim();
  // Hex is tried first: a 64-char hex string is also valid base64 (of 48 bytes).
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const key = Buffer.from(v, 'base64');
    if (key.length === 32) return key;
  }
  throw new Error(KEY_ERROR);
}
