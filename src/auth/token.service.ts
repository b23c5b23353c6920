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

/** HS256 access tokens. They carry only the account id and version: role and scope are read fresh per request. */
@Injectable()
export class TokenService {
  /** Made once: given a string, jsonwebtoken first tries it as a PEM public key on every call (costly). */
  private readonly key: KeyObject;

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
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'eldercare-portal' });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.ver !== 'number') return null;
      // The account look-up compares a uuid column: anything else is not one of our tokens.
      if (!isUuid(claims.sub)) return null;
      return { sub: claims.sub, ver: claims.ver };
    } catch {
      return null;
    }
  }
}
