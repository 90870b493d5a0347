/**
 * The sync engine against a fake desk (testing/fake-desk.ts) that decides with the shared
 * `applyMutation`: protocol edge cases (duplicate, gap, 401, network errors, 400 splitting,
 * reset, pages) and two-workstation convergence, on BOTH stores.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src-shared/desk/directory';
import { newId } from '../../../src-shared/ids';
import type { SyncStatus } from '../../../src-shared/sync/status';
import type { Ticket } from '../../../src-shared/ticket/model';
import { createCommands, type Commands } from './commands';
import { openDexieStore } from './dexie-store';
import { backoffDelay, createSyncEngine, type EngineOptions, type LocksLike, type SyncEngine, type WebSocketLike } from './engine';
import type { FetchLike } from './desk-api';
import { createMemoryStore } from './memory-store';
import { getTicketDetail, listOutbox, listRejections, listTickets } from './reads';
import { getMeta, setMeta, type LocalStore, type TicketView } from './store';
import { FakeDesk } from './testing/fake-desk';
import { fields } from './testing/fixtures';

const stores: [string, () => Promise<LocalStore>][] = [
  ['memory', async () => createMemoryStore(`mem-${newId()}`)],
  ['dexie', () => openDexieStore(`test-${newId()}`, { indexedDB, IDBKeyRange })],
];

type Client = { store: LocalStore; engine: SyncEngine; cmd: Commands; statuses: SyncStatus[]; userId: string };

const running: Client[] = [];
afterEach(async () => {
  for (const c of running.splice(0)) {
    await c.engine.stop();
    c.store.close();
  }
});

/** Drops the fields only a workstation has, to compare a view row with the server's ticket. */
const serverShape = (t: TicketView | Ticket | undefined) => {
  if (!t) return undefined;
  const { pending: _p, rejected: _r, localOnly: _l, fieldVersions: _f, version: _v, updatedAt: _u, ...rest } = t as TicketView;
  return rest;
};

const until = async (check: () => Promise<boolean> | boolean, ms = 3000): Promise<void> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** The desk's fetch with each push held `delayMs` on the wire, counting how many were on it at once. */
const pushesOnWire = (desk: FakeDesk, delayMs: number): { fetch: FetchLike; most: () => number } => {
  let onWire = 0;
  let most = 0;
  const fetch: FetchLike = async (input, init) => {
    if (!input.endsWith('/api/sync/push')) return desk.fetch(input, init);
    most = Math.max(most, ++onWire);
    try {
      await new Promise((r) => setTimeout(r, delayMs));
      return await desk.fetch(input, init);
    } finally {
      onWire--;
    }
  };
  return { fetch, most: () => most };
};

