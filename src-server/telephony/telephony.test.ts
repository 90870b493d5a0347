/**
 * Telephony over real HTTP, on PGlite and PostgreSQL: the softphone config with ephemeral SIP
 * credentials (checked with the same algorithm Kamailio's auth_ephemeral uses), presence
 * (validation, history, the floor view, Offline when the last session ends) and Kamailio Ready
 * membership, sent as JSON-RPC to a fake Kamailio (a real HTTP server on 127.0.0.1).
 */
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../src-shared/result';
import { startServer } from '../app';
import { sessions } from '../db/schema';
import type { TelephonyConfigResponse } from '../http/routes/telephony';
import { createLogger } from '../log';
import { startFakeKamailio, type FakeKamailio } from '../testing/fake-kamailio';
import { KINDS, Station, apiOf, cleanupShared, startDesk, type TestDesk } from '../testing/harness';
import { verifyEphemeralCredential } from './credentials';
import type { Floor, PresenceState, StateRecord } from './presence';
import { DEFAULT_CREDENTIAL_TTL_S } from './settings';

type ErrorBody = { error: AppError };

const SECRET = 'test-secret-0123456789abcdef';
const DOMAIN = 'desk.firstline.test';
const WS = 'ws://127.0.0.1:5066';

afterAll(cleanupShared);

const report = (state: string, extra: Record<string, unknown> = {}, at = new Date()) => ({ state, at: at.toISOString(), ...extra });

