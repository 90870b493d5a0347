import { describe, expect, it } from 'vitest';
import { newCall, type Call, type PhoneEventMessage, type PhoneEventName, type PhoneEvents, type PhoneSnapshot } from '../../../src-shared/calls';
import { EMPTY_VIEW, viewAfterEngineLost, viewAfterSnapshot } from './fold';

const ev = <E extends PhoneEventName>(event: E, payload: PhoneEvents[E]): PhoneEventMessage => ({ kind: 'event', event, payload }) as PhoneEventMessage;
const call = (id: string, name: 'ringing' | 'active'): Call => ({ ...newCall({ id, direction: 'inbound', sipCallId: id, remote: { uri: `sip:${id}@x`, number: id } }, 1), state: { name } });

describe('a window attaching to the engine', () => {
  const snapshot: PhoneSnapshot = { ...EMPTY_VIEW, registration: { status: 'registered', since: 100 }, calls: [call('a', 'active')] };

  it('never moves a call the snapshot knows back to an older state', () => {
    const v = viewAfterSnapshot(snapshot, [ev('call:created', call('a', 'ringing')), ev('call:changed', call('a', 'ringing'))]);
    expect(v.calls[0]?.state.name).toBe('active');
  });

  it('takes calls that ended, calls it did not know and newer registrations', () => {
    const v = viewAfterSnapshot(snapshot, [
      ev('phone:registration', { status: 'connecting', since: 50, attempt: 1 }),
      ev('call:created', call('b', 'ringing')),
      ev('call:ended', { ...call('a', 'active'), state: { name: 'ended', reason: 'hung_up_remote' } }),
    ]);
    expect(v.registration.status).toBe('registered');
    expect(v.calls.map((c) => c.id)).toEqual(['b']);
    const later = viewAfterSnapshot(snapshot, [ev('phone:registration', { status: 'down', since: 200, reason: 'transport', attempt: 1 })]);
    expect(later.registration.status).toBe('down');
  });

  it('does not bring back a call that ended in the meantime', () => {
    const ended = { ...call('b', 'ringing'), state: { name: 'ended' as const, reason: 'missed' as const } };
    const v = viewAfterSnapshot(EMPTY_VIEW, [ev('call:created', call('b', 'ringing')), ev('call:ended', ended), ev('call:changed', call('b', 'ringing'))]);
    expect(v.calls).toEqual([]);
  });
});

describe('the engine lost (its process died; a new one is starting)', () => {
  it('says the phone is down at once, and ends every live call as failed with its record for the call log', () => {
    const talking: Call = { ...call('a', 'active'), queue: '8000', answeredAt: 5_000 };
    const ringing = call('b', 'ringing');
    const view: PhoneSnapshot = { ...EMPTY_VIEW, registration: { status: 'registered', since: 100 }, calls: [talking, ringing], devices: { microphoneId: 'm' } };
    const { view: after, records } = viewAfterEngineLost(view, 65_000);
    expect(after.registration).toEqual({ status: 'down', since: 65_000, reason: 'transport', attempt: 0 });
    expect(after.calls).toEqual([]);
    expect(after.devices).toEqual({ microphoneId: 'm' });
    expect(records.map((r) => [r.id, r.outcome, r.endReason, r.talkSeconds, r.queue])).toEqual([
      ['a', 'answered', 'failed', 60, '8000'],
      ['b', 'failed', 'failed', 0, undefined],
    ]);
    expect(records[0]?.endAt).toBe(new Date(65_000).toISOString());
  });

  it('hands on the dialogs of its connected calls (their far ends still hold them), not of calls that never connected', () => {
    const dialog = (callId: string) => ({ callId, localTag: 'l', remoteTag: 'r', localUri: 'sip:8000@x', remoteUri: `sip:${callId}@x`, remoteTarget: `sip:${callId}@127.0.0.1`, routeSet: [] });
    const talking: Call = { ...call('a', 'active'), dialog: dialog('a') };
    const held: Call = { ...call('h', 'active'), state: { name: 'held' }, dialog: dialog('h') };
    const ringing = call('b', 'ringing');
    const { cut } = viewAfterEngineLost({ ...EMPTY_VIEW, calls: [talking, held, ringing] }, 9);
    expect(cut.map((c) => c.dialog)).toEqual([dialog('a'), dialog('h')]);
  });

  it('with no call, only the registration changes', () => {
    const { view, records } = viewAfterEngineLost({ ...EMPTY_VIEW, registration: { status: 'registered', since: 1 } }, 9);
    expect(records).toEqual([]);
    expect(view.registration.status).toBe('down');
  });
});
