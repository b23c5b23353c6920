import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { rateLimited } from '../common/errors.js';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters held in memory: limits are per instance (the README says so). Behind N instances a client
 * gets up to N times the budget; a shared store (Redis, PostgreSQL) would make them global.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private window(key: string, windowMs: number, now: number): Window {
    if (now > this.sweepAt) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    return w;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    this.sweepAt = now + 60_000;
  }

  /** Counts one public certificate verification from a client; RATE_LIMITED past the per-minute budget. */
  verification(client: string, now = Date.now()): void {
    const w = this.window(`verify:${client}`, 60_000, now);
    w.count++;
    if (w.count > this.config.limits.verificationsPerClientPerMinute) {
      throw rateLimited(Math.ceil((w.resetAt - now) / 1000));
    }
  }

  /** Counts one public volunteer sign-up from a client; RATE_LIMITED past the hourly budget. */
  volunteerSignUp(client: string, now = Date.now()): void {
    const w = this.window(`signup:${client}`, 3_600_000, now);
    w.count++;
    if (w.count > this.config.limits.volunteerSignUpsPerClientPerHour) {
      throw rateLimited(Math.ceil((w.resetAt - now) / 1000));
    }
  }

  /** Counts one relative registration by a volunteer account; RATE_LIMITED past the daily budget. */
  relativeRegistration(userId: string, now = Date.now()): void {
    const w = this.window(`relative:${userId}`, 86_400_000, now);
    w.count++;
    if (w.count > this.config.limits.relativeRegistrationsPerDay) {
      throw rateLimited(Math.ceil((w.resetAt - now) / 1000));
    }
  }

  /** Counts one anonymous request from a client; RATE_LIMITED past the per-minute budget. */
  anonymousRequest(client: string, now = Date.now()): void {
    const w = this.window(`anon:${client}`, 60_000, now);
    w.count++;
    if (w.count > this.config.limits.anonymousPerClientPerMinute)
      throw rateLimited(Math.ceil((w.resetAt - now) / 1000));
  }

  /** Gives back a successful sign-in's share of the anonymous budget: the budget is there to slow guessing. */
  refundAnonymous(client: string): void {
    const w = this.windows.get(`anon:${client}`);
    if (w && w.count > 0) w.count--;
  }

  /**
   * Starts a login attempt, checking and counting in one synchronous step (so a burst of parallel guesses gets no
   * more tries than a sequence would): the attempt counts as a failure until `loginSucceeded` takes it back.
   * - Refused (RATE_LIMITED) when this client has failed LOGIN_MAX_FAILURES times for this username, or
   *   LOGIN_MAX_FAILURES_PER_CLIENT times in all, within the window.
   * - Slowed down when the username has failed LOGIN_MAX_FAILURES times or more across all clients: the answer
   *   waits, longer with every failure (up to LOGIN_SLOWDOWN_MAX_MS), but is never refused for that, so guesses from
   *   elsewhere cannot lock the owner out: from an address that has not failed, the right password signs in.
   * Returns how many milliseconds the caller waits before checking the password.
   */
  beginLoginAttempt(username: string, client: string, now = Date.now()): number {
    const { loginFailuresPerUsername, loginFailuresPerClient, loginFailureWindowSeconds, loginSlowdownMaxMs } =
      this.config.limits;
    const windowMs = loginFailureWindowSeconds * 1000;
    const byPair = this.window(`login-fail:pair:${username}\u0000${client}`, windowMs, now);
    const byClient = this.window(`login-fail:client:${client}`, windowMs, now);
    const byUser = this.window(`login-fail:user:${username}`, windowMs, now);
    if (byPair.count >= loginFailuresPerUsername) throw rateLimited(Math.ceil((byPair.resetAt - now) / 1000));
    if (byClient.count >= loginFailuresPerClient) throw rateLimited(Math.ceil((byClient.resetAt - now) / 1000));
    byPair.count++;
    byClient.count++;
    byUser.count++;
    const excess = byUser.count - loginFailuresPerUsername;
    return excess > 0 ? Math.min(loginSlowdownMaxMs, 250 * 2 ** Math.min(excess - 1, 16)) : 0;
  }

  /**
   * The attempt begun for this username and client was right: this client's failures for the username are
   * forgotten, and the attempt is taken back from the client's and the username's counts.
   */
  loginSucceeded(username: string, client: string): void {
    this.windows.delete(`login-fail:pair:${username}\u0000${client}`);
    for (const key of [`login-fail:client:${client}`, `login-fail:user:${username}`]) {
      const w = this.windows.get(key);
      if (w && w.count > 0) w.count--;
    }
  }
}
