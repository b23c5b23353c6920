import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { AppConfig } from '../config/config.js';
import { TokenService } from './token.service.js';

const ID = '0b7e7c1e-4a8f-4a53-9d1f-6c2a3c9b1f00';

describe('TokenService', () => {
  const tokens = new TokenService({ jwtSecret: 's'.repeat(32), jwtTtlSeconds: 60 } as AppConfig);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('gives the same claims for a remembered token', () => {
    const token = tokens.issue(ID, 3);
    expect(tokens.verify(token)).toEqual({ sub: ID, ver: 3 });
    expect(tokens.verify(token)).toEqual({ sub: ID, ver: 3 });
  });

  it('checks the expiry of a remembered token on every use', () => {
    const now = Date.now();
    const token = tokens.issue(ID, 0);
    expect(tokens.verify(token)).toEqual({ sub: ID, ver: 0 });
    jest.spyOn(Date, 'now').mockReturnValue(now + 59_000);
    expect(tokens.verify(token)).toEqual({ sub: ID, ver: 0 });
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a token that is forged or not a token, however often it comes', () => {
    const token = tokens.issue(ID, 0);
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (let i = 0; i < 2; i++) {
      expect(tokens.verify(forged)).toBeNull();
      expect(tokens.verify('not-a-token')).toBeNull();
    }
  });
});
