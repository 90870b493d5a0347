/**
 * Integration tests of the desk server over real HTTP, run against PGlite and a real
 * PostgreSQL (a throwaway cluster; missing PostgreSQL binaries fail the run, never skip it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DirectoryUser, Group } from '../src-shared/desk/directory';
import { newId } from '../src-shared/ids';
import type { AppError } from '../src-shared/result';
import type { Change, MutationResult, PullResponse } from '../src-shared/sync/protocol';
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../src-shared/ticket/model';
import { startServer } from './app';
import { createLogger } from './log';
import { pruneTombstones } from './sync/pull';
import { KINDS, Station, apiOf, newDatabase, startDesk, cleanupShared, type TestDesk } from './testing/harness';

type Detail = { ticket: Ticket; worklog: WorklogEntry[]; history: HistoryEntry[]; conflicts: Conflict[] };
type ErrorBody = { error: AppError };

afterAll(cleanupShared);

const puts = <E extends Change['entity']>(changes: Change[], entity: E) =>
  changes.filter((c): c is Extract<Change, { entity: E; op: 'put' }> => c.entity === entity && c.op === 'put').map((c) => c.row);
const deletes = (changes: Change[], entity: Change['entity']) => changes.filter((c) => c.entity === entity && c.op === 'delete').map((c) => (c as { id: string }).id);
const ticketIds = (changes: Change[]) => puts(changes, 'ticket').map((t) => (t as Ticket).id);

/** Opens the poke socket and collects its messages. */
const openSocket = (url: string, token: string) =>
  new Promise<{ ws: WebSocket; pokes: number[]; waitFor: (v: number) => Promise<void> }>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/sync/ws?token=${encodeURIComponent(token)}`);
    const pokes: number[] = [];
    const waiters: { v: number; done: () => void }[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; version: number };
      if (msg.type !== 'poke') return;
      pokes.push(msg.version);
      for (const w of waiters.filter((x) => msg.version >= x.v)) w.done();
    });
    ws.once('open', () =>
      resolve({
        ws,
        pokes,
        waitFor: (v) =>
          new Promise<void>((done, fail) => {
            if (pokes.some((p) => p >= v)) return done();
            const t = setTimeout(() => fail(new Error(`no poke ≥ ${v} (got ${pokes.join(',')})`)), 5000);
            waiters.push({ v, done: () => (clearTimeout(t), done()) });
          }),
      }),
    );
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

describe.each(KINDS)('desk server on %s', (kind) => {
  let desk: TestDesk;
  let a1: Station; // 1001 agent, L1
  let a2: Station; // 1002 agent, L1
  let ex: Station; // 2001 expert, L1 expert
  let sup: Station; // 9001 supervisor
  let adm: Station; // admin
  const g: Record<string, string> = {};
  const users: Record<string, DirectoryUser> = {};

  beforeAll(async () => {
    desk = await startDesk(kind);
    [a1, a2, ex, sup, adm] = await Promise.all([
      Station.signIn(desk.api, '1001', 'agent1001'),
      Station.signIn(desk.api, '1002', 'agent1002'),
      Station.signIn(desk.api, '2001', 'expert2001'),
      Station.signIn(desk.api, '9001', 'super9001'),
      Station.signIn(desk.api, 'admin', 'admin1234'),
    ]);
    const first = await adm.pull(0);
    for (const grp of puts(first.changes, 'group') as Group[]) g[grp.name] = grp.id;
    for (const u of puts(first.changes, 'user') as DirectoryUser[]) users[u.workNumber] = u;
  });
  afterAll(async () => desk?.close());

  it('answers health with the database kind and the package version', async () => {
    const r = await desk.api.call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, db: kind, version: '0.1.0' });
  });

  it('signs in, tells who is signed in, refuses bad credentials and signs out', async () => {
    expect(a1.session.user).toMatchObject({ workNumber: '1001', role: 'agent', groupIds: [g.L1] });
    expect(a1.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await desk.api.call<{ user: { id: string }; deskId: string }>('GET', '/api/me', { token: a1.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(a1.userId);
    expect(me.body.deskId).toBe(a1.session.deskId);

    const wrong = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { body: { workNumber: '1001', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('BAD_CREDENTIALS');
    const unknown = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { body: { workNumber: '7777', password: 'whatever1' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('BAD_CREDENTIALS');

    const noToken = await desk.api.call<ErrorBody>('GET', '/api/me');
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('UNAUTHENTICATED');

    const extra = await Station.signIn(desk.api, '1001', 'agent1001');
    expect((await desk.api.call('POST', '/api/auth/sign-out', { token: extra.token })).status).toBe(200);
    const after = await desk.api.call<ErrorBody>('GET', '/api/me', { token: extra.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad JSON, missing fields and unknown endpoints with stable error codes', async () => {
    const bad = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { raw: '{"workNumber": "1001",' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: 'BAD_JSON', message: expect.any(String) } });

    const missing = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { body: { workNumber: '1001' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.details).toEqual({ issues: [expect.objectContaining({ path: 'password' })] });

    const pushNoClient = await desk.api.call<ErrorBody>('POST', '/api/sync/push', { body: { mutations: [] }, token: a1.token });
    expect(pushNoClient.status).toBe(400);
    expect(pushNoClient.body.error.code).toBe('VALIDATION_FAILED');
    // A push is validated while its session is looked up, but a request without a valid session
    // is answered 401 whatever its body (bad or good), and nothing of it is stored.
    for (const token of [undefined, 'not-a-token']) {
      for (const body of [{ mutations: [] }, { clientId: newId(), mutations: [{ id: newId(), clientId: newId(), seq: 1 }] }]) {
        const anon = await desk.api.call<ErrorBody>('POST', '/api/sync/push', { body, ...(token ? { token } : {}) });
        expect(anon.status).toBe(401);
        expect(anon.body.error.code).toBe('UNAUTHENTICATED');
      }
    }

    const pullBad = await desk.api.call<ErrorBody>('POST', '/api/sync/pull', { body: { cursor: -1 }, token: a1.token });
    expect(pullBad.status).toBe(400);
    expect(pullBad.body.error.code).toBe('VALIDATION_FAILED');

    const media = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { raw: 'workNumber=1001', contentType: 'text/plain' });
    expect(media.status).toBe(415);
    expect(media.body.error.code).toBe('BAD_JSON');

    const nowhere = await desk.api.call<ErrorBody>('GET', '/api/nowhere', { token: a1.token });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('NOT_FOUND');
  });

  it('applies a createTicket, numbers it and records its history', async () => {
    const ticketId = newId();
    const res = await a1.pushOk(a1.createTicket(g.L1!, { subject: 'VPN down' }, ticketId));
    expect(res.results).toEqual([{ seq: a1.seq, mutationId: expect.any(String), duplicate: false, status: 'applied' }]);
    expect(res.lastSeq).toBe(a1.seq);
    const d = await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a1.token });
    expect(d.status).toBe(200);
    expect(d.body.ticket).toMatchObject({ id: ticketId, subject: 'VPN down', status: 'assigned', groupId: g.L1, createdBy: a1.userId, priority: 'P3' });
    expect(d.body.ticket.number).toBeGreaterThan(0);
    expect(d.body.ticket.version).toBe(res.version);
    expect(d.body.history).toEqual([expect.objectContaining({ field: 'created', userId: a1.userId, version: res.version })]);
    const list = await desk.api.call<Ticket[]>('GET', '/api/tickets?status=assigned', { token: a1.token });
    expect(list.body.map((t) => t.id)).toContain(ticketId);
  });

  it('answers a resent mutation with its stored result and applies it only once', async () => {
    const ticketId = newId();
    const create = a1.mutation(a1.createTicket(g.L1!, { subject: 'Once only' }, ticketId));
    const note = a1.mutation({ kind: 'addNote', ticketId, noteId: newId(), body: 'called back' });
    const first = await a1.push(create, note);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.status, r.duplicate])).toEqual([
      ['applied', false],
      ['applied', false],
    ]);

    const again = await a1.push(create, note);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual(first.body.results.map((r) => ({ ...r, duplicate: true })));
    expect(again.body.lastSeq).toBe(note.seq);

    // A duplicate and a new mutation in one push.
    const next = a1.mutation({ kind: 'escalate', ticketId, level: 1 });
    const mixed = await a1.push(note, next);
    expect(mixed.body.results.map((r) => [r.seq, r.status, r.duplicate])).toEqual([
      [note.seq, 'applied', true],
      [next.seq, 'applied', false],
    ]);

    const d = await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a1.token });
    expect(d.body.worklog).toHaveLength(1);
    expect(d.body.history.filter((h) => h.field === 'created')).toHaveLength(1);
    expect(d.body.ticket.escalationLevel).toBe(1);
  });

  it('keeps exactly-once and commit-ordered versions under concurrent pushes', async () => {
    const ticketId = newId();
    await a1.pushOk(a1.createTicket(g.L1!, { subject: 'Busy ticket' }, ticketId));
    const stations = await Promise.all([
      Station.signIn(desk.api, '1001', 'agent1001'),
      Station.signIn(desk.api, '1002', 'agent1002'),
      Station.signIn(desk.api, '9001', 'super9001'),
    ]);
    const note = (s: Station) => s.mutation({ kind: 'addNote', ticketId, noteId: newId(), body: `from ${s.session.user.workNumber}` });
    // Each station pushes 4 notes, one push at a time per station, all stations at once;
    // every push is also sent twice at the same moment (a retry racing the original).
    const answers = await Promise.all(
      stations.map(async (s) => {
        const out = [];
        for (let i = 0; i < 4; i++) {
          const m = note(s);
          out.push(...(await Promise.all([s.push(m), s.push(m)])));
        }
        return out;
      }),
    );
    const results = answers.flat().map((r) => {
      expect(r.status).toBe(200);
      return r.body.results[0]!;
    });
    expect(results.filter((r) => !r.duplicate)).toHaveLength(12);
    expect(results.filter((r) => r.duplicate)).toHaveLength(12);
    expect(results.every((r) => r.status === 'applied')).toBe(true);

    const d = await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: sup.token });
    expect(d.body.worklog).toHaveLength(12);
    expect(new Set(d.body.worklog.map((w) => w.version)).size).toBe(12);
  });

  it('stops at a seq gap and tells where to resume', async () => {
    const s = await Station.signIn(desk.api, '1002', 'agent1002');
    const first = s.mutation(s.createTicket(g.L1!));
    s.seq += 3; // seqs 2..4 "lost"
    const far = s.mutation(s.createTicket(g.L1!));
    const gap = await s.push(far);
    expect(gap.status).toBe(409);
    expect((gap.body as unknown as ErrorBody).error).toMatchObject({ code: 'SEQ_GAP', details: { lastSeq: 0 } });

    const partial = await s.push(first, far);
    expect(partial.status).toBe(200);
    expect(partial.body.results.map((r) => r.seq)).toEqual([1]);
    expect(partial.body.lastSeq).toBe(1);
  });

  it('rejects an invalid or unknown-touchpoint mutation on its own and applies the next one', async () => {
    const bad = a1.mutation(a1.createTicket(g.L1!, { email: 'not-an-email' }));
    const unknownTp = a1.mutation(a1.createTicket(g.L1!, { touchpoint: 'ZZ4001' }));
    const good = a1.mutation(a1.createTicket(g.L1!, { subject: 'after the bad ones' }));
    const r = await a1.push(bad, unknownTp, good);
    expect(r.status).toBe(200);
    const [rb, ru, rg] = r.body.results as [MutationResult, MutationResult, MutationResult];
    expect(rb).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(rb)).toContain('fields.email');
    expect(ru).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_TOUCHPOINT' } });
    expect(rg).toMatchObject({ status: 'applied' });
    expect(r.body.lastSeq).toBe(good.seq);
    const missing = await desk.api.call<ErrorBody>('GET', `/api/tickets/${bad.ticketId}`, { token: a1.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('TICKET_NOT_FOUND');
    // The rejection is stored too: resending answers it again.
    const again = await a1.push(bad);
    expect(again.body.results[0]).toMatchObject({ status: 'rejected', duplicate: true, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses a client id that belongs to another user', async () => {
    const m = a1.mutation(a1.createTicket(g.L1!));
    const r = await desk.api.call<ErrorBody>('POST', '/api/sync/push', { body: { clientId: a1.clientId, mutations: [m] }, token: a2.token });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    a1.seq -= 1;
  });

  it('rejects an illegal status move with INVALID_TRANSITION', async () => {
    const ticketId = newId();
    await a1.pushOk(a1.createTicket(null, {}, ticketId));
    const r = await a1.pushOk({ kind: 'changeStatus', ticketId, to: 'closed' }, { kind: 'changeStatus', ticketId, to: 'resolved' });
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'INVALID_TRANSITION', details: { from: 'new', to: 'closed' } } });
    expect(r.results[1]).toMatchObject({ status: 'applied' });
  });

  it('opens a conflict on concurrent reassignment, shows it to both and the supervisor, and closes it on resolveConflict', async () => {
    const ticketId = newId();
    await a1.pushOk(a1.createTicket(g.L1!, { subject: 'Contested' }, ticketId));
    const seen = (await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a2.token })).body.ticket;
    const base = seen.fieldVersions;

    const firstMove = await a1.pushOk({ kind: 'assign', ticketId, groupId: g['L2 Network']!, assigneeId: null, base });
    expect(firstMove.results[0]).toMatchObject({ status: 'applied' });
    const secondMove = await a2.pushOk({ kind: 'assign', ticketId, groupId: g['L2 Desktop']!, assigneeId: null, base });
    const result = secondMove.results[0]!;
    expect(result.status).toBe('conflict');
    const conflictId = (result as { conflictId: string }).conflictId;

    const conflictsOf = async (s: Station) => puts((await s.pull(0)).changes, 'conflict').filter((c) => (c as Conflict).id === conflictId) as Conflict[];
    for (const s of [a1, a2, sup]) expect(await conflictsOf(s)).toEqual([expect.objectContaining({ status: 'open', participants: expect.arrayContaining([a1.userId, a2.userId]) })]);
    expect(await conflictsOf(ex)).toEqual([]);

    const d = await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: sup.token });
    expect(d.body.ticket.groupId).toBe(g['L2 Desktop']);
    expect(d.body.history.filter((h) => h.field === 'assignment').map((h) => h.concurrent)).toEqual([false, true]);

    const outsider = await ex.pushOk({ kind: 'resolveConflict', ticketId, conflictId, choice: { groupId: g['L2 Network']!, assigneeId: null } });
    expect(outsider.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    const resolved = await sup.pushOk({ kind: 'resolveConflict', ticketId, conflictId, choice: { groupId: g['L2 Network']!, assigneeId: null } });
    expect(resolved.results[0]).toMatchObject({ status: 'applied' });
    expect(await conflictsOf(a2)).toEqual([expect.objectContaining({ status: 'resolved', resolvedBy: sup.userId, resolution: { groupId: g['L2 Network'], assigneeId: null } })]);
    const twice = await a1.pushOk({ kind: 'resolveConflict', ticketId, conflictId, choice: { groupId: g.L1!, assigneeId: null } });
    expect(twice.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT_CLOSED' } });
  });

  it('scopes pull: an L1 agent does not see an L2-only ticket made by someone else', async () => {
    const ticketId = newId();
    await ex.pushOk(ex.createTicket(g['L2 Network']!, { subject: 'Core switch' }, ticketId));
    expect(ticketIds((await a1.pull(0)).changes)).not.toContain(ticketId);
    expect(ticketIds((await ex.pull(0)).changes)).toContain(ticketId);
    expect(ticketIds((await sup.pull(0)).changes)).toContain(ticketId);
    const forbidden = await a1.pushOk({ kind: 'addNote', ticketId, noteId: newId(), body: 'peek' });
    expect(forbidden.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    expect((await desk.api.call('GET', `/api/tickets/${ticketId}`, { token: a1.token })).status).toBe(404);
  });

  it('sends a delete tombstone to those a reassignment takes a ticket from, and the old worklog to those it brings it to', async () => {
    const ticketId = newId();
    await a1.pushOk(a1.createTicket(g.L1!, { subject: 'Moves around' }, ticketId));
    await a1.pushOk({ kind: 'addNote', ticketId, noteId: newId(), body: 'first note' });
    const a2Before = await a2.pull(0);
    expect(ticketIds(a2Before.changes)).toContain(ticketId);
    const exBefore = await ex.pull(0);
    expect(ticketIds(exBefore.changes)).not.toContain(ticketId);

    const seen = (await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a1.token })).body.ticket;
    await a1.pushOk({ kind: 'assign', ticketId, groupId: g['L1 expert']!, assigneeId: null, base: seen.fieldVersions });

    const a2After = await a2.pull(a2Before.cursor);
    expect(deletes(a2After.changes, 'ticket')).toContain(ticketId);
    expect(ticketIds(a2After.changes)).not.toContain(ticketId);
    const a1After = await a1.pull(a2Before.cursor);
    expect(ticketIds(a1After.changes)).toContain(ticketId); // the creator keeps it
    expect(deletes(a1After.changes, 'ticket')).not.toContain(ticketId);

    const exAfter = await ex.pull(exBefore.cursor);
    expect(ticketIds(exAfter.changes)).toContain(ticketId);
    expect((puts(exAfter.changes, 'worklog') as WorklogEntry[]).map((w) => w.body)).toContain('first note');
    expect((puts(exAfter.changes, 'history') as HistoryEntry[]).some((h) => h.ticketId === ticketId && h.field === 'created')).toBe(true);
  });

  it('pages pulls without splitting a version and resets a cursor from elsewhere', async () => {
    const s = new Station(desk.api, sup.session);
    const whole = await s.pull(0, 1000);
    expect(whole.hasMore).toBe(false);
    const paged = await s.pullAll(3);
    const key = (c: Change) => `${c.entity}:${c.op}:${'row' in c ? ('id' in c.row ? c.row.id : 'settings') : c.id}`;
    expect(new Set(paged.map(key))).toEqual(new Set(whole.changes.map(key)));
    expect(s.cursor).toBe(whole.cursor);

    const reset = await sup.pull(whole.cursor + 1000);
    expect(reset).toEqual({ changes: [], cursor: 0, hasMore: false, reset: true } satisfies PullResponse);
    const fresh = await sup.pull(whole.cursor);
    expect(fresh.reset).toBe(false);
  });

  it('answers reset to a cursor older than the oldest kept tombstone', async () => {
    const ticketId = newId();
    await a1.pushOk(a1.createTicket(g.L1!, {}, ticketId));
    const seen = (await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a1.token })).body.ticket;
    const old = await a2.pull(0);
    await a1.pushOk({ kind: 'assign', ticketId, groupId: g.L3!, assigneeId: null, base: seen.fieldVersions });
    const { minCursor } = await pruneTombstones(desk.app.desk.handle.db, new Date(Date.now() + 1000));
    expect(minCursor).toBeGreaterThan(old.cursor);
    expect((await a2.pull(old.cursor)).reset).toBe(true);
    expect((await a2.pull(minCursor)).reset).toBe(false);
    expect((await a2.pull(0)).reset).toBe(false);
  });

  it('keeps admin endpoints to admins and bumps the desk version for their changes', async () => {
    const body = { workNumber: '3001', name: '周杰 Zhou Jie', role: 'agent', password: 'agent3001', groupIds: [g.L1] };
    const asAgent = await desk.api.call<ErrorBody>('POST', '/api/admin/users', { body, token: a1.token });
    expect(asAgent.status).toBe(403);
    expect(asAgent.body.error.code).toBe('FORBIDDEN');
    for (const [method, path] of [
      ['GET', '/api/admin/audit'],
      ['PUT', '/api/admin/settings/priority-matrix'],
      ['POST', `/api/admin/users/${a2.userId}/deactivate`],
    ] as const) {
      const r = await desk.api.call<ErrorBody>(method, path, { body: method === 'GET' ? undefined : {}, token: sup.token });
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }

    const before = await a1.pull(0);
    const created = await desk.api.call<DirectoryUser>('POST', '/api/admin/users', { body, token: adm.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ workNumber: '3001', role: 'agent', active: true, groupIds: [g.L1] });
    const taken = await desk.api.call<ErrorBody>('POST', '/api/admin/users', { body, token: adm.token });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('WORK_NUMBER_TAKEN');
    const badGroup = await desk.api.call<ErrorBody>('POST', '/api/admin/users', { body: { ...body, workNumber: '3002', groupIds: [newId()] }, token: adm.token });
    expect(badGroup.body.error.code).toBe('UNKNOWN_GROUP');
    const shortPw = await desk.api.call<ErrorBody>('POST', '/api/admin/users', { body: { ...body, workNumber: '3003', password: 'short' }, token: adm.token });
    expect([shortPw.status, shortPw.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);

    const after = await a1.pull(before.cursor);
    expect((puts(after.changes, 'user') as DirectoryUser[]).map((u) => u.workNumber)).toEqual(['3001']);

    const audit = await desk.api.call<{ action: string }[]>('GET', '/api/admin/audit?limit=500', { token: adm.token });
    expect(audit.status).toBe(200);
    expect(audit.body.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'auth.sign_in', 'auth.sign_in_failed']));
    expect(JSON.stringify(audit.body)).not.toContain('agent3001');
  });

  it('lets the admin edit touchpoints and the priority matrix, and workstations pull them', async () => {
    const before = await a1.pull(0);
    const lists = {
      channels: [{ letter: 'A', name: 'Phone', nameZh: '人工电话' }],
      brands: [{ letter: 'A', name: 'Brand A', nameZh: '品牌A' }],
      businesses: [
        { code: '4001', name: 'Plan consultation', nameZh: '业务咨询' },
        { code: '4003', name: 'Roaming consultation', nameZh: '漫游咨询' },
      ],
    };
    const bad = await desk.api.call<ErrorBody>('PUT', '/api/admin/settings/touchpoints', { body: { ...lists, channels: [{ letter: 'a', name: 'x', nameZh: 'x' }] }, token: adm.token });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const ok = await desk.api.call<{ touchpoints: unknown }>('PUT', '/api/admin/settings/touchpoints', { body: lists, token: adm.token });
    expect(ok.status).toBe(200);
    expect(ok.body.touchpoints).toEqual(lists);

    const matrix = { high: { high: 'P1', medium: 'P1', low: 'P2' }, medium: { high: 'P1', medium: 'P1', low: 'P3' }, low: { high: 'P3', medium: 'P4', low: 'P4' } };
    expect((await desk.api.call('PUT', '/api/admin/settings/priority-matrix', { body: matrix, token: adm.token })).status).toBe(200);

    const after = await a1.pull(before.cursor);
    const settings = puts(after.changes, 'settings');
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({ touchpoints: lists, priorityMatrix: matrix, deskName: 'Firstline Service Desk', deskNameZh: '首线服务台' });

    const ticketId = newId();
    const r = await a1.pushOk(a1.createTicket(g.L1!, { touchpoint: 'AA4003' }, ticketId), a1.createTicket(g.L1!, { touchpoint: 'CA4001' }));
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'rejected']);
    const d = await desk.api.call<Detail>('GET', `/api/tickets/${ticketId}`, { token: a1.token });
    expect(d.body.ticket.priority).toBe('P1'); // medium × medium under the new matrix
  });

  it('pokes connected sockets after a push, and refuses a socket without a valid token', async () => {
    const sock = await openSocket(desk.url, a2.token);
    try {
      await sock.waitFor(0); // the hello poke with the current version
      const r = await a1.pushOk(a1.createTicket(g.L1!));
      await sock.waitFor(r.version);
      expect(Math.max(...sock.pokes)).toBeGreaterThanOrEqual(r.version);
    } finally {
      sock.ws.close();
    }
    await expect(openSocket(desk.url, 'not-a-token')).rejects.toThrow(/401/);
  });
});

describe.each(KINDS)('work number reuse on %s', (kind) => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startDesk(kind);
  });
  afterAll(async () => desk?.close());

  it('keeps history on the old person and gives the new person none of it except by group', async () => {
    const adm = await Station.signIn(desk.api, 'admin', 'admin1234');
    const groups = puts((await adm.pull(0)).changes, 'group') as Group[];
    const l1 = groups.find((x) => x.name === 'L1')!.id;
    const l2 = groups.find((x) => x.name === 'L2 Applications')!.id;

    const old = await Station.signIn(desk.api, '1001', 'agent1001');
    const privateId = newId();
    const groupId = newId();
    await old.pushOk(old.createTicket(l2, { subject: 'made by the old 1001, sent to L2' }, privateId), old.createTicket(l1, { subject: 'L1 ticket' }, groupId));

    const off = await desk.api.call<DirectoryUser>('POST', `/api/admin/users/${old.userId}/deactivate`, { token: adm.token });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await desk.api.call('GET', '/api/me', { token: old.token })).status).toBe(401);
    const disabled = await desk.api.call<ErrorBody>('POST', '/api/auth/sign-in', { body: { workNumber: '1001', password: 'agent1001' } });
    expect([disabled.status, disabled.body.error.code]).toEqual([403, 'ACCOUNT_DISABLED']);

    const made = await desk.api.call<DirectoryUser>('POST', '/api/admin/users', {
      body: { workNumber: '1001', name: '新人 New Person', role: 'agent', password: 'newperson1001', groupIds: [l1] },
      token: adm.token,
    });
    expect(made.status).toBe(201);
    expect(made.body.id).not.toBe(old.userId);

    const fresh = await Station.signIn(desk.api, '1001', 'newperson1001');
    expect(fresh.userId).toBe(made.body.id);
    const seen = await fresh.pull(0);
    expect(ticketIds(seen.changes)).toContain(groupId);
    expect(ticketIds(seen.changes)).not.toContain(privateId);
    const directory = puts(seen.changes, 'user') as DirectoryUser[];
    expect(directory.filter((u) => u.workNumber === '1001').map((u) => [u.id, u.active])).toEqual(
      expect.arrayContaining([
        [old.userId, false],
        [fresh.userId, true],
      ]),
    );

    const sup = await Station.signIn(desk.api, '9001', 'super9001');
    const d = await desk.api.call<Detail>('GET', `/api/tickets/${privateId}`, { token: sup.token });
    expect(d.body.ticket.createdBy).toBe(old.userId);
    expect(d.body.history.every((h) => h.userId === old.userId)).toBe(true);
  });
});

describe('several instances on one PostgreSQL database', () => {
  it('pokes the sockets of every instance (LISTEN/NOTIFY)', async () => {
    const { database } = await newDatabase('postgres');
    const quiet = () => ({ database, staticDir: null, logger: createLogger({ level: 'silent' }), port: 0 });
    const [a, b] = await Promise.all([startServer(quiet()), startServer(quiet())]);
    try {
      const onA = await Station.signIn(apiOf(a.url), '1001', 'agent1001');
      const onB = await Station.signIn(apiOf(b.url), '1002', 'agent1002');
      const sock = await openSocket(b.url, onB.token);
      try {
        const r = await onA.pushOk(onA.createTicket(null));
        await sock.waitFor(r.version);
        const seen = await onB.pull(0);
        expect(puts(seen.changes, 'user')).toHaveLength(5); // seeded once, though both instances started on an empty database
      } finally {
        sock.ws.close();
      }
    } finally {
      await Promise.all([a.app.close(), b.app.close()]);
    }
  });
});
