import { describe, expect, it } from 'vitest';
import { createPowerGuard, type PowerSaveBlockerPort } from './power';
import { captureLogs } from './test-fixtures';

captureLogs();

/** A fake powerSaveBlocker that keeps the blockers it started. */
const fakeBlocker = () => {
  const started = new Set<number>();
  const log: string[] = [];
  let next = 40;
  const port: PowerSaveBlockerPort = {
    start: (type) => {
      const id = next++;
      started.add(id);
      log.push(`start ${type} ${id}`);
      return id;
    },
    stop: (id) => {
      log.push(`stop ${id}`);
      return started.delete(id);
    },
  };
  return { port, started, log };
};

describe('power save blocking during calls', () => {
  it('starts prevent-app-suspension on the first active call and stops after the last', () => {
    const b = fakeBlocker();
    const guard = createPowerGuard(b.port);
    guard.update(0);
    expect(b.log).toEqual([]);
    guard.update(1);
    expect(b.log).toEqual(['start prevent-app-suspension 40']);
    expect(guard.blocking()).toBe(true);
    guard.update(2); // a second call: still one blocker
    guard.update(1);
    expect(b.started.size).toBe(1);
    guard.update(0);
    expect(b.log).toEqual(['start prevent-app-suspension 40', 'stop 40']);
    expect(b.started.size).toBe(0);
    expect(guard.blocking()).toBe(false);
  });

  it('is idempotent: repeated counts change nothing, and a new call after the last starts a new blocker', () => {
    const b = fakeBlocker();
    const guard = createPowerGuard(b.port);
    for (const n of [1, 1, 1, 0, 0, 0, 3, 3]) guard.update(n);
    expect(b.log).toEqual(['start prevent-app-suspension 40', 'stop 40', 'start prevent-app-suspension 41']);
  });

  it('survives a blocker that throws (and tries again on the next update)', () => {
    let fail = true;
    const guard = createPowerGuard({
      start: () => {
        if (fail) throw new Error('no power service');
        return 7;
      },
      stop: () => true,
    });
    expect(() => guard.update(1)).not.toThrow();
    expect(guard.blocking()).toBe(false);
    fail = false;
    guard.update(1);
    expect(guard.blocking()).toBe(true);
  });
});
