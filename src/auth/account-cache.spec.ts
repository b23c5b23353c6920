import { describe, expect, it, jest } from '@jest/globals';
import { JsonLogger } from '../common/logger.js';
import type { AppConfig } from '../config/config.js';
import { AccountCache } from './account-cache.js';
import type { UserEntity } from './user.entity.js';

const ID = '11111111-1111-4111-8111-111111111111';
const account = (tokenVersion: number) => ({ id: ID, tokenVersion, active: true }) as UserEntity;

/** A cache without a database: the listener's events are sent by hand. */
function cache(): AccountCache {
  const c = new AccountCache({} as AppConfig, new JsonLogger('error'));
  c.listenerUp();
  return c;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AccountCache', () => {
  it('keeps what it read, and forgets it on a notification', async () => {
    const c = cache();
    await c.read(ID, () => Promise.resolve(account(0)));
    expect(c.get(ID)?.tokenVersion).toBe(0);
    c.forget(ID);
    expect(c.get(ID)).toBeUndefined();
  });

  it('does not keep a row whose read was under way when a change arrived (it may predate the change)', async () => {
    const c = cache();
    const row = deferred<UserEntity | null>();
    const reading = c.read(ID, () => row.promise);
    c.forget(ID); // the change committed and its notification arrived while the read was in flight
    row.resolve(account(0)); // ...and the read returns the row as it was before
    expect(await reading).toEqual(account(0)); // this request was already under way: it is served
    expect(c.get(ID)).toBeUndefined(); // but the row is not kept for the next one
    await c.read(ID, () => Promise.resolve(account(1)));
    expect(c.get(ID)?.tokenVersion).toBe(1);
  });

  it('keeps nothing while the listener is down, and forgets everything when it comes back', async () => {
    const c = cache();
    await c.read(ID, () => Promise.resolve(account(0)));
    c.listenerDown();
    expect(c.get(ID)).toBeUndefined();
    await c.read(ID, () => Promise.resolve(account(0)));
    expect(c.get(ID)).toBeUndefined();
    // A read that began while down and ends after the listener is back may have missed a change: not kept.
    const row = deferred<UserEntity | null>();
    const reading = c.read(ID, () => row.promise);
    c.listenerUp();
    row.resolve(account(0));
    await reading;
    expect(c.get(ID)).toBeUndefined();
  });

  it('forgets an account kept longer than a minute', async () => {
    jest.useFakeTimers();
    try {
      const c = cache();
      await c.read(ID, () => Promise.resolve(account(0)));
      jest.advanceTimersByTime(59_000);
      expect(c.get(ID)).toBeDefined();
      jest.advanceTimersByTime(2_000);
      expect(c.get(ID)).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps at most 10,000 accounts', async () => {
    const c = cache();
    for (let i = 0; i < 10_000; i++) {
      c.keep({ ...account(0), id: `id-${i}` } as UserEntity, c.changesSeen);
    }
    expect(c.get('id-0')).toBeDefined();
    c.keep(account(0), c.changesSeen); // full: starts afresh
    expect(c.get('id-0')).toBeUndefined();
    expect(c.get(ID)).toBeDefined();
  });
});
