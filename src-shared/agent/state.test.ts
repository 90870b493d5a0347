import { describe, expect, it } from 'vitest';
import { agentStep, initialAgentState, nextAgentDeadline, takesQueueCalls, telephonyEventOf, type AgentEvent, type AgentState } from './state';

const OK = { microphone: true, speaker: true, registration: true };

function steps(s: AgentState, events: Array<[AgentEvent, number]>): AgentState {
  return events.reduce((acc, [e, t]) => {
    const r = agentStep(acc, e, t);
    if (!r.ok) throw new Error(`${e.type} refused: ${r.code}`);
    return r.state;
  }, s);
}

/** Signed in, registered, preflight passed, Ready at t=10. */
const ready = (acw: AgentState['acw'] = { kind: 'manual' }): AgentState =>
  steps(initialAgentState(0, acw), [
    [{ type: 'signIn' }, 1],
    [{ type: 'telephonyUp' }, 2],
    [{ type: 'preflight', result: OK }, 3],
    [{ type: 'request', target: { name: 'ready' } }, 10],
  ]);

describe('agent states', () => {
  it('signing in lands Not Ready; Ready needs registration and a passing preflight', () => {
    const s = steps(initialAgentState(0), [[{ type: 'signIn' }, 1]]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'signed_in' });
    expect(agentStep(s, { type: 'request', target: { name: 'ready' } }, 2)).toMatchObject({ ok: false, code: 'TELEPHONY_DOWN' });
    const up = steps(s, [[{ type: 'telephonyUp' }, 3]]);
    expect(agentStep(up, { type: 'request', target: { name: 'ready' } }, 4)).toMatchObject({ ok: false, code: 'PREFLIGHT_FAILED' });
    const failed = steps(up, [[{ type: 'preflight', result: { ...OK, microphone: false } }, 5]]);
    expect(agentStep(failed, { type: 'request', target: { name: 'ready' } }, 6)).toMatchObject({ ok: false, code: 'PREFLIGHT_FAILED' });
    const r = ready();
    expect(r.status).toEqual({ name: 'ready' });
    expect(r.since).toBe(10);
    expect(takesQueueCalls(r)).toBe(true);
  });

  it('Not Ready with a desk reason; the workstation’s own reasons cannot be chosen', () => {
    const s = steps(ready(), [[{ type: 'request', target: { name: 'not_ready', reason: 'meal' } }, 20]]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'meal' });
    expect(takesQueueCalls(s)).toBe(false);
    expect(agentStep(s, { type: 'request', target: { name: 'not_ready', reason: 'telephony_down' } }, 21)).toMatchObject({ ok: false, code: 'RESERVED_REASON' });
  });

  it('on a call, then after-call work until the agent is done, then Ready again', () => {
    const s = steps(ready(), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'callStarted' }, 25],
      [{ type: 'callsEnded' }, 80],
    ]);
    expect(s.status).toEqual({ name: 'after_call_work' });
    expect(nextAgentDeadline(s)).toBeUndefined();
    expect(steps(s, [[{ type: 'tick' }, 10_000_000]]).status.name).toBe('after_call_work');
    expect(steps(s, [[{ type: 'acwDone' }, 90]]).status).toEqual({ name: 'ready' });
  });

  it('fixed after-call work ends by itself at its deadline', () => {
    const s = steps(ready({ kind: 'fixed', seconds: 30 }), [
      [{ type: 'callStarted' }, 1000],
      [{ type: 'callsEnded' }, 2000],
    ]);
    expect(s.status).toEqual({ name: 'after_call_work', until: 32_000 });
    expect(nextAgentDeadline(s)).toBe(32_000);
    expect(steps(s, [[{ type: 'tick' }, 31_999]]).status.name).toBe('after_call_work');
    expect(steps(s, [[{ type: 'tick' }, 32_000]]).status).toEqual({ name: 'ready' });
  });

  it('no after-call work: straight to the next state', () => {
    const s = steps(ready({ kind: 'none' }), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'callsEnded' }, 30],
    ]);
    expect(s.status).toEqual({ name: 'ready' });
  });

  it('a state requested during a call is taken after it', () => {
    const s = steps(ready(), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'request', target: { name: 'not_ready', reason: 'break' } }, 30],
    ]);
    expect(s.status).toEqual({ name: 'on_call' });
    const after = steps(s, [
      [{ type: 'callsEnded' }, 40],
      [{ type: 'acwDone' }, 50],
    ]);
    expect(after.status).toEqual({ name: 'not_ready', reason: 'break' });
    expect(after.requested).toBeUndefined();
    // asked for during after-call work: ends it now
    const acw = steps(ready(), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'callsEnded' }, 40],
      [{ type: 'request', target: { name: 'not_ready', reason: 'training' } }, 45],
    ]);
    expect(acw.status).toEqual({ name: 'not_ready', reason: 'training' });
  });

  it('an agent on break who makes a call goes back on break after it', () => {
    const s = steps(ready({ kind: 'none' }), [
      [{ type: 'request', target: { name: 'not_ready', reason: 'break' } }, 20],
      [{ type: 'callStarted' }, 30],
      [{ type: 'callsEnded' }, 40],
    ]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'break' });
  });

  it('telephony down forces Not Ready "telephony_down"; back to Ready only once registered again', () => {
    const down = steps(ready(), [[{ type: 'telephonyDown' }, 100]]);
    expect(down.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    expect(takesQueueCalls(down)).toBe(false);
    expect(agentStep(down, { type: 'request', target: { name: 'ready' } }, 101)).toMatchObject({ ok: false, code: 'TELEPHONY_DOWN' });
    // a second "down" (another failed attempt) changes nothing
    expect(steps(down, [[{ type: 'telephonyDown' }, 150]])).toEqual(down);
    const up = steps(down, [[{ type: 'telephonyUp' }, 200]]);
    expect(up.status).toEqual({ name: 'ready' });
    expect(up.since).toBe(200);
  });

  it('an agent Not Ready for a desk reason goes back to that reason, and a choice made while down is kept', () => {
    const s = steps(ready(), [
      [{ type: 'request', target: { name: 'not_ready', reason: 'meeting' } }, 20],
      [{ type: 'telephonyDown' }, 30],
    ]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    expect(steps(s, [[{ type: 'telephonyUp' }, 40]]).status).toEqual({ name: 'not_ready', reason: 'meeting' });
    const changed = steps(s, [
      [{ type: 'request', target: { name: 'not_ready', reason: 'meal' } }, 35],
      [{ type: 'telephonyUp' }, 40],
    ]);
    expect(changed.status).toEqual({ name: 'not_ready', reason: 'meal' });
  });

  it('telephony lost during a call: the call goes on; after it the agent is Not Ready until registered', () => {
    const s = steps(ready({ kind: 'none' }), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'telephonyDown' }, 30],
    ]);
    expect(s.status).toEqual({ name: 'on_call' });
    const after = steps(s, [[{ type: 'callsEnded' }, 40]]);
    expect(after.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    expect(steps(after, [[{ type: 'telephonyUp' }, 50]]).status).toEqual({ name: 'ready' });
  });

  it('a failing preflight takes a Ready agent out of the queues', () => {
    const s = steps(ready(), [[{ type: 'preflight', result: { ...OK, speaker: false } }, 50]]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'preflight_failed' });
  });

  it('signing out: at once, or after the current call', () => {
    expect(steps(ready(), [[{ type: 'signOut' }, 20]]).status).toEqual({ name: 'offline' });
    const s = steps(ready({ kind: 'none' }), [
      [{ type: 'callStarted' }, 20],
      [{ type: 'request', target: { name: 'offline' } }, 25],
    ]);
    expect(s.status).toEqual({ name: 'on_call' });
    expect(steps(s, [[{ type: 'callsEnded' }, 30]]).status).toEqual({ name: 'offline' });
  });

  it('refuses impossible moves', () => {
    const off = initialAgentState(0);
    expect(agentStep(off, { type: 'request', target: { name: 'ready' } }, 1)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(agentStep(off, { type: 'callStarted' }, 1)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(agentStep(ready(), { type: 'callsEnded' }, 1)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(agentStep(ready(), { type: 'acwDone' }, 1)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(agentStep(ready(), { type: 'signIn' }, 1)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
  });

  it('maps registration changes to telephony events', () => {
    expect(telephonyEventOf('registered')).toEqual({ type: 'telephonyUp' });
    expect(telephonyEventOf('down')).toEqual({ type: 'telephonyDown' });
    expect(telephonyEventOf('connecting')).toBeUndefined();
  });
});
