import { describe, it, expect } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PiiCipher, maskPhone, parsePiiKey } from './pii.js';

const key = randomBytes(32);
const cipher = new PiiCipher(key);
const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));

describe('PiiCipher', () => {
  it('round-trips arbitrary unicode strings with the v1 format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (plain) => {
        const token = cipher.encrypt(plain);
        return /^v1\.[A-Za-z0-9_-]+$/.test(token) && cipher.decrypt(token) === plain;
      }),
    );
  });

  it('uses a random IV so equal plaintexts encrypt differently', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
  });

  it('property: flipping any byte of iv|tag|ciphertext breaks decrypt', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), fc.integer({ min: 1, max: 255 }), (plain, at, xor) => {
        const raw = Buffer.from(cipher.encrypt(plain).slice(3), 'base64url');
        raw[at % raw.length] ^= xor;
        expect(() => cipher.decrypt('v1.' + raw.toString('base64url'))).toThrow();
      }),
    );
  });

  it('rejects truncated, re-versioned, non-canonical and foreign-key tokens', () => {
    const token = cipher.encrypt('secret');
    expect(() => cipher.decrypt(token.slice(0, 20))).toThrow();
    expect(() => cipher.decrypt('v2.' + token.slice(3))).toThrow();
    expect(() => cipher.decrypt(token + '!')).toThrow();
    expect(() => new PiiCipher(randomBytes(32)).decrypt(token)).toThrow();
  });

  it('requires a 32-byte key', () => {
    expect(() => new PiiCipher(randomBytes(16))).toThrow();
  });

  it('property: lookupHash is deterministic hex and key-dependent', () => {
    fc.assert(
      fc.property(fc.string(), keyArb, keyArb, (plain, k1, k2) => {
        fc.pre(!k1.equals(k2));
        const a = new PiiCipher(k1);
        const h = a.lookupHash(plain);
        expect(h).toMatch(/^[0-9a-f]{64}$/);
        expect(new PiiCipher(k1).lookupHash(plain)).toBe(h);
        expect(new PiiCipher(k2).lookupHash(plain)).not.toBe(h);
      }),
    );
  });

  it('lookupHash differs for different inputs and is not a plain HMAC with the master key', () => {
    expect(cipher.lookupHash('a')).not.toBe(cipher.lookupHash('b'));
    // The HKDF subkey must be used, not the master key directly.
    expect(cipher.lookupHash('a')).not.toBe(createHmac('sha256', key).update('a').digest('hex'));
  });
});

describe('maskPhone', () => {
  it('keeps first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('property: never contains the middle digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone);
        return masked === phone.slice(0, 3) + '****' + phone.slice(7) && !masked.includes(phone.slice(3, 7));
      }),
    );
  });

  it('fully masks numbers too short to partially reveal', () => {
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('parsePiiKey', () => {
  it('accepts 64 hex characters and base64 of 32 bytes', () => {
    expect(parsePiiKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parsePiiKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parsePiiKey(key.toString('base64url')).equals(key)).toBe(true);
  });

  it('rejects anything else with a clear message', () => {
    for (const bad of [
      '',
      'abc',
      'z'.repeat(64),
      randomBytes(16).toString('hex'),
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
    ]) {
      expect(() => parsePiiKey(bad)).toThrow('PII_KEY must be 32 bytes as 64 hex characters or base64');
    }
  });
});