describe.each(stores)('sync engine (%s store)', (_name, open) => {
  const client = async (desk: FakeDesk, who: { user: { id: string; role: Role }; token: string }, over: Partial<EngineOptions> = {}): Promise<Client> => {
    const store = await open();
    const statuses: SyncStatus[] = [];
    const actor = { id: who.user.id, role: who.user.role };
    const engine = createSyncEngine({
      store,
      actor,
      baseUrl: 'http://desk.test',
      token: who.token,
      fetch: desk.fetch,
      webSocket: null,
      locks: null,
      events: null,
      pollMs: 0,
      backoff: { baseMs: 5, maxMs: 20 },
      onStatus: (s) => statuses.push(s),
      ...over,
    });
    const cmd = createCommands({ store, actor, onChange: () => engine.refreshCounts() });
    const c = { store, engine, cmd, statuses, userId: who.user.id };
    running.push(c);
    engine.start();
    return c;
  };

  it('keeps working offline and syncs when the desk is back, with a truthful status', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    desk.down = true;
    const created = await a.cmd.createTicket(fields());
    const id = created.ok ? created.value : '';
    await a.cmd.addNote(id, 'caller will call back');
    expect(await a.engine.syncNow()).toBe('offline');
    expect(a.engine.status()).toMatchObject({ connection: 'offline', waiting: 2, rejected: 0, lastSyncedAt: null });

    desk.down = false;
    expect(await a.engine.syncNow()).toBe('ok');
    expect(a.engine.status()).toMatchObject({ connection: 'online', waiting: 0 });
    expect(a.engine.status().lastSyncedAt).not.toBeNull();
    expect(a.statuses.some((s) => s.connection === 'syncing')).toBe(true);
    const detail = await getTicketDetail(a.store, id);
    expect(detail.ticket).toMatchObject({ number: 1, localOnly: false, pending: 0 });
    expect(detail.worklog).toMatchObject([{ body: 'caller will call back', pending: false }]);
    expect(detail.history.map((h) => h.field)).toEqual(['created']);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect(serverShape(detail.ticket)).toEqual(serverShape(desk.tickets.get(id)));
  });

  it('a 5xx answer counts as offline and is retried with backoff', async () => {
    const desk = new FakeDesk();
    let fail = true;
    const flaky: FetchLike = async (input, init) => (fail ? new Response('busy', { status: 503 }) : desk.fetch(input, init));
    const a = await client(desk, desk.addUser('A'), { fetch: flaky });
    await a.cmd.createTicket(fields());
    expect(await a.engine.syncNow()).toBe('offline');
    expect(a.engine.status().connection).toBe('offline');
    fail = false;
    // No manual sync: the backoff retry recovers by itself.
    await until(() => a.engine.status().connection === 'online' && a.engine.status().waiting === 0);
    expect(desk.tickets.size).toBe(1);
  });

  it('applies a mutation exactly once when the push answer is lost (duplicate)', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    expect(await a.engine.syncNow()).toBe('ok');
    const created = await a.cmd.createTicket(fields());
    desk.loseNextPushAnswer = true;
    expect(await a.engine.syncNow()).toBe('offline');
    expect((await listOutbox(a.store)).map((e) => e.seq)).toEqual([1]); // still pending here, applied there
    expect(await a.engine.syncNow()).toBe('ok');
    expect(desk.tickets.size).toBe(1);
    const pushes = desk.log.filter((l) => l.path === '/api/sync/push');
    expect(pushes).toHaveLength(2);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect((await listTickets(a.store))[0]).toMatchObject({ id: created.ok ? created.value : '', number: 1 });
  });

  it('keeps a server rejection with its error; the edited resubmission syncs', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    // Never pulled: the workstation does not know the desk's touchpoints yet, the server does.
    const created = await a.cmd.createTicket(fields({ touchpoint: 'AB5999' }));
    const other = await a.cmd.createTicket(fields({ subject: 'second' }));
    expect(await a.engine.syncNow()).toBe('ok');
    expect(a.engine.status()).toMatchObject({ connection: 'online', waiting: 0, rejected: 1 });
    const [rej] = await listRejections(a.store);
    expect(rej).toMatchObject({ error: { code: 'UNKNOWN_TOUCHPOINT' }, ticketId: created.ok ? created.value : '' });
    expect(desk.tickets.has(other.ok ? other.value : '')).toBe(true); // one bad mutation never blocks the queue

    const again = await a.cmd.resubmitRejection(rej!.id, { fields: fields({ touchpoint: 'AA5001' }) });
    expect(again.ok && again.value.seq).toBe(3);
    expect(await a.engine.syncNow()).toBe('ok');
    expect(a.engine.status()).toMatchObject({ waiting: 0, rejected: 0 });
    expect(desk.tickets.get(created.ok ? created.value : '')?.touchpoint).toBe('AA5001');
  });

  it('goes signed_out on 401, keeps the outbox, and resumes with a new token', async () => {
    const desk = new FakeDesk();
    const who = desk.addUser('A');
    const a = await client(desk, who);
    desk.tokens.delete(who.token);
    await a.cmd.createTicket(fields());
    expect(await a.engine.syncNow()).toBe('signed_out');
    expect(a.engine.status()).toMatchObject({ connection: 'signed_out', waiting: 1 });
    a.engine.requestSync();
    await new Promise((r) => setTimeout(r, 30));
    expect(a.engine.status().connection).toBe('signed_out');
    const fresh = 'token-renewed';
    desk.tokens.set(fresh, who.user.id);
    a.engine.setToken(fresh);
    await until(() => a.engine.status().connection === 'online');
    expect(a.engine.status().waiting).toBe(0);
    expect(desk.tickets.size).toBe(1);
  });

  it('closes a gap the server reports (SEQ_GAP) by renumbering what is not yet applied', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    await a.cmd.createTicket(fields({ subject: 'one' }));
    expect(await a.engine.syncNow()).toBe('ok');
    const clientId = await a.store.read((tx) => getMeta(tx, 'clientId', ''));
    // The server was restored from a backup taken before our first mutation.
    desk.clients.set(clientId, { lastSeq: 0, results: new Map() });
    const two = await a.cmd.createTicket(fields({ subject: 'two' }));
    expect(await a.engine.syncNow()).toBe('ok');
    expect(desk.log.some((l) => l.path === '/api/sync/push' && (l.body as { mutations: { seq: number }[] }).mutations[0]!.seq === 1)).toBe(true);
    expect(desk.tickets.get(two.ok ? two.value : '')?.subject).toBe('two');
    expect(desk.clients.get(clientId)?.lastSeq).toBe(1);
    expect(await a.store.read((tx) => getMeta(tx, 'nextSeq', 0))).toBe(2);
    expect(a.engine.status().waiting).toBe(0);
  });

  it('renumbers when the server holds other mutations at our seqs (local numbering went back)', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    await a.cmd.createTicket(fields({ subject: 'one' }));
    await a.cmd.createTicket(fields({ subject: 'two' }));
    expect(await a.engine.syncNow()).toBe('ok');
    await a.store.write((tx) => setMeta(tx, 'nextSeq', 1)); // e.g. the cache was restored from an old copy
    const three = await a.cmd.createTicket(fields({ subject: 'three' }));
    expect(await a.engine.syncNow()).toBe('ok');
    expect(desk.tickets.get(three.ok ? three.value : '')?.subject).toBe('three');
    expect(desk.tickets.size).toBe(3);
    expect(await a.store.read((tx) => getMeta(tx, 'nextSeq', 0))).toBe(4);
  });

  it('pushes a long outbox in seq-ordered batches, each answer taken while the next batch is on the wire', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'), { batchSize: 3 });
    expect(await a.engine.syncNow()).toBe('ok');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await a.cmd.createTicket(fields({ subject: `t${i}` }));
      ids.push(r.ok ? r.value : '');
    }
    await a.cmd.addNote(ids[0]!, 'a note');
    expect(await a.engine.syncNow()).toBe('ok');
    const pushes = desk.log.filter((l) => l.path === '/api/sync/push').map((l) => (l.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq));
    expect(pushes).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(desk.tickets.size).toBe(8);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect(a.engine.status()).toMatchObject({ connection: 'online', waiting: 0, rejected: 0 });
    expect((await listTickets(a.store)).every((t) => t.pending === 0 && !t.localOnly)).toBe(true);
  });

  it('sends the next batch while the server works on the one before (two pushes on the wire at most)', async () => {
    const desk = new FakeDesk();
    const wire = pushesOnWire(desk, 20);
    const a = await client(desk, desk.addUser('A'), { batchSize: 2, fetch: wire.fetch });
    for (let i = 0; i < 7; i++) await a.cmd.createTicket(fields({ subject: `t${i}` }));
    expect(await a.engine.syncNow()).toBe('ok');
    const pushes = desk.log.filter((l) => l.path === '/api/sync/push').map((l) => (l.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq));
    expect(pushes).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(wire.most()).toBe(2);
    expect(desk.tickets.size).toBe(7);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect(a.engine.status()).toMatchObject({ connection: 'online', waiting: 0, rejected: 0 });
  });

  it('a push sent ahead that the server takes first (SEQ_GAP) is sent again as it is, never renumbered', async () => {
    const desk = new FakeDesk();
    // The first push reaches the desk only after the second one was answered.
    let releaseFirst: () => void = () => undefined;
    let pushes = 0;
    const overtaking: FetchLike = async (input, init) => {
      if (input.endsWith('/api/sync/push') && ++pushes === 1) await new Promise<void>((r) => (releaseFirst = r));
      const res = await desk.fetch(input, init);
      if (input.endsWith('/api/sync/push') && pushes === 2) releaseFirst();
      return res;
    };
    const a = await client(desk, desk.addUser('A'), { batchSize: 2, fetch: overtaking });
    for (let i = 0; i < 5; i++) await a.cmd.createTicket(fields({ subject: `t${i}` }));
    const numbered = new Map((await listOutbox(a.store)).map((e) => [e.mutation.id, e.seq]));
    expect(await a.engine.syncNow()).toBe('ok');
    // Every mutation went out at the seq it was given: nothing was renumbered.
    const sent = desk.log.filter((l) => l.path === '/api/sync/push').flatMap((l) => (l.body as { mutations: { id: string; seq: number }[] }).mutations);
    expect(sent.every((m) => numbered.get(m.id) === m.seq)).toBe(true);
    const seen = desk.log.filter((l) => l.path === '/api/sync/push').map((l) => (l.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq));
    // [3, 4] overtook [1, 2] and was refused (SEQ_GAP); [5], sent ahead meanwhile, too. Both go
    // again one at a time; [1, 2], acknowledged, is not sent again.
    expect(seen).toEqual([[3, 4], [1, 2], [5], [3, 4], [5]]);
    expect(desk.tickets.size).toBe(5);
    expect([...desk.tickets.values()].map((t) => t.subject).sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
    const clientId = await a.store.read((tx) => getMeta(tx, 'clientId', ''));
    expect(desk.clients.get(clientId)?.lastSeq).toBe(5);
    expect(await a.store.read((tx) => getMeta(tx, 'nextSeq', 0))).toBe(6);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect(await listRejections(a.store)).toEqual([]);
  });

  it('pushes one batch at a time when pipelining is off', async () => {
    const desk = new FakeDesk();
    const wire = pushesOnWire(desk, 5);
    const a = await client(desk, desk.addUser('A'), { batchSize: 2, fetch: wire.fetch, pipeline: false });
    for (let i = 0; i < 5; i++) await a.cmd.createTicket(fields({ subject: `t${i}` }));
    expect(await a.engine.syncNow()).toBe('ok');
    expect(wire.most()).toBe(1);
    expect(desk.tickets.size).toBe(5);
  });

  it('keeps the batches before a lost answer acknowledged and sends the rest again (duplicates)', async () => {
    const desk = new FakeDesk();
    let pushes = 0;
    const losing: FetchLike = async (input, init) => {
      if (input.endsWith('/api/sync/push') && ++pushes === 2) desk.loseNextPushAnswer = true;
      return desk.fetch(input, init);
    };
    const a = await client(desk, desk.addUser('A'), { batchSize: 2, fetch: losing });
    for (let i = 0; i < 5; i++) await a.cmd.createTicket(fields({ subject: `t${i}` }));
    expect(await a.engine.syncNow()).toBe('offline');
    expect((await listOutbox(a.store)).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(await a.store.read((tx) => tx.outbox.countWhere('status', 'acknowledged'))).toBe(2);
    expect(await a.engine.syncNow()).toBe('ok');
    expect(desk.tickets.size).toBe(5);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
    expect((await listTickets(a.store)).map((t) => t.subject).sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
  });

  it('renumbers in the middle of a long outbox when the server holds other mutations at our seqs', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'), { batchSize: 1 });
    await a.cmd.createTicket(fields({ subject: 'one' }));
    await a.cmd.createTicket(fields({ subject: 'two' }));
    expect(await a.engine.syncNow()).toBe('ok');
    await a.store.write((tx) => setMeta(tx, 'nextSeq', 1));
    for (const s of ['three', 'four', 'five']) await a.cmd.createTicket(fields({ subject: s }));
    expect(await a.engine.syncNow()).toBe('ok');
    expect([...desk.tickets.values()].map((t) => t.subject).sort()).toEqual(['five', 'four', 'one', 'three', 'two']);
    expect(await a.store.read((tx) => getMeta(tx, 'nextSeq', 0))).toBe(6);
    expect(await a.store.read((tx) => tx.outbox.count())).toBe(0);
  });

  it('splits a batch the server refuses as a bad request, rejects the one bad mutation, and goes on', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    for (const s of ['one', 'two', 'three', 'four']) await a.cmd.createTicket(fields({ subject: s }));
    const bad = (await listOutbox(a.store))[1]!.mutation.id;
    desk.badRequestIds.add(bad);
    expect(await a.engine.syncNow()).toBe('ok');
    expect([...desk.tickets.values()].map((t) => t.subject).sort()).toEqual(['four', 'one', 'three']);
    expect(await listRejections(a.store)).toMatchObject([{ mutation: { id: bad }, error: { code: 'VALIDATION_FAILED' } }]);
    expect(a.engine.status()).toMatchObject({ waiting: 0, rejected: 1 });
    const clientId = await a.store.read((tx) => getMeta(tx, 'clientId', ''));
    expect(desk.clients.get(clientId)?.lastSeq).toBe(3); // no hole left in the seqs
  });

  it('on reset refetches everything and keeps the outbox', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    const b = await client(desk, desk.addUser('B'));
    const t1 = await a.cmd.createTicket(fields({ subject: 'kept' }));
    const id = t1.ok ? t1.value : '';
    expect(await a.engine.syncNow()).toBe('ok');
    desk.down = true;
    await a.cmd.setFields(id, { description: 'edited during the outage' });
    desk.down = false;
    await b.cmd.createTicket(fields({ subject: 'from B' }));
    expect(await b.engine.syncNow()).toBe('ok');
    desk.forgetCursors();
    // Push first (the edit goes), then the pull answers reset and A starts over from 0.
    expect(await a.engine.syncNow()).toBe('ok');
    const pulls = desk.log.filter((l) => l.path === '/api/sync/pull').map((l) => (l.body as { cursor: number }).cursor);
    expect(pulls).toContain(0);
    const list = await listTickets(a.store);
    expect(list.map((t) => t.subject).sort()).toEqual(['from B', 'kept']);
    expect(list.find((t) => t.id === id)).toMatchObject({ description: 'edited during the outage', pending: 0 });
  });

  it('keeps the outbox through a reset while offline edits are still pending', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    const t1 = await a.cmd.createTicket(fields({ subject: 'kept' }));
    const id = t1.ok ? t1.value : '';
    expect(await a.engine.syncNow()).toBe('ok');
    desk.forgetCursors();
    // The push fails, so the pull never runs; then the push goes and the pull resets.
    desk.down = true;
    await a.cmd.setFields(id, { subject: 'renamed offline' });
    expect(await a.engine.syncNow()).toBe('offline');
    desk.down = false;
    expect(await a.engine.syncNow()).toBe('ok');
    expect((await listTickets(a.store))[0]).toMatchObject({ subject: 'renamed offline', pending: 0, localOnly: false });
  });

  it('pulls in pages until there is no more', async () => {
    const desk = new FakeDesk();
    const b = await client(desk, desk.addUser('B'));
    for (let i = 0; i < 12; i++) await b.cmd.createTicket(fields({ subject: `t${i}` }));
    expect(await b.engine.syncNow()).toBe('ok');
    const a = await client(desk, desk.addUser('A'), { pullLimit: 5 });
    expect(await a.engine.syncNow()).toBe('ok');
    expect(await listTickets(a.store)).toHaveLength(12);
    expect(desk.log.filter((l) => l.path === '/api/sync/pull' && (l.body as { limit?: number }).limit === 5).length).toBeGreaterThan(3);
    expect(await a.store.read((tx) => getMeta(tx, 'cursor', 0))).toBe(desk.version);
  });

  it('opens a conflict on concurrent reassignment, shows it to both, and resolving it converges', async () => {
    const desk = new FakeDesk();
    const g1 = desk.addGroup('L2 network');
    const g2 = desk.addGroup('L2 desktop');
    const whoA = desk.addUser('A', [g1.id, g2.id]);
    const whoB = desk.addUser('B', [g1.id, g2.id]);
    const a = await client(desk, whoA);
    const b = await client(desk, whoB);
    const t = await a.cmd.createTicket(fields());
    const id = t.ok ? t.value : '';
    expect(await a.engine.syncNow()).toBe('ok');
    expect(await b.engine.syncNow()).toBe('ok');
    // Both reassign without seeing each other's change.
    expect((await a.cmd.assign(id, g1.id, null)).ok).toBe(true);
    expect((await b.cmd.assign(id, g2.id, null)).ok).toBe(true);
    expect(await a.engine.syncNow()).toBe('ok');
    expect(await b.engine.syncNow()).toBe('ok');
    expect(await a.engine.syncNow()).toBe('ok');
    expect(a.engine.status().conflicts).toBe(1);
    expect(b.engine.status().conflicts).toBe(1);
    const conflict = [...desk.conflicts.values()][0]!;
    expect(conflict.sides.map((s) => s.groupId)).toEqual([g1.id, g2.id]);

    expect((await b.cmd.resolveConflict(conflict.id, { groupId: g1.id, assigneeId: null })).ok).toBe(true);
    expect(b.engine.status().conflicts).toBe(0);
    expect(await b.engine.syncNow()).toBe('ok');
    expect(await a.engine.syncNow()).toBe('ok');
    expect(desk.conflicts.get(conflict.id)?.status).toBe('resolved');
    expect(a.engine.status().conflicts).toBe(0);
    const [va, vb] = [(await getTicketDetail(a.store, id)).ticket, (await getTicketDetail(b.store, id)).ticket];
    expect(serverShape(va)).toEqual(serverShape(desk.tickets.get(id)));
    expect(serverShape(vb)).toEqual(serverShape(desk.tickets.get(id)));
    expect(va?.groupId).toBe(g1.id);
  });

  it('two workstations editing offline converge on the server state, with nothing lost', async () => {
    const desk = new FakeDesk();
    const a = await client(desk, desk.addUser('A'));
    const b = await client(desk, desk.addUser('B'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await a.cmd.createTicket(fields({ subject: `ticket ${i}` }));
      if (r.ok) ids.push(r.value);
    }
    expect(await a.engine.syncNow()).toBe('ok');
    expect(await b.engine.syncNow()).toBe('ok');
    desk.down = true;
    await a.cmd.setFields(ids[0]!, { subject: 'A renamed' });
    await b.cmd.setFields(ids[0]!, { subject: 'B renamed', description: 'B adds detail' });
    await a.cmd.addNote(ids[1]!, 'note from A');
    await b.cmd.addNote(ids[1]!, 'note from B');
    await a.cmd.escalate(ids[2]!, 1);
    await b.cmd.escalate(ids[2]!, 2);
    await b.cmd.changeStatus(ids[2]!, 'in_progress');
    expect(await a.engine.syncNow()).toBe('offline');
    desk.down = false;
    expect(await b.engine.syncNow()).toBe('ok');
    expect(await a.engine.syncNow()).toBe('ok');
    expect(await b.engine.syncNow()).toBe('ok');

    for (const id of ids) {
      const [da, db] = [await getTicketDetail(a.store, id), await getTicketDetail(b.store, id)];
      expect(serverShape(da.ticket)).toEqual(serverShape(desk.tickets.get(id)));
      expect(serverShape(db.ticket)).toEqual(serverShape(desk.tickets.get(id)));
      expect(da.worklog.map((w) => w.id)).toEqual(db.worklog.map((w) => w.id));
    }
    expect(desk.tickets.get(ids[0]!)).toMatchObject({ subject: 'A renamed', description: 'B adds detail' }); // last writer wins per field
    expect((await getTicketDetail(a.store, ids[0]!)).history.some((h) => h.field === 'subject' && h.to === 'B renamed')).toBe(true); // the loser is kept
    expect((await getTicketDetail(a.store, ids[1]!)).worklog.map((w) => w.body).sort()).toEqual(['note from A', 'note from B']);
    expect(desk.tickets.get(ids[2]!)).toMatchObject({ escalationLevel: 2, status: 'in_progress' });
    expect(a.engine.status()).toMatchObject({ waiting: 0, rejected: 0 });
  });

  it('a WebSocket poke triggers a pull', async () => {
    const desk = new FakeDesk();
    const sockets: { url: string; ws: WebSocketLike }[] = [];
    const factory = (url: string): WebSocketLike => {
      const ws: WebSocketLike = { onopen: null, onmessage: null, onclose: null, onerror: null, close: () => undefined };
      sockets.push({ url, ws });
      return ws;
    };
    const whoA = desk.addUser('A');
    const a = await client(desk, whoA, { webSocket: factory });
    const b = await client(desk, desk.addUser('B'));
    expect(sockets[0]!.url).toBe(`ws://desk.test/api/sync/ws?token=${encodeURIComponent(whoA.token)}`);
    sockets[0]!.ws.onopen?.({});
    await until(() => a.engine.status().connection === 'online');
    await b.cmd.createTicket(fields({ subject: 'poked' }));
    expect(await b.engine.syncNow()).toBe('ok');
    sockets[0]!.ws.onmessage?.({ data: JSON.stringify({ type: 'poke', version: desk.version }) });
    await until(async () => (await listTickets(a.store)).length === 1);
    // A dropped socket reconnects.
    sockets[0]!.ws.onclose?.({});
    await until(() => sockets.length === 2);
  });

  it('only the holder of the sync lock runs; the other tab takes over when it stops', async () => {
    const desk = new FakeDesk();
    const waiting: (() => void)[] = [];
    let held = false;
    const locks: LocksLike = {
      request: async (_name, opts, cb) => {
        while (held) {
          await new Promise<void>((resolve, reject) => {
            waiting.push(resolve);
            opts.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          });
        }
        held = true;
        try {
          return await cb();
        } finally {
          held = false;
          waiting.shift()?.();
        }
      },
    };
    const who = desk.addUser('A');
    const first = await client(desk, who, { locks, channel: null });
    const second = await client(desk, who, { locks, channel: null });
    await until(() => first.engine.isLeader());
    expect(second.engine.isLeader()).toBe(false);
    expect(await second.engine.syncNow()).toBe('follower');
    expect(await first.engine.syncNow()).toBe('ok');
    await first.engine.stop();
    await until(() => second.engine.isLeader());
    expect(await second.engine.syncNow()).toBe('ok');
  });
});

describe('backoff', () => {
  it('doubles from the base, is capped at the max, and is jittered into [d/2, d]', () => {
    expect(backoffDelay(0, 500, 10_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 10_000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelay(10, 500, 10_000, () => 0)).toBe(5000);
    expect(backoffDelay(1000, 500, 10_000, () => 0.5)).toBe(7500);
  });
});
