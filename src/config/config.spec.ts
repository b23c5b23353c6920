import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, saveGeneratedSecrets } from './config.js';

const JWT_SECRET = 'a-jwt-secret-that-is-long-enough-0123456789';
const PII_KEY = 'ab'.repeat(32);

const dirs: string[] = [];
/** A fresh, empty data folder of its own. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-config-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A complete, valid environment (secrets given, a data folder of its own), with some values overridden. */
const env = (overrides: Record<string, string | undefined> = {}) => ({
  NODE_ENV: 'development',
  DATA_DIR: dataDir(),
  JWT_SECRET,
  PII_KEY,
  ...overrides,
});

/** The ConfigError loadConfig throws for an environment (fails the test when it throws none or another error). */
function configError(environment: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(environment, () => {});
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('accepts a complete environment', () => {
    const config = loadConfig(env({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/portal' }), () => {});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/portal');
    expect(config.jwtSecret).toBe(JWT_SECRET);
    expect(config.piiKey.equals(Buffer.from(PII_KEY, 'hex'))).toBe(true);
    expect(config.limits).toMatchObject({ maxDepth: 12, maxAliases: 100 });
    expect(config.limits.bodyBytes).toBeGreaterThanOrEqual(10 * 1024 * 1024);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://user:pw@localhost:3306/db'],
    ['JWT_SECRET', 'too-short'],
    ['JWT_SECRET', 'x'.repeat(31)],
    ['PII_KEY', 'not-a-key'],
    ['PII_KEY', 'ab'.repeat(16)],
    ['PII_KEY', 'zz'.repeat(32)],
    ['NODE_ENV', 'staging'],
    ['NODE_ENV', 'prod'],
    ['GRAPHQL_MAX_DEPTH', 'deep'],
    ['GRAPHQL_MAX_ALIASES', '101'],
    ['MAX_BODY_BYTES', '1024'],
    ['JWT_TTL', 'forever'],
    ['SEED_DEMO', 'maybe'],
    ['LOG_LEVEL', 'verbose'],
    ['TRUST_PROXY', 'yes-all'],
    ['TRUST_PROXY', '11'],
  ])('refuses %s=%j with a ConfigError naming the variable', (variable, value) => {
    const error = configError(env({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it.each([
    [undefined, 0],
    ['false', 0],
    ['true', 1],
    ['2', 2],
  ])('reads TRUST_PROXY=%j as %i proxy hops (never "trust everything")', (value, hops) => {
    expect(loadConfig(env({ TRUST_PROXY: value }), () => {}).trustProxyHops).toBe(hops);
  });

  it('never repeats a secret or a database password in its message', () => {
    const url = configError(env({ DATABASE_URL: 'mysql://user:hunter2-db-pw@localhost/db' }));
    expect(url.message).not.toContain('hunter2-db-pw');
    const jwt = configError(env({ JWT_SECRET: 'short-jwt-Secret' }));
    expect(jwt.message).not.toContain('short-jwt-Secret');
    const pii = configError(env({ PII_KEY: 'bad-pii-Key-value' }));
    expect(pii.message).not.toContain('bad-pii-Key-value');
  });

  describe('in production', () => {
    const production = (overrides: Record<string, string | undefined> = {}) =>
      env({ NODE_ENV: 'production', ...overrides });

    it.each(['JWT_SECRET', 'PII_KEY'])('refuses to start without %s and generates nothing', (variable) => {
      const environment = production({ [variable]: undefined });
      const error = configError(environment);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(variable);
      expect(existsSync(join(environment.DATA_DIR!, 'secrets.json'))).toBe(false);
    });

    it('treats an empty secret as missing', () => {
      expect(configError(production({ JWT_SECRET: '   ' })).variable).toBe('JWT_SECRET');
    });

    it('never seeds demo data, even when SEED_DEMO=true and there is no DATABASE_URL', () => {
      expect(loadConfig(production({ SEED_DEMO: 'true' }), () => {}).seedDemo).toBe(false);
      expect(loadConfig(production({ SEED_DEMO: 'true', DATABASE_URL: 'postgres://db/x' }), () => {}).seedDemo).toBe(
        false,
      );
      expect(loadConfig(production(), () => {}).seedDemo).toBe(false);
    });

    it('turns introspection off by default', () => {
      expect(loadConfig(production(), () => {}).introspection).toBe(false);
    });
  });

  describe('in development without secrets', () => {
    it('makes them up without saving them; once saved (owner only, with a warning) the next start reuses them', () => {
      const dir = dataDir();
      const environment = { NODE_ENV: 'development', DATA_DIR: dir };
      const first = loadConfig(environment, () => {});
      const file = join(dir, 'secrets.json');
      // Saved only when the portal has seen that the database is new and empty (src/database/pii-key.ts).
      expect(existsSync(file)).toBe(false);
      expect(first.generatedSecrets).toMatchObject({ file, missing: ['JWT_SECRET', 'PII_KEY'] });
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(first.piiKey).toHaveLength(32);

      const warnings: string[] = [];
      saveGeneratedSecrets(first.generatedSecrets!, (m) => warnings.push(m));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('JWT_SECRET');
      expect(warnings[0]).toContain('PII_KEY');
      expect(warnings[0]).not.toContain(first.jwtSecret);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(readFileSync(file, 'utf8'));
      expect(stored.jwtSecret).toBe(first.jwtSecret);

      const second = loadConfig(environment, () => {});
      expect(second.generatedSecrets).toBeUndefined();
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(second.piiKey.equals(first.piiKey)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored);
      // Never overwrites a secrets.json that exists.
      expect(() => saveGeneratedSecrets(first.generatedSecrets!, () => {})).toThrow();
    });

    it('refuses an unreadable secrets.json, naming DATA_DIR', () => {
      for (const content of ['{ not json', '[]', 'null', '{"jwtSecret": 42}']) {
        const dir = dataDir();
        writeFileSync(join(dir, 'secrets.json'), content);
        const error = configError({ NODE_ENV: 'development', DATA_DIR: dir });
        expect(error.variable).toBe('DATA_DIR');
        // It never advises deleting keys: data encrypted under them would be lost.
        expect(error.message).not.toMatch(/delete/i);
        expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe(content);
      }
    });

    it('generates different secrets for different data folders', () => {
      const a = loadConfig({ DATA_DIR: dataDir() }, () => {});
      const b = loadConfig({ DATA_DIR: dataDir() }, () => {});
      expect(a.nodeEnv).toBe('development');
      expect(a.jwtSecret).not.toBe(b.jwtSecret);
      expect(a.piiKey.equals(b.piiKey)).toBe(false);
    });

    it('keeps a secret that is given and fills in only the missing one', () => {
      const dir = dataDir();
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, JWT_SECRET }, () => {});
      expect(config.jwtSecret).toBe(JWT_SECRET);
      expect(config.generatedSecrets?.missing).toEqual(['PII_KEY']);
      saveGeneratedSecrets(config.generatedSecrets!, () => {});
      const stored = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
      expect(config.piiKey.equals(Buffer.from(stored.piiKey, 'hex'))).toBe(true);
    });

    it('writes nothing when both are given', () => {
      const environment = env();
      const warnings: string[] = [];
      loadConfig(environment, (m) => warnings.push(m));
      expect(warnings).toEqual([]);
      expect(existsSync(join(environment.DATA_DIR, 'secrets.json'))).toBe(false);
    });

    it('seeds demo data by default only on the embedded database', () => {
      expect(loadConfig(env(), () => {}).seedDemo).toBe(true);
      expect(loadConfig(env({ DATABASE_URL: 'postgres://db/x' }), () => {}).seedDemo).toBe(false);
      expect(loadConfig(env({ DATABASE_URL: 'postgres://db/x', SEED_DEMO: 'true' }), () => {}).seedDemo).toBe(true);
    });
  });
});
