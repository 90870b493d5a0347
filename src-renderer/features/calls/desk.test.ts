import { describe, expect, it } from 'vitest';
import { deskRequest, expiryMs, fetchTelephonyConfig, parseTelephonyConfig, phoneConfigOf, type DeskDeps } from './desk';

const config = {
  wsUrl: 'wss://sip.desk.example/ws',
  aor: 'sip:1001@desk.example',
  displayName: '李雷',
  iceServers: [{ urls: 'stun:stun.desk.example' }],
  queues: [
    { number: '8001', name: 'Consultation', nameZh: '咨询' },
    { number: '8000', name: 'General', nameZh: '综合' },
  ],
  credentials: { username: '1741100000:1001', password: 'c2VjcmV0', expiresAt: 1741100000 },
};

const deps = (respond: (url: string, init?: RequestInit) => Response | Promise<Response>, token: string | null = 't0k'): DeskDeps & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    baseUrl: () => 'http://desk',
    token: () => token,
    fetch: async (url, init) => {
      calls.push(`${init?.method ?? 'GET'} ${url} ${(init?.headers as Record<string, string> | undefined)?.authorization ?? ''}`);
      return respond(url, init);
    },
  };
};

describe('the desk’s telephony config', () => {
  it('is read exactly in the agreed shape, credential expiry in epoch ms', () => {
    const r = parseTelephonyConfig(config);
    expect(r.ok && r.value).toEqual({ ...config, credentials: { ...config.credentials, expiresAt: 1741100000_000 } });
    const p = parseTelephonyConfig(config);
    expect(p.ok && phoneConfigOf(p.value)).toEqual({ wsUrl: config.wsUrl, aor: config.aor, displayName: '李雷', iceServers: config.iceServers, queues: ['8001', '8000'] });
  });

  it('takes expiry as seconds, milliseconds or an ISO date', () => {
    expect(expiryMs(1741100000)).toBe(1741100000000);
    expect(expiryMs(1741100000000)).toBe(1741100000000);
    expect(expiryMs('2025-03-04T14:53:20.000Z')).toBe(Date.parse('2025-03-04T14:53:20.000Z'));
    expect(expiryMs(undefined)).toBeUndefined();
  });

  it('refuses a config the phone cannot use, saying what is wrong', () => {
    const r = parseTelephonyConfig({ ...config, wsUrl: 'http://x' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/wsUrl/);
  });

  it('classifies answers: 404 is "not offered", 5xx and network errors are "unreachable"', async () => {
    const ok = deps(() => Response.json(config));
    expect((await fetchTelephonyConfig(ok)).kind).toBe('ok');
    expect(ok.calls).toEqual(['GET http://desk/api/telephony/config Bearer t0k']);
    expect((await fetchTelephonyConfig(deps(() => new Response('nope', { status: 404 })))).kind).toBe('absent');
    expect((await fetchTelephonyConfig(deps(() => new Response('', { status: 503 })))).kind).toBe('unreachable');
    expect((await fetchTelephonyConfig(deps(() => Promise.reject(new TypeError('fetch failed'))))).kind).toBe('unreachable');
    expect((await fetchTelephonyConfig(deps(() => new Response('', { status: 401 })))).kind).toBe('unauthenticated');
    expect((await fetchTelephonyConfig(deps(() => Response.json({ wsUrl: 1 })))).kind).toBe('refused');
  });

  it('does not call the desk without a token', async () => {
    const d = deps(() => Response.json(config), null);
    expect((await deskRequest(d, 'POST', '/api/presence', {})).kind).toBe('unauthenticated');
    expect(d.calls).toEqual([]);
  });
});
