import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JsonLogger } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { type ChannelListener, listenToChannel } from '../database/notifications.js';
import type { UserEntity } from './user.entity.js';

/** The channel the app_user trigger notifies with the id of each account changed or deleted (see its migration). */
export const ACCOUNT_CHANGES = 'app_user_changed';
/** Most accounts kept; when full the memory starts afresh. */
const MAX_ACCOUNTS = 10_000;
/** Belt and braces: a notification lost without the connection noticing costs at most this much staleness. */
const MAX_AGE_MS = 60_000;

/**
 * The accounts the guard read, by id, so that a request with a known token needs no SQL to learn who is calling.
 * Kept only while this instance listens to `app_user_changed`: every change to an account's row (a deactivation, a
 * reset, a password change; on any instance or by hand) notifies every instance, which forgets that account before
 * its next request. Without the listener (not yet connected, connection lost) nothing is kept and every request
 * reads its account, as before; on reconnecting everything is forgotten, since changes may have been missed.
 *
 * A read that was under way when a change arrived is not kept: it may hold the row as it was before the change
 * (`changes` counts every forgetting; a read is kept only if none happened while it ran).
 */
@Injectable()
export class AccountCache implements OnModuleInit, OnModuleDestroy {
  private readonly accounts = new Map<string, { account: UserEntity; cachedAt: number }>();
  private listening = false;
  private changes = 0;
  private listener: ChannelListener | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl) return;
    this.listener = await listenToChannel({
      url: this.config.databaseUrl,
      embedded: Boolean(this.config.embeddedDatabase),
      channel: ACCOUNT_CHANGES,
      logger: this.logger,
      events: {
        notify: (id) => this.forget(id),
        listening: () => this.listenerUp(),
        lost: () => this.listenerDown(),
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
    this.listenerDown();
  }

  /** Whether accounts are being kept (the listener is in force). */
  get active(): boolean {
    return this.listening;
  }

  /** The account as last read, if kept and young enough. */
  get(id: string): UserEntity | undefined {
    if (!this.listening) return undefined;
    const entry = this.accounts.get(id);
    if (!entry) return undefined;
    if (performance.now() - entry.cachedAt > MAX_AGE_MS) {
      this.accounts.delete(id);
      return undefined;
    }
    return entry.account;
  }

  /**
   * Reads an account with `read` and keeps it, unless a change arrived meanwhile (the row read may predate it).
   * Kept accounts are shared by the requests that follow: callers never change them.
   */
  async read(id: string, read: () => Promise<UserEntity | null>): Promise<UserEntity | null> {
    const before = this.changes;
    const account = await read();
    if (account && account.id === id) this.keep(account, before);
    return account;
  }

  /** Keeps `account`, read after `changesBefore` was taken from `changesSeen`, unless something changed since. */
  keep(account: UserEntity, changesBefore: number): void {
    if (!this.listening || this.changes !== changesBefore) return;
    if (this.accounts.size >= MAX_ACCOUNTS) this.accounts.clear();
    this.accounts.set(account.id, { account, cachedAt: performance.now() });
  }

  /** The count to pass to `keep` for a row about to be read. */
  get changesSeen(): number {
    return this.changes;
  }

  /**
   * Forgets one account: on its notification, and at once after this instance's own change to it commits (the
   * notification comes a little later, and the same client's next request may come first).
   */
  forget(id: string): void {
    this.changes += 1;
    this.accounts.delete(id);
  }

  /** LISTEN is in force again: what was kept before may have changed unnoticed. */
  listenerUp(): void {
    this.forgetAll();
    this.listening = true;
  }

  listenerDown(): void {
    this.listening = false;
    this.forgetAll();
  }

  private forgetAll(): void {
    this.changes += 1;
    this.accounts.clear();
  }
}
