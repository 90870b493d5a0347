import { describe, expect, it } from 'vitest';
import { createLogger, redactValue } from './log';

const capture = (level: 'debug' | 'info' = 'debug') => {
  const lines: string[] = [];
  const log = createLogger({ level, sink: { out: (l) => lines.push(l), err: (l) => lines.push(l) } });
  return { log, lines };
};

describe('logger', () => {
  it('never writes passwords, tokens or query parameters of failed database queries', () => {
    const { log, lines } = capture();
    log.info({ body: { workNumber: '1001', password: 'agent1001' }, headers: { authorization: 'Bearer s3cr3t-token' } }, 'sign-in');
    log.child({ reqId: 'r1' }).warn({ req: { url: '/api/sync/ws?token=abcDEF123&x=1' } }, 'socket at /api/sync/ws?token=abcDEF123');
    const dbError = Object.assign(new Error('Failed query: insert into users … params: 1001,scrypt$32768$8$1$HASHVALUE'), {
      query: 'insert into users …',
      params: ['1001', 'scrypt$32768$8$1$HASHVALUE'],
      cause: Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    });
    log.error({ err: dbError }, 'failed');
    const all = lines.join('\n');
    for (const secret of ['agent1001', 's3cr3t-token', 'abcDEF123', 'HASHVALUE']) expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
    expect(all).toContain('23505');
    expect(all).toContain('x=1');
  });

  it('never writes the SIP secret (wherever it appears) or a URL\'s user:password', () => {
    const { log, lines } = capture();
    redactValue('sip-shared-secret-XYZ');
    log.info({ telephony: { sipSecret: 'other-secret-value', note: 'uses sip-shared-secret-XYZ' }, iceServers: [{ urls: 'turn:h', credential: 'turnpass1' }] }, 'configured with sip-shared-secret-XYZ');
    log.warn({ rpc: 'http://kam:rpcpass99@127.0.0.1:5071/RPC' }, 'rpc at http://kam:rpcpass99@127.0.0.1:5071/RPC failed');
    const all = lines.join('\n');
    for (const secret of ['sip-shared-secret-XYZ', 'other-secret-value', 'turnpass1', 'rpcpass99']) expect(all).not.toContain(secret);
    expect(all).toContain('http://[redacted]@127.0.0.1:5071/RPC');
  });

  it('filters by level and prints announcement lines verbatim', () => {
    const { log, lines } = capture('info');
    log.debug('hidden');
    log.info('shown');
    log.print('Firstline desk server listening on http://127.0.0.1:4780 (db: pglite)');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.*Z INFO shown$/);
    expect(lines[1]).toBe('Firstline desk server listening on http://127.0.0.1:4780 (db: pglite)');
  });
});
