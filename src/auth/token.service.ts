import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isUuid } from '../common/ids.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export interface TokenClaims {
  sub: string;
  /** The account's token version when the token was issued. */
  ver: number;
}

/** How many verified tokens are remembered; when full the memory starts afresh. */
const REMEMBERED_TOKENS = 10_000;

/** HS256 access tokens. They carry only the account id and version: role and scope are read fresh per request. */
@Injectable()
export class TokenService {
  /** Made once: given a string, jsonwebtoken first tries it as a PEM public key on every call (costly). */
  private readonly key: KeyObject;
  /**
   * Verified tokens by their text, with their expiry (seconds): HS256 under a fixed key gives the same answer for the
   * same text, so only the expiry is checked again (on every use, as jsonwebtoken does). Only tokens that verified
   * are kept. The claims say nothing about the account: the guard still checks it on every request (from the
   * account cache, which forgets an account as soon as its row changes), so deactivation, a reset or a password
   * change (a new token version) ends the session at once.
   */
  private readonly verified = new Map<string, TokenClaims & { exp: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  issue(userId: string, tokenVersion: number): string {
    return jwt.sign({ ver: tokenVersion }, this.key, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: this.config.jwtTtlSeconds,
      issuer: 'eldercare-portal',
    });
  }

  /** Null for any token that is malformed, forged, expired or not ours. */
  verify(token: string): TokenClaims | null {
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's own rule: expired once the current second reaches `exp`.
      if (Math.floor(Date.now() / 1000) < known.exp) return { sub: known.sub, ver: known.ver };
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'eldercare-portal' });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.ver !== 'number') return null;
      // The account look-up compares a uuid column: anything else is not one of our tokens.
      if (!isUuid(claims.sub)) return null;
      if (typeof claims.exp === 'number') {
        if (this.verified.size >= REMEMBERED_TOKENS) this.verified.clear();
        this.verified.set(token, { sub: claims.sub, ver: claims.ver, exp: claims.exp });
      }
      return { sub: claims.sub, ver: claims.ver };
    } catch {
      return null;
    }
  }
}
