/** The BYE a new engine sends for a dialog its dead predecessor left behind. */
import { UserAgent, type Core } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DialogRef } from '../../../../src-shared/calls';
import { byeCSeq, byeRequestFor, dialogRefOf, endDialogs } from './dialogs';

/** A user agent that is never started: its core makes messages; nothing is sent. */
const core = (): Core.UserAgentCore => new UserAgent({ uri: UserAgent.makeURI('sip:1001@desk.test'), transportOptions: { server: 'ws://127.0.0.1:9/ws' }, logBuiltinEnabled: false, logLevel: 'error' }).userAgentCore;

/** A call we answered: the caller's Contact, Kamailio's two Record-Routes (WebSocket side, UDP side). */
const answered: DialogRef = {
  callId: 'a84b4c76e66710@pc33.caller.test',
  localTag: 'agent-tag',
  remoteTag: 'caller-tag',
  localUri: 'sip:8000@desk.test',
  remoteUri: 'sip:13800138000@desk.test',
  remoteTarget: 'sip:13800138000@127.0.0.1:5071',
  routeSet: ['<sip:127.0.0.1:8080;transport=ws;r2=on;lr>', '<sip:127.0.0.1:5060;r2=on;lr>'],
};

const header = (text: string, name: string): string[] => text.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));

describe('ending a dead engine\'s dialog', () => {
  afterEach(() => vi.useRealTimers());

  it('is the BYE the dialog itself would send: to the remote target, through its route set in order, with its Call-ID and both tags', () => {
    const text = byeRequestFor(core(), answered).toString();
    expect(text.split('\r\n')[0]).toBe('BYE sip:13800138000@127.0.0.1:5071 SIP/2.0');
    expect(header(text, 'Route')).toEqual(['Route: <sip:127.0.0.1:8080;transport=ws;r2=on;lr>', 'Route: <sip:127.0.0.1:5060;r2=on;lr>']);
    expect(header(text, 'Call-ID')).toEqual([`Call-ID: ${answered.callId}`]);
    expect(header(text, 'From')[0]).toMatch(/<sip:8000@desk\.test>;tag=agent-tag$/);
    expect(header(text, 'To')[0]).toMatch(/<sip:13800138000@desk\.test>;tag=caller-tag$/);
    expect(header(text, 'CSeq')).toEqual([`CSeq: ${byeCSeq(answered)} BYE`]);
  });

  it('numbers it above any CSeq the old engine can have used in the dialog', () => {
    expect(byeCSeq({})).toBe(20_000);
    expect(byeCSeq({ localSeq: 9_999 })).toBe(20_000);
    expect(byeCSeq({ localSeq: 25_000 })).toBe(35_000);
  });

  it('keeps what a confirmed sip.js dialog holds, URIs as text', () => {
    const uri = (s: string) => UserAgent.makeURI(s)!;
    const ref = dialogRefOf({
      callId: 'c1',
      localTag: 'l',
      remoteTag: 'r',
      localURI: uri('sip:1001@desk.test'),
      remoteURI: uri('sip:2002@desk.test'),
      remoteTarget: uri('sip:2002@127.0.0.1:5072;transport=udp'),
      routeSet: ['<sip:127.0.0.1:5060;lr>'],
      localSequenceNumber: 4711,
    });
    expect(ref).toEqual({
      callId: 'c1',
      localTag: 'l',
      remoteTag: 'r',
      localUri: 'sip:1001@desk.test',
      remoteUri: 'sip:2002@desk.test',
      remoteTarget: 'sip:2002@127.0.0.1:5072;transport=udp',
      routeSet: ['<sip:127.0.0.1:5060;lr>'],
      localSeq: 4711,
    });
  });

  it('sends one BYE per dialog and counts the far ends that answered, whatever the status; one that never answers is not counted', async () => {
    vi.useFakeTimers();
    const real = core();
    const sent: string[] = [];
    const fake = {
      makeOutgoingRequestMessage: real.makeOutgoingRequestMessage.bind(real),
      request: (msg: Core.OutgoingRequestMessage, delegate: Core.OutgoingRequestDelegate) => {
        sent.push(msg.callId);
        if (msg.callId === 'ok') delegate.onAccept?.({} as Core.IncomingResponse);
        if (msg.callId === 'gone') delegate.onReject?.({} as Core.IncomingResponse); // 481
      },
    } as unknown as Core.UserAgentCore;
    const ending = endDialogs(fake, ['ok', 'gone', 'silent'].map((callId) => ({ ...answered, callId })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await ending).toBe(2);
    expect(sent).toEqual(['ok', 'gone', 'silent']);
  });

  it('is sent once per dialog however many windows ask (after a restart every window of an engine asks for the same calls)', async () => {
    const sent: string[] = [];
    const fake = {
      makeOutgoingRequestMessage: core().makeOutgoingRequestMessage.bind(core()),
      request: (msg: Core.OutgoingRequestMessage, delegate: Core.OutgoingRequestDelegate) => {
        sent.push(msg.callId);
        delegate.onAccept?.({} as Core.IncomingResponse);
      },
    } as unknown as Core.UserAgentCore;
    const ended = new Set<string>();
    const a = { ...answered, callId: 'a' };
    const b = { ...answered, callId: 'b' };
    expect(await endDialogs(fake, [a, b, a], ended)).toBe(3);
    expect(await endDialogs(fake, [b, a], ended)).toBe(2); // the second window: already done
    expect(sent).toEqual(['a', 'b']);
    for (let i = 0; i < 150; i++) await endDialogs(fake, [{ ...answered, callId: `c${i}` }], ended);
    expect(ended.size).toBe(100); // bounded
  });
});
