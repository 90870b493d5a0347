/**
 * Sign-in: online, offline unlock after one online sign-in (right password unlocks, wrong
 * fails), the clear error when the first sign-in is attempted offline, and reloads.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SignInResponse } from '../../../src-shared/api';
import { ok } from '../../../src-shared/result';
import type { FetchLike } from '../sync';
import { loadOfflineRecord, openOffline, PBKDF2_ITERATIONS, sealOffline, type KeyValueStorage } from './offline-unlock';
import { createAuth, type ActiveSession, type AuthDeps } from './session';
import { getSession, setSession, SIGNED_OUT } from './store';

const memoryStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

const answer: SignInResponse = {
  token: 'secret-token-123',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: '0190a1b2-0000-7000-8000-000000000001', workNumber: '1001', name: 'Wang Fang', role: 'agent', groupIds: [] },
  deskId: 'desk-1',
};

/** A desk answering sign-in for 1001 / right-password; `mode` decides how it behaves. */
const desk = () => {
  const state = { mode: 'up' as 'up' | 'down' | 'disabled' | 'gateway' };
  const fetch: FetchLike = async (_url, init) => {
    if (state.mode === 'down') throw new TypeError('fetch failed');
    if (state.mode === 'gateway') return new Response('Bad gateway', { status: 502 });
    const body = JSON.parse(String(init?.body)) as { workNumber: string; password: string };
    const json = (status: number, v: unknown) => new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });
    if (state.mode === 'disabled') return json(403, { error: { code: 'ACCOUNT_DISABLED', message: 'This account is disabled' } });
    if (body.workNumber !== '1001' || body.password !== 'right-password')
      return json(401, { error: { code: 'BAD_CREDENTIALS', message: 'Wrong work number or password' } });
    return json(200, answer);
  };
  return { state, fetch };
};

describe('offline verifier', () => {
  it('right password opens, wrong one fails, and nothing is stored in the clear', async () => {
    const record = await sealOffline('1001', 'right-password', answer);
    expect(record.iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    expect(JSON.stringify(record)).not.toContain('secret-token-123');
    expect(JSON.stringify(record)).not.toContain('Wang Fang');
    expect(await openOffline(record, 'right-password')).toEqual(ok(answer));
    const wrong = await openOffline(record, 'wrong-password');
    expect(!wrong.ok && wrong.error.code).toBe('BAD_CREDENTIALS');
    // Bound to the work number: a record moved under another number does not open.
    const moved = await openOffline({ ...record, workNumber: '1002' }, 'right-password');
    expect(moved.ok).toBe(false);
  });

  it('never uses fewer than 200,000 iterations and a fresh salt each time', async () => {
    const a = await sealOffline('1001', 'pw', answer, 1000);
    const b = await sealOffline('1001', 'pw', answer, 1000);
    expect(a.iterations).toBe(200_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
  });
});

describe('sign-in', () => {
  let persistent: ReturnType<typeof memoryStorage>;
  let session: ReturnType<typeof memoryStorage>;
  let started: ActiveSession[];
  let stopped: number;
  let server: ReturnType<typeof desk>;

  const auth = (over: Partial<AuthDeps> = {}) =>
    createAuth({
      fetch: server.fetch,
      serverUrl: () => 'http://desk.test',
      persistent,
      session,
      start: async (s) => {
        started.push(s);
        return ok(null);
      },
      stop: async () => {
        stopped++;
      },
      iterations: 200_000,
      ...over,
    });

  beforeEach(() => {
    persistent = memoryStorage();
    session = memoryStorage();
    started = [];
    stopped = 0;
    server = desk();
    setSession(SIGNED_OUT);
  });

  it('signs in online, keeps an offline verifier and the session, and starts sync', async () => {
    const r = await auth().signIn(' 1001 ', 'right-password');
    expect(r).toEqual(ok({ user: answer.user, deskId: 'desk-1', mode: 'online' }));
    expect(getSession()).toEqual({ state: 'signed_in', user: answer.user, deskId: 'desk-1', mode: 'online' });
    expect(started).toEqual([{ ...answer, mode: 'online' }]);
    expect(loadOfflineRecord(persistent, '1001')).not.toBeNull();
    expect(session.data.size).toBe(1);
  });

  it('passes the server refusal through and does not fall back to offline unlock', async () => {
    await auth().signIn('1001', 'right-password');
    const r = await auth().signIn('1001', 'wrong-password');
    expect(!r.ok && r.error).toEqual({ code: 'BAD_CREDENTIALS', message: 'Wrong work number or password' });
  });

  it('unlocks offline with the same password during an outage; a wrong password fails in plain words', async () => {
    const a = auth();
    await a.signIn('1001', 'right-password');
    await a.signOut();
    expect(getSession()).toEqual(SIGNED_OUT);
    expect(stopped).toBe(1);
    expect(loadOfflineRecord(persistent, '1001')).not.toBeNull(); // sign-out keeps the verifier

    server.state.mode = 'down';
    const wrong = await a.signIn('1001', 'wrong-password');
    expect(!wrong.ok && wrong.error.code).toBe('BAD_CREDENTIALS');
    expect(!wrong.ok && wrong.error.message).toMatch(/Wrong password/);
    expect(getSession().state).toBe('signed_out');

    const r = await a.signIn('1001', 'right-password');
    expect(r).toEqual(ok({ user: answer.user, deskId: 'desk-1', mode: 'offline' }));
    expect(getSession()).toMatchObject({ state: 'signed_in', mode: 'offline' });
    // The engine gets the decrypted token and keeps trying until the server is back.
    expect(started.at(-1)).toEqual({ ...answer, mode: 'offline' });

    server.state.mode = 'gateway'; // a proxy answering 502 while the desk is down counts as unreachable too
    expect((await a.signIn('1001', 'right-password')).ok).toBe(true);
  });

  it('says the first sign-in must be online when no verifier is stored', async () => {
    server.state.mode = 'down';
    const r = await auth().signIn('1001', 'right-password');
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
    expect(!r.ok && r.error.message).toMatch(/first sign-in must be online/);
  });

  it('forgets the offline verifier of a disabled account', async () => {
    await auth().signIn('1001', 'right-password');
    server.state.mode = 'disabled';
    const r = await auth().signIn('1001', 'right-password');
    expect(!r.ok && r.error.code).toBe('ACCOUNT_DISABLED');
    expect(loadOfflineRecord(persistent, '1001')).toBeNull();
    server.state.mode = 'down';
    expect((await auth().signIn('1001', 'right-password')).ok).toBe(false);
  });

  it('validates input before calling anyone', async () => {
    const r = await auth().signIn('', '');
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    expect(started).toHaveLength(0);
  });

  it('a reload restores the session of this browser session without the server', async () => {
    await auth().signIn('1001', 'right-password');
    setSession(SIGNED_OUT); // the page reloads: memory is gone, sessionStorage is not
    server.state.mode = 'down';
    expect(await auth().restoreSession()).toBe(true);
    expect(getSession()).toMatchObject({ state: 'signed_in', mode: 'online' });
    expect(started).toHaveLength(2);
    // A new browser session (empty sessionStorage) has nothing to restore.
    setSession(SIGNED_OUT);
    expect(await auth({ session: memoryStorage() }).restoreSession()).toBe(false);
  });

  it('does not sign in when the workstation cache cannot start', async () => {
    const r = await auth({ start: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'The local cache could not be opened' } }) }).signIn(
      '1001',
      'right-password',
    );
    expect(!r.ok && r.error.code).toBe('INTERNAL');
    expect(getSession()).toEqual(SIGNED_OUT);
    expect(session.data.size).toBe(0);
  });
});
