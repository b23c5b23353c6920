import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from './errors.js';
import { msg } from '../i18n/i18n.js';

const DAY_MS = 86_400_000;

/** The row error (or single error) given instead of a check against the registry once the day's budget is spent. */
export const WITHHELD_CODE = 'RATE_LIMITED';
export const withheldMessage = (retryAfterSeconds: number) =>
  msg('value.nameConflictsWithheld', { hours: Math.ceil(retryAfterSeconds / 3600) });
export const withheld = (retryAfterSeconds: number) =>
  new DomainError(WITHHELD_CODE, withheldMessage(retryAfterSeconds), { retryAfterSeconds });

/**
 * What one request did with an account's budget: the specific answers it gave ("registered under another name")
 * and the rows it withheld. Counts go into the account's window as they happen, so concurrent requests share it;
 * they are not part of the request's transaction (a dry run or a refused batch rolls back, and must still count).
 */
export class NameConflictBudget {
  answered = 0;
  withheldRows = 0;

  constructor(
    private readonly window: { count: number; resetAt: number },
    private readonly limit: number,
  ) {}

  /**
   * Whether a row about a person already in the registry may be checked against the stored name. Past the limit
   * no such row is (whether its name matches or not), so the answer tells nothing about the name; it is counted
   * as withheld.
   */
  mayCheck(): boolean {
    if (this.window.count < this.limit) return true;
    this.withheldRows++;
    return false;
  }

  /** One answer that the ID number is registered under another name. */
  conflict(): void {
    this.window.count++;
    this.answered++;
  }

  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.window.resetAt - Date.now()) / 1000));
  }

  /** For the audit trail: nothing when the request neither answered nor withheld a conflict. */
  get summary(): { nameConflicts: number; withheld: number } | null {
    return this.answered + this.withheldRows > 0 ? { nameConflicts: this.answered, withheld: this.withheldRows } : null;
  }
}

/**
 * How often an account may learn that an ID number is registered under another name: a clerk must be told that a
 * row conflicts, but a scoped account must not test ID-and-name pairs by the thousand (NAME_CONFLICT_DAILY_LIMIT,
 * default 200 a day). Staff registration (single and batch), certificate submission, attendance and volunteer
 * registration on someone's behalf share one budget per account. Held in memory: per instance, like the other
 * rate limits.
 */
@Injectable()
export class NameConflictLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweepAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  budget(accountId: string, now = Date.now()): NameConflictBudget {
    if (now > this.sweepAt) {
      for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
      this.sweepAt = now + 60_000;
    }
    let window = this.windows.get(accountId);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + DAY_MS };
      this.windows.set(accountId, window);
    }
    return new NameConflictBudget(window, this.config.limits.nameConflictsPerDay);
  }
}
