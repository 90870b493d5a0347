import { describe, expect, it } from 'vitest';
import { PhoneEngine, sipfragStatus } from './engine';
import { createPhoneClient, servePhonePort } from './port';

/** The engine behind a real MessageChannel, as the browser host wires it (no SIP server: requests that need one are refused). */
function wired() {
  const engine = new PhoneEngine({ now: () => 1_000 });
  const { port1, port2 } = new MessageChannel();
  const detach = servePhonePort(engine, port1);
  const client = createPhoneClient(port2, 2000);
  return {
    engine,
    client,
    port2,
    close: () => {
      detach();
      client.close();
      port1.close();
      port2.close();
    },
  };
}

describe('the phone engine over its message port', () => {
  it('answers a snapshot and refuses what cannot be done yet, with stable codes', async () => {
    const { client, close } = wired();
    try {
      expect(await client.request('phone:snapshot')).toEqual({ ok: true, value: { registration: { status: 'stopped', since: 1_000 }, calls: [], devices: {}, records: [] } });
      expect(await client.request('phone:start')).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
      expect(await client.request('call:hangup', { callId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
      expect(await client.request('phone:configure', { wsUrl: 'wss://sip.example/ws', aor: 'sip:a1@desk.example', iceServers: [] })).toEqual({ ok: true, value: undefined });
      expect(await client.request('call:dial', { target: '8000' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
      expect(await client.request('phone:start')).toMatchObject({ ok: false, error: { code: 'NO_CREDENTIALS' } });
    } finally {
      close();
    }
  });

  it('checks every request before the engine sees it', async () => {
    const { client, close } = wired();
    const raw = client.request as unknown as (channel: string, arg?: unknown) => Promise<unknown>;
    try {
      expect(await raw('call:explode')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await raw('call:mute', { callId: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await raw('phone:configure', { wsUrl: 'http://not-a-websocket', aor: 'sip:a@b', iceServers: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      close();
    }
  });

  it('reads the status of a transfer from a NOTIFY sipfrag', () => {
    expect(sipfragStatus('SIP/2.0 200 OK\r\n')).toBe(200);
    expect(sipfragStatus('SIP/2.0 100 Trying')).toBe(100);
    expect(sipfragStatus('SIP/2.0 486 Busy Here')).toBe(486);
    expect(sipfragStatus('')).toBeUndefined();
  });
});
