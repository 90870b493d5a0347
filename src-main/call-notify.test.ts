import { describe, expect, it } from 'vitest';
import type { HostPlatform } from '../src-shared/host/contract';
import { createCallNotifier, ringingSpec, type NotificationHandlers, type NotificationSpec } from './call-notify';
import type { CallSummary } from './phone-state';
import { captureLogs } from './test-fixtures';

captureLogs();

const ringing = (id: string, over: Partial<CallSummary> = {}): CallSummary => ({
  id,
  direction: 'inbound',
  number: '+8613800138000',
  displayName: 'Li Wei',
  queue: '8000',
  state: 'ringing',
  muted: false,
  startedAt: 1,
  ...over,
});

/** The notifier over fake ports: a fake Notification and a record of what it asked main to do. */
const setup = (opts: { platform?: HostPlatform; attention?: boolean; locale?: string } = {}) => {
  let attention = opts.attention ?? false;
  const shown: { spec: NotificationSpec; handlers: NotificationHandlers; closed: boolean }[] = [];
  const did: string[] = [];
  const notifier = createCallNotifier({
    platform: opts.platform ?? 'darwin',
    locale: () => opts.locale ?? 'en-US',
    uiHasAttention: () => attention,
    show: (spec, handlers) => {
      const n = { spec, handlers, closed: false };
      shown.push(n);
      return { close: () => void (n.closed = true) };
    },
    answer: (id) => void did.push(`answer ${id}`),
    decline: (id) => void did.push(`decline ${id}`),
    focusUi: () => void did.push('focus'),
    prompt: (id) => void did.push(`prompt ${id}`),
  });
  const last = () => {
    const n = shown.at(-1);
    if (!n) throw new Error('nothing shown');
    return n;
  };
  return { notifier, shown, did, last, setAttention: (a: boolean) => void (attention = a) };
};

describe('ringing notification', () => {
  it('is shown when no UI window is visible and focused, with caller, queue and Answer/Decline (macOS)', () => {
    const t = setup();
    t.notifier.ringing(ringing('c1'));
    expect(t.shown).toHaveLength(1);
    expect(t.last().spec).toEqual({ title: 'Incoming call — queue 8000', body: 'Li Wei · +8613800138000', actions: ['Answer', 'Decline'] });
  });

  it('is not shown while a UI window is visible and focused (the page rings itself)', () => {
    const t = setup({ attention: true });
    t.notifier.ringing(ringing('c1'));
    expect(t.shown).toEqual([]);
    // the agent switches away while it still rings: the next sync shows it
    t.setAttention(false);
    t.notifier.sync([ringing('c1')]);
    expect(t.shown).toHaveLength(1);
  });

  it('Answer sends answer for that call to the engine and focuses the window', () => {
    const t = setup();
    t.notifier.ringing(ringing('c1'));
    t.last().handlers.action(0);
    expect(t.did).toEqual(['answer c1', 'focus']);
    expect(t.last().closed).toBe(true);
  });

  it('Decline sends decline, and focuses nothing', () => {
    const t = setup();
    t.notifier.ringing(ringing('c1'));
    t.last().handlers.action(1);
    expect(t.did).toEqual(['decline c1']);
  });

  it('closes when the call stops ringing (answered elsewhere, missed…), and a late click then answers nothing', () => {
    const t = setup();
    t.notifier.ringing(ringing('c1'));
    t.notifier.ringing(ringing('c2', { startedAt: 2 }));
    t.notifier.sync([ringing('c2', { startedAt: 2 })]);
    expect(t.shown.map((n) => n.closed)).toEqual([true, false]);
    t.shown[0]?.handlers.action(0);
    expect(t.did).toEqual([]);
    t.notifier.stopped('c2');
    expect(t.notifier.open()).toEqual([]);
  });

  it('shows one notification per ringing call, not one per event', () => {
    const t = setup();
    for (let i = 0; i < 3; i++) t.notifier.sync([ringing('c1')]);
    expect(t.shown).toHaveLength(1);
  });

  it('on Linux (no buttons): no actions; a click focuses the window and asks the page for an answer prompt, never answers', () => {
    const t = setup({ platform: 'linux' });
    t.notifier.ringing(ringing('c1'));
    expect(t.last().spec.actions).toEqual([]);
    t.last().handlers.click();
    expect(t.did).toEqual(['focus', 'prompt c1']);
  });

  it('speaks Chinese to a zh desk, and copes with a caller without name or number', () => {
    expect(ringingSpec(ringing('c1'), 'zh-CN', true)).toEqual({ title: '来电 — 队列 8000', body: 'Li Wei · +8613800138000', actions: ['接听', '拒接'] });
    const { displayName: _n, queue: _q, ...bare } = ringing('c2', { number: '' });
    expect(ringingSpec(bare, 'en', false)).toEqual({ title: 'Incoming call', body: 'Unknown caller', actions: [] });
  });

  it('clear() closes every notification (engine gone)', () => {
    const t = setup();
    t.notifier.sync([ringing('a'), ringing('b')]);
    t.notifier.clear();
    expect(t.shown.every((n) => n.closed)).toBe(true);
  });

  it('a notification that cannot be shown is logged, not thrown', () => {
    const notifier = createCallNotifier({
      platform: 'win32',
      locale: () => 'en',
      uiHasAttention: () => false,
      show: () => {
        throw new Error('notifications are not supported here');
      },
      answer: () => undefined,
      decline: () => undefined,
      focusUi: () => undefined,
      prompt: () => undefined,
    });
    expect(() => notifier.ringing(ringing('c1'))).not.toThrow();
    expect(notifier.open()).toEqual([]);
  });
});
