import { describe, expect, it } from 'vitest';
import type { Call } from '../src-shared/calls/state';
import { createEngineLink, type ControlPort } from './engine-link';
import { activeCount, ringingCalls, type PhoneState } from './phone-state';
import { captureLogs } from './test-fixtures';

const logs = captureLogs();

/** Main's end of the control channel; the test plays the engine at the other end. */
class FakeControlPort implements ControlPort {
  readonly sent: { kind: string; id: number; channel: string; args: unknown[] }[] = [];
  started = false;
  closed = false;
  private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
  postMessage(message: unknown): void {
    this.sent.push(message as FakeControlPort['sent'][number]);
  }
  on(event: 'message', listener: (event: { data: unknown }) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: string, listener: (arg: { data: unknown }) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
    return this;
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  /** The engine sends `data`. */
  deliver(data: unknown): void {
    for (const l of this.listeners.get('message') ?? []) l({ data });
  }
  remoteClosed(): void {
    for (const l of this.listeners.get('close') ?? []) l();
  }
  /** The engine answers request `id`. */
  answer(id: number, result: unknown): void {
    this.deliver({ kind: 'response', id, result });
  }
  lastRequest() {
    const r = this.sent.at(-1);
    if (!r) throw new Error('nothing sent');
    return r;
  }
}

const call = (id: string, state: Call['state'], over: Partial<Call> = {}): Call => ({
  id,
  direction: 'inbound',
  sipCallId: `sip-${id}`,
  remote: { uri: 'sip:+8613800138000@desk', number: '+8613800138000', displayName: 'Li Wei' },
  queue: '8000',
  state,
  muted: false,
  startedAt: 1000,
  ...over,
});

const manualTimers = () => {
  const pending = new Map<number, () => void>();
  let seq = 0;
  return {
    timers: {
      setTimeout: (fn: () => void) => {
        pending.set(++seq, fn);
        return seq;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    fireAll: () => {
      for (const [id, fn] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
    size: () => pending.size,
  };
};

const setup = () => {
  const t = manualTimers();
  const states: PhoneState[] = [];
  const link = createEngineLink({ changed: (s) => void states.push(s), timers: t.timers });
  const port = new FakeControlPort();
  return { link, port, states, t };
};

describe('engine link: main’s own connection to the engine', () => {
  it('starts the port and asks for a snapshot, which replaces main’s view', async () => {
    const { link, port } = setup();
    link.attach(port, 1);
    expect(port.started).toBe(true);
    expect(port.lastRequest()).toMatchObject({ kind: 'request', channel: 'phone:snapshot', args: [] });
    port.answer(port.lastRequest().id, {
      ok: true,
      value: { registration: { status: 'registered', since: 1 }, calls: [call('a', { name: 'active' })], devices: {}, records: [] },
    });
    await Promise.resolve();
    expect(link.state().registration).toBe('registered');
    expect(activeCount(link.state())).toBe(1);
  });

  it('folds call events: ringing, then active, then ended', () => {
    const { link, port } = setup();
    link.attach(port, 1);
    port.deliver({ kind: 'event', event: 'call:created', payload: call('c1', { name: 'ringing' }) });
    expect(ringingCalls(link.state()).map((c) => c.id)).toEqual(['c1']);
    expect(ringingCalls(link.state())[0]).toMatchObject({ number: '+8613800138000', displayName: 'Li Wei', queue: '8000' });
    port.deliver({ kind: 'event', event: 'call:changed', payload: call('c1', { name: 'active' }) });
    expect(ringingCalls(link.state())).toEqual([]);
    expect(activeCount(link.state())).toBe(1);
    port.deliver({ kind: 'event', event: 'call:ended', payload: call('c1', { name: 'ended', reason: 'hung_up_remote' }) });
    expect(link.state().calls.size).toBe(0);
  });

  it('drops malformed messages and events it does not know, without changing state', () => {
    const { link, port, states } = setup();
    link.attach(port, 1);
    for (const junk of [null, 'hello', { kind: 'event' }, { kind: 'event', event: 'call:created', payload: { id: 'x' } }, { kind: 'response', id: 'x' }]) {
      port.deliver(junk);
    }
    port.deliver({ kind: 'event', event: 'call:record', payload: { id: 'r' } });
    expect(states).toEqual([]);
    expect(logs.some((l) => l.includes('malformed'))).toBe(true);
  });

  it('answers requests with the engine’s result, matched by id', async () => {
    const { link, port } = setup();
    link.attach(port, 1);
    const answered = link.request('call:answer', { callId: 'c1' });
    const req = port.lastRequest();
    expect(req).toMatchObject({ kind: 'request', channel: 'call:answer', args: [{ callId: 'c1' }] });
    port.answer(req.id, { ok: false, error: { code: 'NO_SUCH_CALL', message: 'gone' } });
    expect(await answered).toEqual({ ok: false, error: { code: 'NO_SUCH_CALL', message: 'gone' } });
  });

  it('never throws: no engine, no answer in time, or the engine going away are error results', async () => {
    const { link, port, t } = setup();
    expect(await link.request('phone:wake')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    link.attach(port, 1);
    const late = link.request('phone:wake');
    t.fireAll(); // the timeout
    expect(await late).toMatchObject({ ok: false, error: { message: expect.stringContaining('did not answer') } });
    const orphan = link.request('call:hangup', { callId: 'c1' });
    link.detach('crashed');
    expect(await orphan).toMatchObject({ ok: false, error: { message: expect.stringContaining('went away') } });
    expect(t.size()).toBe(0);
  });

  it('empties its view when the engine goes away (its calls are gone), and ignores the old port after a new generation', () => {
    const { link, port, states } = setup();
    link.attach(port, 1);
    port.deliver({ kind: 'event', event: 'call:created', payload: call('c1', { name: 'active' }) });
    const next = new FakeControlPort();
    link.attach(next, 2);
    expect(port.closed).toBe(true);
    expect(states.at(-1)?.calls.size).toBe(0);
    port.deliver({ kind: 'event', event: 'call:created', payload: call('c2', { name: 'ringing' }) });
    expect(link.state().calls.size).toBe(0);
    next.remoteClosed();
    next.deliver({ kind: 'event', event: 'call:created', payload: call('c3', { name: 'ringing' }) });
    expect(link.state().calls.size).toBe(0);
  });
});
