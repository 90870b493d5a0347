import { describe, expect, it } from 'vitest';
import type { DeskAnswer } from '../calls';
import { createPresenceReporter, presenceRetryMs, type PresenceDelivery } from './presence';
import type { PresenceReport } from './wiring';

const report = (name: 'ready' | 'on_call'): PresenceReport => ({ status: { name }, since: '2025-03-04T06:00:00.000Z', requested: null, telephony: 'up' });

/** A fake desk that answers each POST when told to, and fake timers. */
const harness = () => {
  const posts: { body: PresenceReport; answer: (a: DeskAnswer<unknown>) => void }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const deliveries: PresenceDelivery['state'][] = [];
  const r = createPresenceReporter({
    post: (body) => new Promise((resolve) => posts.push({ body, answer: resolve })),
    onDelivery: (d) => deliveries.push(d.state),
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
  });
  const settle = () => new Promise((res) => setTimeout(res, 0));
  return { r, posts, timers, deliveries, settle };
};

describe('presence reporting', () => {
  it('sends each state once the desk takes it', async () => {
    const h = harness();
    h.r.report(report('ready'));
    expect(h.posts).toHaveLength(1);
    h.posts[0]!.answer({ kind: 'ok', value: null });
    await h.settle();
    expect(h.deliveries).toEqual(['sending', 'idle']);
    expect(h.timers).toEqual([]);
  });

  it('sends only the latest of the states that came while one was on its way', async () => {
    const h = harness();
    h.r.report(report('ready'));
    h.r.report(report('on_call'));
    h.r.report(report('ready'));
    expect(h.posts).toHaveLength(1);
    h.posts[0]!.answer({ kind: 'ok', value: null });
    await h.settle();
    expect(h.posts.map((p) => p.body.status.name)).toEqual(['ready', 'ready']);
  });

  it('keeps the latest state while the desk lacks presence (404) or is down, and sends it again later', async () => {
    const h = harness();
    h.r.report(report('on_call'));
    h.posts[0]!.answer({ kind: 'absent' });
    await h.settle();
    expect(h.deliveries.at(-1)).toBe('retrying');
    expect(h.timers.map((t) => t.ms)).toEqual([60_000]);
    h.timers[0]!.fn();
    expect(h.posts).toHaveLength(2);
    h.posts[1]!.answer({ kind: 'unreachable', reason: 'offline' });
    await h.settle();
    expect(h.timers.at(-1)?.ms).toBe(presenceRetryMs('unreachable', 1));
    // a new state does not wait for the timer
    h.r.report(report('ready'));
    expect(h.posts.at(-1)?.body.status.name).toBe('ready');
    h.posts.at(-1)!.answer({ kind: 'ok', value: null });
    await h.settle();
    expect(h.deliveries.at(-1)).toBe('idle');
  });

  it('drops a state the desk refuses', async () => {
    const h = harness();
    h.r.report(report('ready'));
    h.posts[0]!.answer({ kind: 'refused', status: 400, message: 'bad state' });
    await h.settle();
    expect(h.deliveries.at(-1)).toBe('refused');
    expect(h.timers).toEqual([]);
  });

  it('flush waits for the state on its way but not for retries', async () => {
    const h = harness();
    h.r.report(report('ready'));
    const flushed = h.r.flush(5000);
    h.posts[0]!.answer({ kind: 'absent' });
    await flushed;
    expect(h.deliveries.at(-1)).toBe('retrying');
    h.r.stop();
    expect(h.timers).toEqual([]);
  });
});
