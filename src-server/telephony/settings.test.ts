import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUES, aorOf, queuesFor, resolveTelephony } from './settings';

describe('telephony settings', () => {
  it('is not configured without both the WebSocket URL and the secret', () => {
    expect(resolveTelephony(undefined)).toEqual({ settings: null, warnings: [] });
    expect(resolveTelephony({ wsUrl: '', secret: '' })).toEqual({ settings: null, warnings: [] });
    const half = resolveTelephony({ wsUrl: 'wss://sip.example/ws' });
    expect(half.settings).toBeNull();
    expect(half.warnings[0]).toMatch(/--sip-secret/);
  });

  it('fills the defaults: domain from the URL, queues 8000/8001, 12 h, no ICE servers, no RPC', () => {
    const { settings, warnings } = resolveTelephony({ wsUrl: 'wss://sip.example.org:8443/ws', secret: 'a-long-enough-secret' });
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ domain: 'sip.example.org', credentialTtlSeconds: 43_200, iceServers: [], kamailioRpc: null, queues: DEFAULT_QUEUES });
    expect(queuesFor(settings!, 'expert').map((q) => q.number)).toEqual(['8000']);
    expect(queuesFor(settings!, 'agent').map((q) => q.number)).toEqual(['8000', '8001']);
    expect(queuesFor(settings!, 'supervisor')).toEqual([]);
    expect(aorOf(settings!, 'ABC-1')).toBe('sip:abc-1@sip.example.org');
  });

  it('reads queues and ICE servers as JSON (from flags or env) and refuses bad values without echoing the secret', () => {
    const { settings, warnings } = resolveTelephony({
      wsUrl: 'ws://127.0.0.1:5066',
      secret: 'short',
      queues: '[{"number":8100,"name":"VIP","roles":["expert"]}]',
      iceServers: '[{"urls":["stun:127.0.0.1:3478"]}]',
      credentialTtlSeconds: '600',
      kamailioRpc: 'http://127.0.0.1:5071/RPC',
    });
    expect(warnings[0]).toMatch(/shorter than 16/);
    expect(settings).toMatchObject({ queues: [{ number: '8100', name: 'VIP', nameZh: 'VIP', roles: ['expert'] }], iceServers: [{ urls: ['stun:127.0.0.1:3478'] }], credentialTtlSeconds: 600, kamailioRpc: 'http://127.0.0.1:5071/RPC' });
    const bad = (o: object) => () => resolveTelephony({ wsUrl: 'ws://h', secret: 'hunter2-hunter2', ...o });
    expect(bad({ wsUrl: 'http://h' })).toThrow(/wsUrl/);
    expect(bad({ queues: 'not json' })).toThrow(/queues must be JSON/);
    expect(bad({ queues: '[{"number":"8:0","name":"x"}]' })).toThrow(/queues\.0\.number/);
    expect(bad({ queues: '[{"number":"1","name":"a"},{"number":"1","name":"b"}]' })).toThrow(/unique/);
    expect(bad({ iceServers: '[{"urls":"http://x"}]' })).toThrow(/iceServers/);
    expect(bad({ credentialTtlSeconds: '5' })).toThrow(/credentialTtlSeconds/);
    expect(bad({ kamailioRpc: 'ftp://x' })).toThrow(/kamailioRpc/);
    let message = '';
    try {
      bad({ wsUrl: 'nope' })();
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/wsUrl/);
    expect(message).not.toContain('hunter2');
  });
});