describe.each(KINDS)('telephony and presence on %s', (kind) => {
  let desk: TestDesk;
  let kam: FakeKamailio;
  let a1: Station; // 1001 agent
  let ex: Station; // 2001 expert
  let sup: Station; // 9001 supervisor
  let adm: Station; // admin

  const readySync = () => desk.app.desk.readySync!;
  const settle = () => readySync().idle();
  const rpc = () => kam.calls.map(({ method, params }) => ({ method, params }));
  const post = (s: Station, body: unknown) => desk.api.call<PresenceState & ErrorBody>('POST', '/api/presence', { token: s.token, body });
  const config = (s: Station, query = '') => desk.api.call<TelephonyConfigResponse & ErrorBody>('GET', `/api/telephony/config${query}`, { token: s.token });
  const floor = async () => {
    const r = await desk.api.call<Floor>('GET', '/api/presence', { token: sup.token });
    expect(r.status).toBe(200);
    return r.body;
  };
  const stateOf = async (userId: string) => (await floor()).agents.find((a) => a.userId === userId)!;

  beforeAll(async () => {
    kam = await startFakeKamailio();
    desk = await startDesk(kind, {
      telephony: { wsUrl: WS, domain: DOMAIN, secret: SECRET, kamailioRpc: kam.url, readySync: { resyncMs: 0, retryBaseMs: 30, retryMaxMs: 100, timeoutMs: 1000 } },
      presenceSweepMs: 0,
    });
    [a1, ex, sup, adm] = await Promise.all([
      Station.signIn(desk.api, '1001', 'agent1001'),
      Station.signIn(desk.api, '2001', 'expert2001'),
      Station.signIn(desk.api, '9001', 'super9001'),
      Station.signIn(desk.api, 'admin', 'admin1234'),
    ]);
  });
  afterAll(async () => {
    await desk?.close();
    await kam?.close();
  });
  beforeEach(async () => {
    if (desk) await settle();
    kam?.reset();
  });

  describe('GET /api/telephony/config', () => {
    it('answers 404 NOT_FOUND when the desk has no telephony (and presence still works)', async () => {
      const bare = await startServer({ database: { handle: desk.app.desk.handle }, seed: false, staticDir: null, logger: createLogger({ level: 'silent' }), port: 0, presenceSweepMs: 0 });
      try {
        const api = apiOf(bare.url);
        const r = await api.call<ErrorBody>('GET', '/api/telephony/config', { token: a1.token });
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('NOT_FOUND');
        expect((await api.call<ErrorBody>('GET', '/api/telephony/config')).status).toBe(401);
        const p = await api.call<PresenceState>('POST', '/api/presence', { token: ex.token, body: report('not_ready', { reason: 'signed_in' }) });
        expect(p.status).toBe(200);
        expect(p.body).toMatchObject({ userId: ex.userId, state: 'not_ready', reason: 'signed_in' });
      } finally {
        await bare.app.close();
      }
      expect(kam.calls).toEqual([]); // not Ready: nothing for Kamailio, and that server has no RPC anyway
    });

    it('issues the caller an auth_ephemeral credential for their own SIP user, with the right expiry', async () => {
      const before = Math.floor(Date.now() / 1000);
      const r = await config(a1);
      const after = Math.floor(Date.now() / 1000);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      const c = r.body;
      expect(c).toEqual({
        wsUrl: WS,
        aor: `sip:${a1.userId}@${DOMAIN}`,
        displayName: a1.session.user.name,
        iceServers: [],
        queues: [
          { number: '8000', name: 'General', nameZh: '综合' },
          { number: '8001', name: 'Consultations', nameZh: '咨询' },
        ],
        credentials: { username: expect.stringMatching(/^\d+:/), password: expect.any(String), expiresAt: expect.any(String) },
      });
      const [stamp, user] = c.credentials.username.split(':') as [string, string];
      expect(user).toBe(a1.userId);
      expect(Number(stamp)).toBeGreaterThanOrEqual(before + DEFAULT_CREDENTIAL_TTL_S);
      expect(Number(stamp)).toBeLessThanOrEqual(after + DEFAULT_CREDENTIAL_TTL_S);
      expect(c.credentials.expiresAt).toBe(new Date(Number(stamp) * 1000).toISOString());
      // what Kamailio computes: base64(HMAC-SHA1(secret, username))
      expect(c.credentials.password).toBe(createHmac('sha1', SECRET).update(c.credentials.username).digest('base64'));
      expect(verifyEphemeralCredential(SECRET, c.credentials.username, c.credentials.password, Date.now())).toEqual({ ok: true, user: a1.userId, expiresAt: Number(stamp) });
      expect(verifyEphemeralCredential('another-secret', c.credentials.username, c.credentials.password, Date.now())).toEqual({ ok: false, reason: 'bad-signature' });
    });

    it("never gives anyone another person's credentials", async () => {
      const mine = await config(a1, `?userId=${a1.userId}`);
      expect(mine.status).toBe(200);
      const other = await config(a1, `?userId=${ex.userId}`);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
      const theirs = await config(ex);
      expect(theirs.status).toBe(200);
      expect(theirs.body.aor).toBe(`sip:${ex.userId}@${DOMAIN}`);
      expect(theirs.body.credentials.username.split(':')[1]).toBe(ex.userId);
      expect(mine.body.credentials.username.split(':')[1]).toBe(a1.userId);
      // a1's password does not sign ex's username
      expect(verifyEphemeralCredential(SECRET, theirs.body.credentials.username, mine.body.credentials.password, Date.now())).toEqual({ ok: false, reason: 'bad-signature' });
      const admin = await config(adm);
      expect(admin.status).toBe(403);
      expect((await desk.api.call<ErrorBody>('GET', '/api/telephony/config')).body.error.code).toBe('UNAUTHENTICATED');
    });

    it('never issues credentials that outlive the session', async () => {
      const short = await startServer({
        database: { handle: desk.app.desk.handle },
        seed: false,
        staticDir: null,
        logger: createLogger({ level: 'silent' }),
        port: 0,
        sessionTtlMs: 600_000,
        presenceSweepMs: 0,
        telephony: { wsUrl: WS, secret: SECRET, credentialTtlSeconds: '3600', iceServers: '[{"urls":"turn:127.0.0.1:3478","username":"u","credential":"turn-pass-1"}]' },
      });
      try {
        const api = apiOf(short.url);
        const s = await api.signIn('1002', 'agent1002');
        const r = await api.call<TelephonyConfigResponse>('GET', '/api/telephony/config', { token: s.token });
        expect(r.status).toBe(200);
        expect(r.body.aor).toBe(`sip:${s.user.id}@127.0.0.1`); // domain defaults to the WebSocket host
        expect(r.body.iceServers).toEqual([{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'turn-pass-1' }]);
        expect(Date.parse(r.body.credentials.expiresAt)).toBeLessThanOrEqual(Date.parse(s.expiresAt));
        expect(Date.parse(r.body.credentials.expiresAt)).toBeGreaterThan(Date.now() + 590_000);
        await api.call('POST', '/api/auth/sign-out', { token: s.token });
      } finally {
        await short.app.close();
      }
    });
  });

  describe('POST /api/presence', () => {
    it('validates the report: 400 VALIDATION_FAILED with the field', async () => {
      const cases: [unknown, string][] = [
        [{ state: 'ready' }, 'at'],
        [report('lunch'), 'state'],
        [report('not_ready'), 'reason'],
        [{ state: 'ready', at: 'yesterday' }, 'at'],
        [report('on_call', { next: { state: 'not_ready' } }), 'next.reason'],
        [report('ready', { telephony: 'sideways' }), 'telephony'],
        [report('not_ready', { reason: 'x'.repeat(65) }), 'reason'],
      ];
      for (const [body, path] of cases) {
        const r = await post(a1, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
        expect((r.body.error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
      }
      const bad = await desk.api.call<ErrorBody>('POST', '/api/presence', { token: a1.token, raw: '{"state":' });
      expect(bad.body.error.code).toBe('BAD_JSON');
      expect((await post(adm, report('ready'))).status).toBe(403);
      expect((await desk.api.call<ErrorBody>('POST', '/api/presence', { body: report('ready') })).status).toBe(401);
    });

    it('keeps every change for reports and the latest as the current state', async () => {
      const t0 = Date.now() - 60_000;
      const at = (s: number) => new Date(t0 + s * 1000);
      const steps = [
        report('not_ready', { reason: 'signed_in', telephony: 'up' }, at(0)),
        report('ready', { telephony: 'up' }, at(5)),
        report('on_call', { telephony: 'up', next: { state: 'not_ready', reason: 'meal' } }, at(10)),
        report('after_call_work', { telephony: 'up', next: { state: 'not_ready', reason: 'meal' }, until: at(50).toISOString() }, at(20)),
        report('not_ready', { reason: 'meal', telephony: 'up', next: null }, at(30)),
      ];
      for (const s of steps) {
        expect((await post(a1, s)).status).toBe(200);
        await settle(); // (wishes for one key made faster than Kamailio answers are coalesced: the latest wins)
      }
      // a resend of the same report is not stored twice; a late one is stored but not current
      const again = await post(a1, steps[4]);
      expect(again.body).toMatchObject({ state: 'not_ready', reason: 'meal', since: at(30).toISOString(), source: 'agent' });
      const late = await post(a1, report('ready', { telephony: 'up' }, at(25)));
      expect(late.status).toBe(200);
      expect(late.body).toMatchObject({ state: 'not_ready', reason: 'meal', since: at(30).toISOString() });

      const h = await desk.api.call<StateRecord[]>('GET', `/api/presence/history?userId=${a1.userId}&from=${encodeURIComponent(at(0).toISOString())}`, { token: sup.token });
      expect(h.status).toBe(200);
      expect(h.body.map((r) => [r.state, r.reason, r.at])).toEqual([
        ['ready', null, at(25).toISOString()],
        ['not_ready', 'meal', at(30).toISOString()],
        ['after_call_work', null, at(20).toISOString()],
        ['on_call', null, at(10).toISOString()],
        ['ready', null, at(5).toISOString()],
        ['not_ready', 'signed_in', at(0).toISOString()],
      ]);
      expect(h.body[2]).toMatchObject({ userId: a1.userId, until: at(50).toISOString(), next: { state: 'not_ready', reason: 'meal' }, telephony: 'up', source: 'agent' });
      expect(Date.parse(h.body[0]!.receivedAt)).toBeGreaterThan(t0 + 50_000);
      const page = await desk.api.call<StateRecord[]>('GET', `/api/presence/history?userId=${a1.userId}&limit=2&before=${h.body[1]!.id}`, { token: sup.token });
      expect(page.body.map((r) => r.state)).toEqual(['after_call_work', 'on_call']);
      expect((await desk.api.call<ErrorBody>('GET', '/api/presence/history', { token: a1.token })).status).toBe(403);

      // Kamailio followed: in at 5 s, out at 10 s (the late Ready never became current)
      await settle();
      const key = (q: string) => `${q}:${a1.userId}`;
      expect(rpc()).toEqual([
        { method: 'htable.sets', params: ['ready', key('8000'), '1'] },
        { method: 'htable.sets', params: ['ready', key('8001'), '1'] },
        { method: 'htable.delete', params: ['ready', key('8000')] },
        { method: 'htable.delete', params: ['ready', key('8001')] },
      ]);
    });

    it("accepts the workstation's own report shape ({status, since, requested, telephony})", async () => {
      const since = new Date().toISOString();
      const r = await post(ex, { status: { name: 'on_call' }, since, requested: { name: 'not_ready', reason: 'training' }, telephony: 'up' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ state: 'on_call', since, next: { state: 'not_ready', reason: 'training' }, telephony: 'up' });
      const bad = await post(ex, { status: { name: 'not_ready' }, since, requested: null, telephony: 'up' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /api/presence (the floor)', () => {
    it('shows supervisors and admins every agent with their state and since when; others get 403', async () => {
      const at = new Date(Date.now() - 5000);
      await post(sup, report('not_ready', { reason: 'meeting' }, at));
      const f = await floor();
      expect(Math.abs(Date.parse(f.at) - Date.now())).toBeLessThan(5000);
      expect(f.agents.map((a) => a.workNumber)).toEqual(['1001', '1002', '2001', '9001']);
      expect(f.agents.find((a) => a.workNumber === '9001')).toMatchObject({ userId: sup.userId, role: 'supervisor', state: 'not_ready', reason: 'meeting', since: at.toISOString() });
      const never = f.agents.find((a) => a.workNumber === '1002')!;
      expect(never).toMatchObject({ state: 'offline', since: null, reason: null, name: expect.any(String), role: 'agent' });
      expect((await desk.api.call('GET', '/api/presence', { token: adm.token })).status).toBe(200);
      for (const s of [a1, ex]) {
        const r = await desk.api.call<ErrorBody>('GET', '/api/presence', { token: s.token });
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('Kamailio Ready membership (JSON-RPC)', () => {
    it('Ready → htable.sets for each queue of the role; Not Ready → htable.delete, with the exact JSON-RPC bodies', async () => {
      expect((await post(ex, report('ready'))).status).toBe(200);
      await settle();
      expect(kam.calls).toEqual([{ jsonrpc: '2.0', method: 'htable.sets', params: ['ready', `8000:${ex.userId}`, '1'], id: expect.any(Number) }]); // experts: general only
      expect(kam.ready()).toEqual([`8000:${ex.userId}`]);
      expect((await post(ex, report('on_call'))).status).toBe(200);
      expect((await post(ex, report('after_call_work'))).status).toBe(200); // still not Ready: no call
      await settle();
      expect(kam.calls.slice(1)).toEqual([{ jsonrpc: '2.0', method: 'htable.delete', params: ['ready', `8000:${ex.userId}`], id: expect.any(Number) }]);
      expect(kam.ready()).toEqual([]);
    });

    it('answers at once while Kamailio is down and retries until it takes the change', async () => {
      kam.failNext(3, 'drop');
      const t = Date.now();
      const r = await post(a1, report('ready'));
      expect(r.status).toBe(200);
      expect(Date.now() - t).toBeLessThan(1000);
      await kam.waitFor('the Ready keys', () => kam.ready().length === 2);
      expect(kam.ready()).toEqual([`8000:${a1.userId}`, `8001:${a1.userId}`]);
      expect(kam.calls.filter((c) => c.method === 'htable.sets' && c.params[1] === `8000:${a1.userId}`).length).toBe(4); // 3 failures, then ok
      kam.failNext(2, 'http-503');
      await post(a1, report('not_ready', { reason: 'break' }));
      await kam.waitFor('the keys gone', () => kam.ready().length === 0);
      await settle();
      expect(readySync().pending()).toBe(0);
    });

    it('resync corrects what Kamailio lost or kept wrongly, and leaves other queues alone', async () => {
      await post(a1, report('ready'));
      await settle();
      kam.reset(); // as after a Kamailio restart: the htable is empty…
      kam.tables.get('ready')!.set(`8001:ghost-user`, '1'); // …or holds a seat nobody Ready owns
      kam.tables.get('ready')!.set(`9999:someone`, '1'); // not a desk queue
      await readySync().resync();
      await settle();
      expect(kam.ready()).toEqual([`8000:${a1.userId}`, `8001:${a1.userId}`, '9999:someone']);
      expect(rpc()).toEqual([
        { method: 'htable.dump', params: ['ready'] },
        { method: 'htable.sets', params: ['ready', `8000:${a1.userId}`, '1'] },
        { method: 'htable.sets', params: ['ready', `8001:${a1.userId}`, '1'] },
        { method: 'htable.delete', params: ['ready', '8001:ghost-user'] },
      ]);
      await post(a1, report('not_ready', { reason: 'break' }));
    });
  });

  describe('Offline when the session ends', () => {
    it('sign-out of the last session → Offline (server) and out of the queues; another live session keeps the state', async () => {
      const s1 = await Station.signIn(desk.api, '1002', 'agent1002');
      const s2 = await Station.signIn(desk.api, '1002', 'agent1002');
      expect((await post(s1, report('ready'))).status).toBe(200);
      await settle();
      expect(kam.ready()).toEqual([`8000:${s1.userId}`, `8001:${s1.userId}`]);
      await desk.api.call('POST', '/api/auth/sign-out', { token: s1.token });
      expect(await stateOf(s1.userId)).toMatchObject({ state: 'ready' });
      await desk.api.call('POST', '/api/auth/sign-out', { token: s2.token });
      const now = await stateOf(s1.userId);
      expect(now).toMatchObject({ state: 'offline', reason: 'signed_out', source: 'server' });
      expect(Math.abs(Date.parse(now.since!) - Date.now())).toBeLessThan(5000);
      await settle();
      expect(kam.ready()).toEqual([]);
      expect(rpc().slice(-2)).toEqual([
        { method: 'htable.delete', params: ['ready', `8000:${s1.userId}`] },
        { method: 'htable.delete', params: ['ready', `8001:${s1.userId}`] },
      ]);
    });

    it('expired sessions are swept to Offline; deactivation sets Offline at once', async () => {
      const s = await Station.signIn(desk.api, '1002', 'agent1002');
      await post(s, report('not_ready', { reason: 'break' }));
      await desk.app.desk.handle.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, s.userId));
      expect(await desk.app.desk.presence.sweep()).toBe(1);
      expect(await stateOf(s.userId)).toMatchObject({ state: 'offline', reason: 'session_ended', source: 'server' });
      expect(await desk.app.desk.presence.sweep()).toBe(0);

      const created = await desk.api.call<{ id: string }>('POST', '/api/admin/users', {
        token: adm.token,
        body: { workNumber: '1077', name: 'Temp Agent', role: 'agent', password: 'temp-agent-1077', groupIds: [] },
      });
      expect(created.status).toBe(201);
      const temp = await Station.signIn(desk.api, '1077', 'temp-agent-1077');
      await post(temp, report('ready'));
      await settle();
      expect(kam.ready()).toContain(`8000:${temp.userId}`);
      expect((await desk.api.call('POST', `/api/admin/users/${temp.userId}/deactivate`, { token: adm.token })).status).toBe(200);
      const h = await desk.api.call<StateRecord[]>('GET', `/api/presence/history?userId=${temp.userId}`, { token: sup.token });
      expect(h.body[0]).toMatchObject({ state: 'offline', reason: 'deactivated', source: 'server' });
      await settle();
      expect(kam.ready().filter((k) => k.endsWith(temp.userId))).toEqual([]);
    });
  });
});
