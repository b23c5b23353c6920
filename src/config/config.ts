import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parsePiiKey } from '../common/pii.js';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The time-bank rules (DESIGN.md); every one can be changed by an environment variable. */
export interface TimeBankRules {
  /** TIME minutes credited per verified service hour. */
  creditMinutesPerHour: number;
  /** POINTS per credited hour (points = floor(credited minutes x this / 60)). */
  pointsPerHour: number;
  /** Most service minutes credited per volunteer per service date. */
  dailyCapMinutes: number;
  /** Most TIME a volunteer's account holds; credits above it go to the public pool. */
  storageCapMinutes: number;
  /** Youngest age (by the ID number) at which someone may receive care paid in TIME. */
  redeemMinAge: number;
  /** How many days back service may be logged. */
  logWindowDays: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Unset: the portal runs on embedded PGlite kept in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Set by the portal when it runs on its embedded PGlite (then `databaseUrl` is the embedded server's). */
  embeddedDatabase?: boolean;
  /** Development secrets made for this start, saved only once the database proves new and empty. */
  generatedSecrets?: GeneratedSecrets;
  dbPoolSize: number;
  /** Server-side timeouts on a PostgreSQL server (0: off); never set on embedded PGlite, which ignores or mishandles them. */
  dbTimeouts: { statementSeconds: number; idleInTransactionSeconds: number };
  migrateOnStart: boolean;
  /** Load demo data when the database has no accounts yet (never in production). */
  seedDemo: boolean;
  jwtSecret: string;
  jwtTtlSeconds: number;
  piiKey: Buffer;
  logLevel: LogLevel;
  /** Proxies in front of the portal whose X-Forwarded-For entries are believed (0: none). */
  trustProxyHops: number;
  introspection: boolean;
  /** Adds `X-Sql-Round-Trips` to responses: for benchmarks, not for production. */
  exposeQueryCount: boolean;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    bodyBytes: number;
    loginFailuresPerUsername: number;
    loginFailuresPerClient: number;
    loginFailureWindowSeconds: number;
    /** Longest delay for a sign-in to a username that failed too often across addresses. */
    loginSlowdownMaxMs: number;
    /** Answers that an ID number is registered under another name, per account per day. */
    nameConflictsPerDay: number;
    anonymousPerClientPerMinute: number;
    /** Public certificate verifications per client per minute (at least 20). */
    verificationsPerClientPerMinute: number;
    /** Public volunteer sign-ups per client per hour. */
    volunteerSignUpsPerClientPerHour: number;
    /** Relative registrations per volunteer account per day. */
    relativeRegistrationsPerDay: number;
  };
  timeBank: TimeBankRules;
}

/** A bad or missing setting: the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** Durations as seconds ("3600") or with a unit ("15m", "8h", "7d"). */
function duration(env: Env, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw);
  if (!match) throw new ConfigError(name, `must be a duration such as 3600, 15m, 8h or 7d, got "${raw}"`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < 60 || seconds > 30 * 86400) throw new ConfigError(name, 'must be between 1 minute and 30 days');
  return seconds;
}

/**
 * How many proxies to believe. `true` means one (a load balancer): trusting every X-Forwarded-For entry would let a
 * client pick its own address and escape per-client limits.
 */
function proxyHops(env: Env): number {
  const raw = read(env, 'TRUST_PROXY')?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0') return 0;
  if (raw === 'true') return 1;
  return int(env, 'TRUST_PROXY', 0, 0, 10);
}

function databaseUrl(env: Env): string | undefined {
  const raw = read(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:port/database)');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  return raw;
}

interface StoredSecrets {
  jwtSecret: string;
  piiKey: string;
}

/** Development secrets made for this start and not saved yet (see `saveGeneratedSecrets`). */
export interface GeneratedSecrets {
  file: string;
  /** The variables that were not set: JWT_SECRET, PII_KEY or both. */
  missing: string[];
  secrets: StoredSecrets;
}

/**
 * Development convenience: secrets kept in the data folder, so tokens and encrypted data survive a restart.
 * Production must be given them. New ones are only made here; they are saved by `saveGeneratedSecrets` once the
 * portal has seen that the database is new and empty, so that a database filled under other secrets is never
 * paired with fresh ones (its ID numbers could then not be read, and their look-up would split the registry).
 */
function developmentSecrets(
  dataDir: string,
  missing: string[],
): { secrets: StoredSecrets; generated?: GeneratedSecrets } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    let stored: Partial<StoredSecrets> | null = null;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredSecrets> | null;
    } catch {
      // reported below
    }
    if (typeof stored?.jwtSecret !== 'string' || typeof stored.piiKey !== 'string') {
      throw new ConfigError(
        'DATA_DIR',
        `holds an unreadable ${file}: restore it from a backup, or set JWT_SECRET and PII_KEY to the values this ` +
          'database was filled with',
      );
    }
    return { secrets: { jwtSecret: stored.jwtSecret, piiKey: stored.piiKey } };
  }
  const secrets = { jwtSecret: randomBytes(48).toString('base64url'), piiKey: randomBytes(32).toString('hex') };
  return { secrets, generated: { file, missing, secrets } };
}

