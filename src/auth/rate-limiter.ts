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
   * Starts a login attempt: refuses it when either key has failed too often, otherwise counts it as a failure
   * right away (check and count in one synchronous step). Attempts whose password is still being checked thus
   * count against the budget, so a burst of parallel guesses gets no more tries than a sequence would.
   * `loginSucceeded` takes the count back.
   */
  beginLoginAttempt(username: string, client: string, now = Date.now()): void {
    const { loginFailuresPerUsername, loginFailuresPerClient, loginFailureWindowSeconds } = this.config.limits;
    const windowMs = loginFailureWindowSeconds * 1000;
    const byUser = this.window(`login-fail:user:${username}`, windowMs, now);
    const byClient = this.window(`login-fail:client:${client}`, windowMs, now);
    if (byUser.count >= loginFailuresPerUsername) throw rateLimited(Math.ceil((byUser.resetAt - now) / 1000));
    if (byClient.count >= loginFailuresPerClient) throw rateLimited(Math.ceil((byClient.resetAt - now) / 1000));
    byUser.count++;
    byClient.count++;
  }

  /** The attempt begun for this username and client was right: forget the username's failures, refund the client. */
  loginSucceeded(username: string, client: string): void {
    this.windows.delete(`login-fail:user:${username}`);
    const byClient = this.windows.get(`login-fail:client:${client}`);
    if (byClient && byClient.count > 0) byClient.count--;
  }
}
