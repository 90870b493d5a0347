import { describe, expect, it } from 'vitest';
import { agentStep, initialAgentState, type AgentEvent, type AgentState } from '../../../src-shared/agent';
import { agentEventsFor, effectiveTarget, phoneFacts, presenceOf, readyBlock, samePresence, telephonyConfiguredOf, toggleTarget, type PhoneFacts } from './wiring';

const apply = (s: AgentState, events: AgentEvent[], now: number): AgentState =>
  events.reduce((acc, e) => {
    const r = agentStep(acc, e, now);
    return r.ok ? r.state : acc;
  }, s);

/** Feeds a sequence of phone facts the way agent.ts does. */
const follow = (s: AgentState, seq: PhoneFacts[], now = 10_000): AgentState => {
  let prev: PhoneFacts | null = null;
  let state = s;
  for (const f of seq) {
    state = apply(state, agentEventsFor(prev, f, state), now);
    prev = f;
  }
  return state;
};

const up: PhoneFacts = { registration: 'registered', onCall: false };
const down: PhoneFacts = { registration: 'down', onCall: false };
const talking: PhoneFacts = { registration: 'registered', onCall: true };

const readyAgent = (): AgentState => {
  let s = apply(initialAgentState(0, { kind: 'manual' }), [{ type: 'signIn' }, { type: 'telephonyUp' }, { type: 'preflight', result: { microphone: true, speaker: true, registration: true } }], 0);
  s = apply(s, [{ type: 'request', target: { name: 'ready' } }], 0);
  expect(s.status).toEqual({ name: 'ready' });
  return s;
};

describe('the agent state follows the phone', () => {
  it('reads the facts it needs from the phone view', () => {
    expect(phoneFacts({ registration: { status: 'registered', since: 1 }, calls: [{ state: { name: 'ringing' } }] })).toEqual({ registration: 'registered', onCall: false });
    expect(phoneFacts({ registration: { status: 'registered', since: 1 }, calls: [{ state: { name: 'held' } }] })).toEqual({ registration: 'registered', onCall: true });
  });

  it('puts a Ready agent Not Ready "telephony down" and back to Ready only once registered again', () => {
    let s = follow(readyAgent(), [up, down]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    s = follow(s, [down, { registration: 'connecting', onCall: false }, { registration: 'registering', onCall: false }]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    s = follow(s, [{ registration: 'registering', onCall: false }, up]);
    expect(s.status).toEqual({ name: 'ready' });
  });

  it('goes On call when a call connects, not while it only rings, and to after-call work when the last one ends', () => {
    let s = follow(readyAgent(), [up]);
    expect(agentEventsFor(up, up, s)).toEqual([]);
    s = follow(s, [up, talking]);
    expect(s.status.name).toBe('on_call');
    s = follow(s, [talking, up]);
    expect(s.status).toEqual({ name: 'after_call_work' });
  });

  it('applies the registration on the first look (a window reload with a restored state)', () => {
    const restored = readyAgent();
    const s = follow(restored, [{ registration: 'stopped', onCall: false }]);
    expect(s.status).toEqual({ name: 'not_ready', reason: 'telephony_down' });
  });

  it('ends a restored On call once no call is left', () => {
    const onCall = apply(readyAgent(), [{ type: 'callStarted' }], 1);
    expect(agentEventsFor(null, up, onCall)).toEqual([{ type: 'telephonyUp' }, { type: 'callsEnded' }]);
  });
});

describe('what the switcher offers', () => {
  it('blocks Ready with the reason', () => {
    expect(readyBlock({ telephonyConfigured: false, registered: false, preflight: undefined })).toEqual({ why: 'not_configured' });
    expect(readyBlock({ telephonyConfigured: true, registered: false, preflight: undefined })).toEqual({ why: 'telephony_down' });
    expect(readyBlock({ telephonyConfigured: true, registered: true, preflight: { microphone: false, speaker: true, registration: false } })).toEqual({ why: 'preflight', failed: ['microphone'] });
    expect(readyBlock({ telephonyConfigured: true, registered: true, preflight: undefined })).toBeNull();
    expect(readyBlock({ telephonyConfigured: 'unknown', registered: true, preflight: { microphone: true, speaker: true, registration: true } })).toBeNull();
  });

  it('knows where the agent goes after the call', () => {
    const s = apply(readyAgent(), [{ type: 'callStarted' }], 1);
    expect(effectiveTarget(s)).toEqual({ name: 'ready' });
    const meal = apply(s, [{ type: 'request', target: { name: 'not_ready', reason: 'meal' } }], 2);
    expect(effectiveTarget(meal)).toEqual({ name: 'not_ready', reason: 'meal' });
  });

  it('toggles Ready ↔ Not Ready with the last reason', () => {
    const ready = readyAgent();
    expect(toggleTarget(ready, 'meal', [{ id: 'break' }])).toEqual({ name: 'not_ready', reason: 'meal' });
    expect(toggleTarget(ready, null, [{ id: 'break' }])).toEqual({ name: 'not_ready', reason: 'break' });
    const resting = apply(ready, [{ type: 'request', target: { name: 'not_ready', reason: 'break' } }], 1);
    expect(toggleTarget(resting, 'break', [{ id: 'break' }])).toEqual({ name: 'ready' });
    const onCall = apply(ready, [{ type: 'callStarted' }], 2);
    expect(toggleTarget(onCall, 'meal', [])).toEqual({ name: 'not_ready', reason: 'meal' });
    const mealNext = apply(onCall, [{ type: 'request', target: { name: 'not_ready', reason: 'meal' } }], 3);
    expect(toggleTarget(mealNext, 'meal', [])).toEqual({ name: 'ready' });
    const acw = apply(mealNext, [{ type: 'callsEnded' }], 4);
    expect(acw.status.name).toBe('after_call_work');
    expect(toggleTarget(acw, 'meal', [])).toEqual({ name: 'ready' });
  });

  it('reads the calls feature’s telephony status', () => {
    expect(telephonyConfiguredOf('configured')).toBe(true);
    expect(telephonyConfiguredOf('not_configured')).toBe(false);
    expect(telephonyConfiguredOf('loading')).toBe('unknown');
  });
});

describe('presence', () => {
  it('reports the state with ISO times and the state asked for next', () => {
    const s = apply(readyAgent(), [{ type: 'callStarted' }, { type: 'request', target: { name: 'not_ready', reason: 'meal' } }], Date.UTC(2025, 2, 4, 6));
    expect(presenceOf(s)).toEqual({ status: { name: 'on_call' }, since: '2025-03-04T06:00:00.000Z', requested: { name: 'not_ready', reason: 'meal' }, telephony: 'up' });
    const acw = apply({ ...s, acw: { kind: 'fixed', seconds: 30 } }, [{ type: 'callsEnded' }], Date.UTC(2025, 2, 4, 6, 5));
    expect(presenceOf(acw).until).toBe('2025-03-04T06:05:30.000Z');
    expect(samePresence(presenceOf(acw), presenceOf(acw))).toBe(true);
    expect(samePresence(null, presenceOf(acw))).toBe(false);
  });
});
