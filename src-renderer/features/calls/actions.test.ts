import { describe, expect, it } from 'vitest';
import { newCall, type Call, type CallState } from '../../../src-shared/calls';
import { callActions, callsToHoldBeforeResume, currentCall, hasCallInProgress, ringingCalls, timerStart } from './actions';

const call = (id: string, state: CallState, o: Partial<Call> = {}): Call => ({
  ...newCall({ id, direction: 'inbound', sipCallId: `sip-${id}`, remote: { uri: `sip:${id}@x`, number: id } }, 1000),
  state,
  ...o,
});

describe('call bar buttons per call state', () => {
  it('offers Answer and Decline while ringing, nothing else', () => {
    expect(callActions(call('a', { name: 'ringing' }))).toEqual(['answer', 'decline']);
  });

  it('lets a call being set up be muted or hung up', () => {
    for (const name of ['answering', 'dialing', 'early'] as const) expect(callActions(call('a', { name }))).toEqual(['mute', 'hangup']);
  });

  it('offers everything on a call in progress, Unmute once muted', () => {
    expect(callActions(call('a', { name: 'active' }))).toEqual(['hold', 'mute', 'transfer', 'keypad', 'hangup']);
    expect(callActions(call('a', { name: 'active' }, { muted: true }))).toEqual(['hold', 'unmute', 'transfer', 'keypad', 'hangup']);
  });

  it('offers Resume (not Hold, not the keypad) on a held call', () => {
    expect(callActions(call('a', { name: 'held' }))).toEqual(['resume', 'transfer', 'hangup']);
  });

  it('offers Complete transfer and Return to caller while consulting', () => {
    expect(callActions(call('a', { name: 'consulting', consultId: 'b' }))).toEqual(['completeTransfer', 'returnToCaller', 'hangup']);
  });

  it('does not transfer the consult leg itself', () => {
    expect(callActions(call('b', { name: 'active' }, { consultFor: 'a' }))).toEqual(['mute', 'keypad', 'hangup']);
    expect(callActions(call('b', { name: 'held' }, { consultFor: 'a' }))).toEqual(['resume', 'hangup']);
  });

  it('leaves only Hang up while transferring, nothing once ended', () => {
    expect(callActions(call('a', { name: 'transferring', from: { name: 'active' } }))).toEqual(['hangup']);
    expect(callActions(call('a', { name: 'ended', reason: 'missed' }))).toEqual([]);
  });
});

describe('which call a hotkey acts on', () => {
  it('answers the oldest ringing call', () => {
    const calls = [call('new', { name: 'ringing' }, { startedAt: 3000 }), call('old', { name: 'ringing' }, { startedAt: 2000 }), call('talk', { name: 'active' })];
    expect(ringingCalls(calls).map((c) => c.id)).toEqual(['old', 'new']);
  });

  it('hangs up or mutes the call the agent talks on, never a waiting caller or a ringing call', () => {
    expect(currentCall([call('held', { name: 'held' }), call('ring', { name: 'ringing' })])).toBeUndefined();
    expect(currentCall([call('held', { name: 'held' }), call('out', { name: 'dialing' }), call('talk', { name: 'active' })])?.id).toBe('talk');
    expect(currentCall([call('held', { name: 'consulting', consultId: 'out' }), call('out', { name: 'early' }, { consultFor: 'held' })])?.id).toBe('out');
  });
});

describe('switching between callers', () => {
  it('holds whoever the agent talks to before resuming another caller', () => {
    const calls = [call('a', { name: 'held' }), call('b', { name: 'active' })];
    expect(callsToHoldBeforeResume(calls, 'a').map((c) => c.id)).toEqual(['b']);
  });

  it('never holds the other half of a consultation', () => {
    const calls = [call('caller', { name: 'held' }), call('expert', { name: 'active' }, { consultFor: 'caller' })];
    expect(callsToHoldBeforeResume(calls, 'caller')).toEqual([]);
  });
});

describe('timers and calls in progress', () => {
  it('times talk from the answer, a ringing or dialled call from its start', () => {
    expect(timerStart(call('a', { name: 'ringing' }, { startedAt: 1000 }))).toBe(1000);
    expect(timerStart(call('a', { name: 'active' }, { startedAt: 1000, answeredAt: 5000 }))).toBe(5000);
  });

  it('counts a call as in progress once it is past ringing', () => {
    expect(hasCallInProgress([call('a', { name: 'ringing' })])).toBe(false);
    expect(hasCallInProgress([call('a', { name: 'ringing' }), call('b', { name: 'held' })])).toBe(true);
  });
});
