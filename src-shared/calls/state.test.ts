import { describe, expect, it } from 'vitest';
import { END_REASONS, canMove, moveCall, newCall, nextCallState, type Call, type CallEvent, type CallState } from './state';

const ALL_STATES: CallState[] = [
  { name: 'ringing' },
  { name: 'answering' },
  { name: 'dialing' },
  { name: 'early' },
  { name: 'active' },
  { name: 'held' },
  { name: 'consulting', consultId: 'c2' },
  { name: 'transferring', from: { name: 'active' } },
  { name: 'ended', reason: 'hung_up_remote' },
];

const ALL_EVENTS: CallEvent[] = [
  { type: 'answer' },
  { type: 'progress' },
  { type: 'established' },
  { type: 'hold' },
  { type: 'resume' },
  { type: 'consult', consultId: 'c2' },
  { type: 'transfer' },
  { type: 'transferFailed' },
  { type: 'consultEnded' },
  ...END_REASONS.map((reason) => ({ type: 'end', reason }) as const),
];

const run = (start: CallState, events: CallEvent[]): CallState | undefined =>
  events.reduce<CallState | undefined>((s, e) => (s ? nextCallState(s, e) : undefined), start);

describe('call-state machine', () => {
  it('inbound: ringing → answering → active ⇄ held → ended by the caller', () => {
    expect(run({ name: 'ringing' }, [{ type: 'answer' }, { type: 'established' }, { type: 'hold' }, { type: 'resume' }, { type: 'end', reason: 'hung_up_remote' }])).toEqual({
      name: 'ended',
      reason: 'hung_up_remote',
    });
  });

  it('outbound: dialing → early (180, then 183) → active → hung up here', () => {
    expect(run({ name: 'dialing' }, [{ type: 'progress' }, { type: 'progress' }, { type: 'established' }, { type: 'end', reason: 'hung_up_local' }])).toEqual({
      name: 'ended',
      reason: 'hung_up_local',
    });
    expect(nextCallState({ name: 'dialing' }, { type: 'established' })).toEqual({ name: 'active' });
  });

  it('attended transfer: consult from active or held, complete, or the consult ends and the caller is resumed', () => {
    const consulting = run({ name: 'active' }, [{ type: 'consult', consultId: 'k' }]);
    expect(consulting).toEqual({ name: 'consulting', consultId: 'k' });
    expect(run({ name: 'held' }, [{ type: 'consult', consultId: 'k' }])).toEqual(consulting);
    expect(run(consulting!, [{ type: 'transfer' }, { type: 'end', reason: 'transferred' }])).toEqual({ name: 'ended', reason: 'transferred' });
    expect(run(consulting!, [{ type: 'consultEnded' }, { type: 'resume' }])).toEqual({ name: 'active' });
  });

  it('a failed transfer goes back where it came from', () => {
    for (const from of [{ name: 'active' }, { name: 'held' }, { name: 'consulting', consultId: 'k' }] as const) {
      expect(run(from, [{ type: 'transfer' }, { type: 'transferFailed' }])).toEqual(from);
    }
  });

  it('ringing calls end as missed, answered elsewhere, declined or busy — never hung up or transferred', () => {
    for (const reason of ['missed', 'answered_elsewhere', 'declined', 'busy', 'failed'] as const) expect(canMove({ name: 'ringing' }, { type: 'end', reason })).toBe(true);
    for (const reason of ['hung_up_local', 'hung_up_remote', 'transferred'] as const) expect(canMove({ name: 'ringing' }, { type: 'end', reason })).toBe(false);
  });

  it('an answered call cannot be missed, and a call that never rang cannot be answered elsewhere', () => {
    expect(canMove({ name: 'active' }, { type: 'end', reason: 'missed' })).toBe(false);
    expect(canMove({ name: 'dialing' }, { type: 'end', reason: 'answered_elsewhere' })).toBe(false);
  });

  it('refuses impossible moves', () => {
    expect(canMove({ name: 'ringing' }, { type: 'hold' })).toBe(false);
    expect(canMove({ name: 'dialing' }, { type: 'answer' })).toBe(false);
    expect(canMove({ name: 'held' }, { type: 'hold' })).toBe(false);
    expect(canMove({ name: 'active' }, { type: 'resume' })).toBe(false);
    expect(canMove({ name: 'consulting', consultId: 'k' }, { type: 'consult', consultId: 'j' })).toBe(false);
    expect(canMove({ name: 'active' }, { type: 'transferFailed' })).toBe(false);
    expect(canMove({ name: 'active' }, { type: 'progress' })).toBe(false);
  });

  it('nothing leaves ended', () => {
    for (const e of ALL_EVENTS) expect(canMove({ name: 'ended', reason: 'missed' }, e)).toBe(false);
  });

  it('every live state can end, and every move lands in a known state', () => {
    const names = new Set(ALL_STATES.map((s) => s.name));
    for (const s of ALL_STATES) {
      if (s.name !== 'ended') expect(ALL_EVENTS.some((e) => e.type === 'end' && canMove(s, e)), s.name).toBe(true);
      for (const e of ALL_EVENTS) {
        const n = nextCallState(s, e);
        if (n) expect(names.has(n.name)).toBe(true);
      }
    }
  });

  it('moveCall stamps the answer and end times and leaves the call alone on a refused move', () => {
    const c: Call = newCall({ id: 'a', direction: 'inbound', sipCallId: 'x@y', remote: { uri: 'sip:100@d', number: '100' } }, 1000);
    expect(c.state).toEqual({ name: 'ringing' });
    expect(moveCall(c, { type: 'hold' }, 1500)).toBeUndefined();
    const answered = moveCall(moveCall(c, { type: 'answer' }, 2000)!, { type: 'established' }, 2100)!;
    expect(answered.answeredAt).toBe(2100);
    const held = moveCall(answered, { type: 'hold' }, 3000)!;
    const resumed = moveCall(held, { type: 'resume' }, 4000)!;
    expect(resumed.answeredAt).toBe(2100);
    const ended = moveCall(resumed, { type: 'end', reason: 'hung_up_local', sipStatus: 200 }, 9000)!;
    expect(ended).toMatchObject({ endedAt: 9000, state: { name: 'ended', reason: 'hung_up_local', sipStatus: 200 } });
    expect(c.state).toEqual({ name: 'ringing' });
  });

  it('outbound calls start dialing', () => {
    expect(newCall({ id: 'b', direction: 'outbound', sipCallId: 'z', remote: { uri: 'sip:8000@d', number: '8000' } }, 0).state).toEqual({ name: 'dialing' });
  });
});