/** Writes development secrets made by `loadConfig` into DATA_DIR/secrets.json (owner only), with a warning. */
export function saveGeneratedSecrets(generated: GeneratedSecrets, warn: (message: string) => void): void {
  mkdirSync(dirname(generated.file), { recursive: true, mode: 0o700 });
  writeFileSync(generated.file, JSON.stringify(generated.secrets, null, 2), { mode: 0o600, flag: 'wx' });
  warn(
    `${generated.missing.join(' and ')} not set: generated development secrets in ${generated.file}; set them in ` +
      'production',
  );
}

/** `_warn` is kept for callers: nothing warns at load time since secrets are saved by the portal (above). */
export function loadConfig(env: Env = process.env, _warn: (message: string) => void = console.warn): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(read(env, 'DATA_DIR') ?? './data');

  let jwtSecret = read(env, 'JWT_SECRET');
  let piiKeyText = read(env, 'PII_KEY');
  let generatedSecrets: GeneratedSecrets | undefined;
  if (production) {
    if (!jwtSecret) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
    if (!piiKeyText) throw new ConfigError('PII_KEY', 'is required when NODE_ENV=production');
  } else if (!jwtSecret || !piiKeyText) {
    const missing = [!jwtSecret && 'JWT_SECRET', !piiKeyText && 'PII_KEY'].filter((v): v is string => Boolean(v));
    const stored = developmentSecrets(dataDir, missing);
    jwtSecret ??= stored.secrets.jwtSecret;
    piiKeyText ??= stored.secrets.piiKey;
    generatedSecrets = stored.generated;
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  let piiKey: Buffer;
  try {
    piiKey = parsePiiKey(piiKeyText);
  } catch {
    throw new ConfigError('PII_KEY', 'must be 32 bytes written as 64 hex characters or base64');
  }

  const url = databaseUrl(env);
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: read(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: url,
    dataDir,
    generatedSecrets,
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbTimeouts: {
      statementSeconds: int(env, 'DB_STATEMENT_TIMEOUT', 60, 0, 86_400),
      idleInTransactionSeconds: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT', 60, 0, 86_400),
    },
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    seedDemo: !production && bool(env, 'SEED_DEMO', url === undefined),
    jwtSecret,
    jwtTtlSeconds: duration(env, 'JWT_TTL', 8 * 3600),
    piiKey,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    trustProxyHops: proxyHops(env),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    exposeQueryCount: bool(env, 'EXPOSE_QUERY_COUNT', false),
    limits: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 12, 3, 100),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 100, 1, 100),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 20000, 100, 10_000_000),
      bodyBytes: int(env, 'MAX_BODY_BYTES', 16 * 1024 * 1024, 10 * 1024 * 1024, 512 * 1024 * 1024),
      loginFailuresPerUsername: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginFailuresPerClient: int(env, 'LOGIN_MAX_FAILURES_PER_CLIENT', 100, 1, 100000),
      loginFailureWindowSeconds: int(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86400),
      loginSlowdownMaxMs: int(env, 'LOGIN_SLOWDOWN_MAX_MS', 5000, 0, 60_000),
      nameConflictsPerDay: int(env, 'NAME_CONFLICT_DAILY_LIMIT', 200, 1, 1_000_000),
      anonymousPerClientPerMinute: int(env, 'ANONYMOUS_RATE_LIMIT', 300, 1, 1_000_000),
      verificationsPerClientPerMinute: int(env, 'VERIFY_RATE_LIMIT', 30, 20, 1_000_000),
      volunteerSignUpsPerClientPerHour: int(env, 'VOLUNTEER_SIGNUP_RATE_LIMIT', 10, 1, 1_000_000),
      relativeRegistrationsPerDay: int(env, 'RELATIVE_REGISTRATION_RATE_LIMIT', 20, 1, 1_000_000),
    },
    timeBank: {
      creditMinutesPerHour: int(env, 'TIMEBANK_CREDIT_MINUTES_PER_HOUR', 60, 1, 600),
      pointsPerHour: int(env, 'TIMEBANK_POINTS_PER_HOUR', 10, 0, 10_000),
      dailyCapMinutes: int(env, 'TIMEBANK_DAILY_CAP_MINUTES', 8 * 60, 1, 1440),
      storageCapMinutes: int(env, 'TIMEBANK_STORAGE_CAP_MINUTES', 1500 * 60, 60, 100_000_000),
      redeemMinAge: int(env, 'TIMEBANK_REDEEM_MIN_AGE', 60, 0, 120),
      logWindowDays: int(env, 'TIMEBANK_LOG_WINDOW_DAYS', 90, 1, 3650),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
