import { describe, expect, it } from 'vitest';
import { parsePhoneRequest, type PhoneSnapshot } from './protocol';
import { applyPhoneEvent } from './view';
import { newCall } from './state';

describe('phone request parsing', () => {
  it('accepts a known channel with a valid argument', () => {
    expect(parsePhoneRequest({ kind: 'request', id: 1, channel: 'call:dial', args: [{ target: '8000' }] })).toEqual({ ok: true, request: { id: 1, channel: 'call:dial', arg: { target: '8000' } } });
    expect(parsePhoneRequest({ kind: 'request', id: 2, channel: 'phone:start', args: [] })).toMatchObject({ ok: true, request: { channel: 'phone:start' } });
  });
  it('refuses unknown channels, bad arguments and non-requests, with the id when it has one', () => {
    expect(parsePhoneRequest({ kind: 'request', id: 3, channel: 'call:explode', args: [] })).toMatchObject({ ok: false, id: 3, error: { code: 'BAD_REQUEST' } });
    expect(parsePhoneRequest({ kind: 'request', id: 4, channel: 'call:mute', args: [{ callId: 'x' }] })).toMatchObject({ ok: false, id: 4 });
    expect(parsePhoneRequest({ kind: 'request', id: 5, channel: 'phone:configure', args: [{ wsUrl: 'http://x', aor: 'sip:a@b', iceServers: [] }] })).toMatchObject({ ok: false, id: 5 });
    expect(parsePhoneRequest({ kind: 'request', id: 6, channel: 'constructor', args: [] })).toMatchObject({ ok: false, id: 6 });
    expect(parsePhoneRequest(null)).toMatchObject({ ok: false, id: undefined });
    expect(parsePhoneRequest({ kind: 'event', id: 7 })).toMatchObject({ ok: false, id: 7 });
  });
});

describe('folding engine events into a view', () => {
  it('adds, updates and removes calls, and keeps each record once', () => {
    let v: PhoneSnapshot = { registration: { status: 'stopped', since: 0 }, calls: [], devices: {}, records: [] };
    const c = newCall({ id: 'a', direction: 'inbound', sipCallId: 's', remote: { uri: 'sip:1@d', number: '1' } }, 5);
    v = applyPhoneEvent(v, { kind: 'event', event: 'call:created', payload: c });
    v = applyPhoneEvent(v, { kind: 'event', event: 'call:changed', payload: { ...c, state: { name: 'answering' } } });
    expect(v.calls).toEqual([{ ...c, state: { name: 'answering' } }]);
    v = applyPhoneEvent(v, { kind: 'event', event: 'call:ended', payload: { ...c, state: { name: 'ended', reason: 'failed' } } });
    expect(v.calls).toEqual([]);
    const rec = { id: 'a', sipCallId: 's', direction: 'inbound' as const, number: '1', remoteUri: 'sip:1@d', ringAt: '', endAt: '', outcome: 'failed' as const, endReason: 'failed' as const, talkSeconds: 0, ringSeconds: 0 };
    v = applyPhoneEvent(v, { kind: 'event', event: 'call:record', payload: rec });
    v = applyPhoneEvent(v, { kind: 'event', event: 'call:record', payload: rec });
    expect(v.records).toHaveLength(1);
    v = applyPhoneEvent(v, { kind: 'event', event: 'phone:registration', payload: { status: 'registered', since: 9 } });
    expect(v.registration.status).toBe('registered');
  });
});
