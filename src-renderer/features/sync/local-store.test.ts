/**
 * The cache and the commands, run against BOTH stores (memory and Dexie on fake-indexeddb):
 * gap-free ordered outbox, view = server copy + replayed pending, rejections, reset, and
 * atomic pull pages.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import type { Change, PullResponse } from '../../../src-shared/sync/protocol';
import type { ConflictSide, Ticket } from '../../../src-shared/ticket/model';
import { applyPullPage, applyPushResults, requeueFrom, resetServerState } from './apply-server';
import { createCommands, type Commands } from './commands';
import { pendingAfter } from './engine';
import { openDexieStore } from './dexie-store';
import { loadDirectory, readCounts, recomputeTickets, type Actor } from './local';
import { createMemoryStore } from './memory-store';
import { getDirectory, getTicketDetail, listConflicts, listOutbox, listRejections, listTickets } from './reads';
import { getMeta, type LocalStore } from './store';
import { fields } from './testing/fixtures';
import { DEFAULT_TOUCHPOINTS } from '../../../src-shared/desk/touchpoint';
import { DEFAULT_PRIORITY_MATRIX } from '../../../src-shared/ticket/priority';

const stores: [string, () => Promise<LocalStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['dexie', () => openDexieStore(`test-${newId()}`, { indexedDB, IDBKeyRange })],
];

const me: Actor = { id: newId(), role: 'agent' };
const other = newId();

/** A ticket as the server would send it, at `version`. */
const serverTicket = (id: string, version: number, over: Partial<Ticket> = {}): Ticket => ({
  ...fields(),
  id,
  number: 7,
  priority: 'P3',
  status: 'new',
  groupId: null,
  assigneeId: null,
  assignedBy: null,
  assignedAt: null,
  escalationLevel: 0,
  createdBy: other,
  createdAt: '2025-01-01T08:00:00.000Z',
  updatedAt: '2025-01-01T08:00:00.000Z',
  version,
  fieldVersions: { subject: version, description: version, status: version, assignment: version, priority: version },
  ...over,
});

const page = (changes: Change[], cursor: number, over: Partial<PullResponse> = {}): PullResponse => ({ changes, cursor, hasMore: false, reset: false, ...over });

const pullInto = (store: LocalStore, p: PullResponse) =>
  store.write((tx) => applyPullPage(tx, p, me, { reset: p.reset, pruneAcknowledged: [], now: new Date().toISOString() }));

describe.each(stores)('local cache (%s store)', (_name, open) => {
  let store: LocalStore;
  let cmd: Commands;
  const journal: unknown[] = [];
  let changes = 0;

  const setup = async () => {
    store = await open();
    journal.length = 0;
    changes = 0;
    cmd = createCommands({ store, actor: me, journal: { append: (m) => journal.push(m) }, onChange: () => changes++ });
  };
  afterEach(() => store.close());

  it('gives outbox mutations gap-free seqs in action order, even when actions race', async () => {
    await setup();
    const created = await cmd.createTicket(fields());
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value : '';
    await Promise.all(Array.from({ length: 20 }, (_, i) => cmd.addNote(id, `note ${i}`)));
    await cmd.changeStatus(id, 'in_progress');
    const outbox = await listOutbox(store);
    expect(outbox.map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(outbox.map((e) => e.mutation.seq)).toEqual(outbox.map((e) => e.seq));
    expect(new Set(outbox.map((e) => e.mutation.clientId)).size).toBe(1);
    expect(outbox.at(-1)?.mutation.kind).toBe('changeStatus');
    expect(await store.read((tx) => getMeta(tx, 'nextSeq', 1))).toBe(23);
    expect(journal).toHaveLength(22);
    expect(changes).toBe(22);
  });

  it('refuses bad input and impossible moves without writing or using a seq', async () => {
    await setup();
    const bad = await cmd.createTicket(fields({ subject: '   ', phone: 'call me' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expect(bad.error.message).toMatch(/subject is required/);
    }
    const missing = await cmd.setFields(newId(), { subject: 'x' });
    expect(!missing.ok && missing.error.code).toBe('TICKET_NOT_FOUND');
    const created = await cmd.createTicket(fields());
    const id = created.ok ? created.value : '';
    const jump = await cmd.changeStatus(id, 'closed');
    expect(!jump.ok && jump.error.code).toBe('INVALID_TRANSITION');
    const badTouchpoint = await cmd.setFields(id, { touchpoint: 'ZZ9999' });
    expect(!badTouchpoint.ok && badTouchpoint.error.code).toBe('VALIDATION_FAILED');
    const ok = await cmd.escalate(id, 2);
    expect(ok.ok && ok.value.seq).toBe(2);
    expect((await listOutbox(store)).map((e) => e.seq)).toEqual([1, 2]);
    expect(journal).toHaveLength(2);
  });

  it('shows the server copy with pending mutations replayed, and bases edits on the server copy', async () => {
    await setup();
    const id = newId();
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 5, row: serverTicket(id, 5) }], 5));
    const r = await cmd.setFields(id, { subject: 'Printer on fire', impact: 'high', urgency: 'high' });
    expect(r.ok).toBe(true);
    await cmd.addNote(id, 'Called the caller back');

    const detail = await getTicketDetail(store, id);
    expect(detail.ticket).toMatchObject({ subject: 'Printer on fire', priority: 'P1', pending: 2, localOnly: false });
    expect(detail.worklog).toMatchObject([{ body: 'Called the caller back', pending: true }]);
    expect(detail.pending.map((e) => e.mutation.kind)).toEqual(['setFields', 'addNote']);
    const m = detail.pending[0]!.mutation;
    expect(m.kind === 'setFields' && m.base).toEqual({ subject: 5 });
    expect(await store.read((tx) => tx.serverTickets.get(id))).toMatchObject({ subject: 'Printer jams', priority: 'P3' });

    // Someone else changes the description; the view keeps our pending subject on top of it.
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 9, row: serverTicket(id, 9, { description: 'Now it smokes' }) }], 9));
    const after = await getTicketDetail(store, id);
    expect(after.ticket).toMatchObject({ subject: 'Printer on fire', description: 'Now it smokes', pending: 2 });
  });

  it('keeps acknowledged mutations on the view until the pull brings them back, without doubling notes', async () => {
    await setup();
    const created = await cmd.createTicket(fields());
    const id = created.ok ? created.value : '';
    const note = await cmd.addNote(id, 'first note');
    const noteId = note.ok ? note.value.noteId : '';
    const outbox = await listOutbox(store);
    await store.write((tx) =>
      applyPushResults(tx, { results: outbox.map((e) => ({ seq: e.seq, mutationId: e.mutation.id, duplicate: false, status: 'applied' as const })), lastSeq: 2, version: 3 }, me, new Date().toISOString()),
    );
    let detail = await getTicketDetail(store, id);
    expect(detail.ticket).toMatchObject({ subject: 'Printer jams', pending: 0, localOnly: true });
    expect(detail.worklog).toHaveLength(1);
    expect((await store.read((tx) => readCounts(tx, me))).waiting).toBe(0);

    const acked = outbox.map((e) => e.seq);
    const serverRow = { ...serverTicket(id, 3), createdBy: me.id };
    await store.write((tx) =>
      applyPullPage(
        tx,
        page(
          [
            { entity: 'ticket', op: 'put', version: 2, row: serverRow },
            { entity: 'worklog', op: 'put', version: 3, row: { id: noteId, ticketId: id, authorId: me.id, body: 'first note', at: new Date().toISOString(), version: 3 } },
          ],
          3,
        ),
        me,
        { reset: false, pruneAcknowledged: acked, now: new Date().toISOString() },
      ),
    );
    detail = await getTicketDetail(store, id);
    expect(detail.ticket).toMatchObject({ number: 7, localOnly: false, pending: 0 });
    expect(detail.worklog).toMatchObject([{ id: noteId, pending: false }]);
    expect(await store.read((tx) => tx.outbox.count())).toBe(0);
  });

  it('takes push answers (applied, conflict, rejected, some left pending) leaving every view row as a full rebuild makes it', async () => {
    await setup();
    const serverId = newId();
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 5, row: serverTicket(serverId, 5) }], 5));
    const ids = [serverId];
    for (let i = 0; i < 4; i++) {
      const r = await cmd.createTicket(fields({ subject: `ticket ${i}` }));
      if (r.ok) ids.push(r.value);
    }
    for (const id of ids) {
      await cmd.addNote(id, `note on ${id}`);
      await cmd.setFields(id, { subject: `edited ${id}` });
    }
    const outbox = await listOutbox(store);
    // The server answers all but the last two (the last ticket's note and edit): mostly applied, a conflict
    // (the server ticket's edit) and a rejection (the first new ticket's edit); the last two stay pending.
    const answered = outbox.slice(0, -2);
    const results = answered.map((e, i) =>
      i === 7
        ? { seq: e.seq, mutationId: e.mutation.id, duplicate: false, status: 'rejected' as const, error: { code: 'VALIDATION_FAILED' as const, message: 'no' } }
        : i === 5
          ? { seq: e.seq, mutationId: e.mutation.id, duplicate: false, status: 'conflict' as const, conflictId: newId() }
          : { seq: e.seq, mutationId: e.mutation.id, duplicate: false, status: 'applied' as const },
    );
    await store.write((tx) => applyPushResults(tx, { results, lastSeq: answered.at(-1)!.seq, version: 9 }, me, new Date().toISOString()));

    const taken = await listTickets(store);
    expect(taken.reduce((n, t) => n + t.pending, 0)).toBe(2);
    expect(taken.reduce((n, t) => n + t.rejected, 0)).toBe(1);
    // The same rows, rebuilt from scratch from the server copies and the outbox.
    await store.write((tx) => recomputeTickets(tx, ids, me));
    expect(await listTickets(store)).toEqual(taken);
  });

  it('counts the waiting changes of each ticket right through acknowledgements, a renumbering and the answers to it', async () => {
    await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await cmd.createTicket(fields({ subject: `ticket ${i}` }));
      if (r.ok) ids.push(r.value);
    }
    for (const id of ids) await cmd.addNote(id, `note on ${id}`);
    const applied = (entries: Awaited<ReturnType<typeof listOutbox>>) =>
      entries.map((e) => ({ seq: e.seq, mutationId: e.mutation.id, duplicate: false, status: 'applied' as const }));
    const rebuilt = async () => {
      const taken = await listTickets(store);
      await store.write((tx) => recomputeTickets(tx, ids, me));
      expect(await listTickets(store)).toEqual(taken);
      return ids.map((id) => taken.find((t) => t.id === id)!.pending);
    };
    // The first four answered (the three creations, the first note): the other notes wait.
    const first = (await listOutbox(store)).slice(0, 4);
    await store.write((tx) => applyPushResults(tx, { results: applied(first), lastSeq: first.at(-1)!.seq, version: 4 }, me, new Date().toISOString()));
    expect(await rebuilt()).toEqual([0, 1, 1]);
    // The server lost everything after seq 1: the rest goes again, under new seqs, waiting again.
    await store.write((tx) => requeueFrom(tx, 2, 2, me));
    expect(await rebuilt()).toEqual([1, 2, 2]);
    const again = await listOutbox(store);
    expect(again.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6]);
    await store.write((tx) => applyPushResults(tx, { results: applied(again), lastSeq: again.at(-1)!.seq, version: 9 }, me, new Date().toISOString()));
    expect(await rebuilt()).toEqual([0, 0, 0]);
  });

  it('keeps a rejected mutation with its error; resubmitting makes a new mutation with a new seq', async () => {
    await setup();
    const created = await cmd.createTicket(fields({ touchpoint: 'AA4001' }));
    const id = created.ok ? created.value : '';
    const [entry] = await listOutbox(store);
    const error = { code: 'UNKNOWN_TOUCHPOINT' as const, message: 'Touchpoint code AA4001 is not in the desk list' };
    await store.write((tx) =>
      applyPushResults(tx, { results: [{ seq: 1, mutationId: entry!.mutation.id, duplicate: false, status: 'rejected', error }], lastSeq: 1, version: 1 }, me, new Date().toISOString()),
    );
    expect(await listOutbox(store)).toHaveLength(0);
    const [rej] = await listRejections(store);
    expect(rej).toMatchObject({ ticketId: id, error, status: 'open', mutation: { seq: 1, kind: 'createTicket' } });
    expect(await listTickets(store)).toHaveLength(0); // the only copy was the rejected create
    expect((await store.read((tx) => readCounts(tx, me))).rejected).toBe(1);

    const invalid = await cmd.resubmitRejection(rej!.id, { fields: { ...fields(), subject: '' } });
    expect(!invalid.ok && invalid.error.code).toBe('VALIDATION_FAILED');

    const again = await cmd.resubmitRejection(rej!.id, { fields: fields({ touchpoint: 'AA4002' }) });
    expect(again.ok).toBe(true);
    const [next] = await listOutbox(store);
    expect(next).toMatchObject({ seq: 2, status: 'pending', mutation: { kind: 'createTicket', ticketId: id, fields: { touchpoint: 'AA4002' } } });
    expect(next!.mutation.id).not.toBe(rej!.mutation.id);
    expect(await listRejections(store)).toHaveLength(0);
    expect(await listRejections(store, { all: true })).toMatchObject([{ status: 'resubmitted', resubmittedAs: 2 }]);
    expect((await listTickets(store))[0]).toMatchObject({ id, touchpoint: 'AA4002', pending: 1 });
    const twice = await cmd.resubmitRejection(rej!.id, {});
    expect(twice.ok).toBe(false);
  });

  it('discards a rejection (kept, marked) and updates the ticket flag', async () => {
    await setup();
    const id = newId();
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 1, row: serverTicket(id, 1) }], 1));
    await cmd.escalate(id, 3);
    const [e] = await listOutbox(store);
    await store.write((tx) =>
      applyPushResults(tx, { results: [{ seq: 1, mutationId: e!.mutation.id, duplicate: false, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } }], lastSeq: 1, version: 1 }, me, ''),
    );
    expect((await listTickets(store))[0]).toMatchObject({ escalationLevel: 0, rejected: 1, hasRejections: true });
    const [rej] = await listRejections(store);
    expect((await cmd.discardRejection(rej!.id)).ok).toBe(true);
    expect((await listTickets(store))[0]).toMatchObject({ rejected: 0, hasRejections: false });
    expect(await listRejections(store, { all: true })).toMatchObject([{ status: 'discarded' }]);
  });

  it('on reset drops the server state but keeps the outbox and rejections, and rebuilds the view from them', async () => {
    await setup();
    const serverId = newId();
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 4, row: serverTicket(serverId, 4) }], 4));
    await cmd.setFields(serverId, { subject: 'edited offline' });
    const created = await cmd.createTicket(fields({ subject: 'made offline' }));
    await store.write((tx) => resetServerState(tx, me));

    expect(await store.read((tx) => getMeta(tx, 'cursor', -1))).toBe(0);
    expect(await listOutbox(store)).toHaveLength(2);
    const list = await listTickets(store);
    expect(list.map((t) => t.subject)).toEqual(['made offline']);
    expect(list[0]!.id).toBe(created.ok ? created.value : '');
    // The server copy comes back with the pull from 0; the pending edit is replayed onto it.
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 4, row: serverTicket(serverId, 4) }], 4));
    expect((await getTicketDetail(store, serverId)).ticket).toMatchObject({ subject: 'edited offline', pending: 1 });
  });

  it('applies a pull page and its cursor all or nothing', async () => {
    await setup();
    const id = newId();
    await pullInto(store, page([{ entity: 'ticket', op: 'put', version: 1, row: serverTicket(id, 1) }], 1));
    const broken = page(
      [
        { entity: 'ticket', op: 'put', version: 2, row: serverTicket(id, 2, { subject: 'changed' }) },
        { entity: 'mystery', op: 'put', version: 2 } as unknown as Change,
      ],
      2,
    );
    await expect(pullInto(store, broken)).rejects.toThrow(/Unknown change/);
    expect(await store.read((tx) => getMeta(tx, 'cursor', 0))).toBe(1);
    expect((await listTickets(store))[0]!.subject).toBe('Printer jams');
    expect((await store.read((tx) => tx.serverTickets.get(id)))!.subject).toBe('Printer jams');
  });

  it('stores directory, settings and tombstones from pulls', async () => {
    await setup();
    const g = { id: newId(), name: 'L2 network', nameZh: '二线网络', kind: 'l2' as const, contacts: [], version: 1 };
    const u = { id: me.id, workNumber: '1001', name: 'Agent', role: 'agent' as const, active: true, groupIds: [g.id], version: 1 };
    const tid = newId();
    await pullInto(
      store,
      page(
        [
          { entity: 'group', op: 'put', version: 1, row: g },
          { entity: 'user', op: 'put', version: 1, row: u },
          { entity: 'ticket', op: 'put', version: 2, row: serverTicket(tid, 2) },
        ],
        2,
      ),
    );
    expect(await getDirectory(store)).toMatchObject({ users: [u], groups: [g], settings: null });
    const bad = await cmd.assign(tid, newId(), null);
    expect(!bad.ok && bad.error.code).toBe('UNKNOWN_GROUP');
    expect((await cmd.assign(tid, g.id, me.id)).ok).toBe(true);
    expect((await listTickets(store))[0]).toMatchObject({ groupId: g.id, assigneeId: me.id, status: 'assigned' });
    await pullInto(store, page([{ entity: 'ticket', op: 'delete', version: 3, id: tid }], 3));
    expect(await listTickets(store)).toHaveLength(0); // out of scope; the pending assign still waits for the server
    expect(await listOutbox(store)).toHaveLength(1);
  });

  it('checks actions against the directory as it is now: kept in memory, dropped by every directory write, never kept from a rolled-back one', async () => {
    await setup();
    const group = (name: string) => ({ id: newId(), name, nameZh: name, kind: 'l2' as const, contacts: [], version: 1 });
    const g1 = group('L2 network');
    const g2 = group('L2 desktop');
    const u = (groupIds: string[], version: number) => ({ id: me.id, workNumber: '1001', name: 'Agent', role: 'agent' as const, active: true, groupIds, version });
    const tid = newId();
    await pullInto(
      store,
      page(
        [
          { entity: 'group', op: 'put', version: 1, row: g1 },
          { entity: 'user', op: 'put', version: 1, row: u([g1.id], 1) },
          { entity: 'ticket', op: 'put', version: 2, row: serverTicket(tid, 2) },
        ],
        2,
      ),
    );
    const code = async (groupId: string, assigneeId: string | null) => {
      const r = await cmd.assign(tid, groupId, assigneeId);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(g2.id, null)).toBe('UNKNOWN_GROUP');
    // A write that adds the group and fails: the directory seen inside it is not kept.
    await expect(
      store.write(async (tx) => {
        await tx.groups.put(g2);
        expect((await loadDirectory(tx)).groups.has(g2.id)).toBe(true);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await code(g2.id, null)).toBe('UNKNOWN_GROUP');
    await pullInto(store, page([{ entity: 'group', op: 'put', version: 3, row: g2 }], 3));
    expect(await code(g2.id, null)).toBe('ok');
    expect(await code(g2.id, me.id)).toBe('NOT_A_MEMBER');
    await pullInto(store, page([{ entity: 'user', op: 'put', version: 4, row: u([g1.id, g2.id], 4) }], 4));
    expect(await code(g2.id, me.id)).toBe('ok');
    await pullInto(store, page([{ entity: 'group', op: 'delete', version: 5, id: g2.id }], 5));
    expect(await code(g2.id, null)).toBe('UNKNOWN_GROUP');
    // Two directory writes in one transaction with the directory read between them: the later one counts too.
    const g3 = group('L2 apps');
    await store.write(async (tx) => {
      await tx.settings.put({ key: 'desk', value: { deskName: 'Desk', deskNameZh: '服务台', priorityMatrix: DEFAULT_PRIORITY_MATRIX, touchpoints: DEFAULT_TOUCHPOINTS } });
      expect((await loadDirectory(tx)).groups.has(g3.id)).toBe(false);
      await tx.groups.put(g3);
    });
    expect(await code(g3.id, null)).toBe('ok');
    // A reset drops the directory: with no groups cached the server decides.
    await store.write((tx) => resetServerState(tx, me));
    expect((await cmd.createTicket(fields(), { groupId: newId(), assigneeId: null })).ok).toBe(true);
  });

  it('keeps seqs gap-free when many tickets are captured at once', async () => {
    await setup();
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => cmd.createTicket(fields({ subject: `T${i}` }))));
    expect(created.every((r) => r.ok)).toBe(true);
    const outbox = await listOutbox(store);
    expect(outbox.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(outbox.map((e) => e.mutation.seq)).toEqual(outbox.map((e) => e.seq));
    expect(await listTickets(store)).toHaveLength(12);
    expect(await store.read((tx) => getMeta(tx, 'nextSeq', 1))).toBe(13);
  });

  it('reads the first rows of an index and rows by key, in order', async () => {
    await setup();
    for (let i = 0; i < 5; i++) await cmd.createTicket(fields({ subject: `T${i}` }));
    const first = await store.read((tx) => tx.outbox.where('status', 'pending', 2));
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(await store.read((tx) => tx.outbox.where('status', 'pending', 0))).toEqual([]);
    expect((await store.read((tx) => tx.outbox.where('status', 'pending', 99))).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const got = await store.read((tx) => tx.outbox.bulkGet([3, 99, 1]));
    expect(got.map((e) => e?.seq)).toEqual([3, undefined, 1]);
    expect(await store.read((tx) => tx.outbox.bulkGet([]))).toEqual([]);
  });

  it('reads rows above a primary key in key order, and the next pending outbox entries past acknowledged ones', async () => {
    await setup();
    for (let i = 0; i < 8; i++) await cmd.createTicket(fields({ subject: `T${i}` }));
    expect((await store.read((tx) => tx.outbox.above(5))).map((e) => e.seq)).toEqual([6, 7, 8]);
    expect((await store.read((tx) => tx.outbox.above(2, 3))).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(await store.read((tx) => tx.outbox.above(8))).toEqual([]);
    // 1, 2 and 5 acknowledged (an earlier run's, waiting for its pull to drop them)
    await store.write(async (tx) => {
      for (const e of await tx.outbox.bulkGet([1, 2, 5])) await tx.outbox.put({ ...e!, status: 'acknowledged' });
    });
    const next = (after: number, size: number) => store.read(async (tx) => (await pendingAfter(tx, after, size)).map((e) => e.seq));
    expect(await next(0, 3)).toEqual([3, 4, 6]);
    expect(await next(0, 2)).toEqual([3, 4]); // the first read held only acknowledged ones: read on
    expect(await next(4, 2)).toEqual([6, 7]);
    expect(await next(6, 5)).toEqual([7, 8]);
    expect(await next(8, 5)).toEqual([]);
  });

  it('resolves a conflict locally: queued resolution shown, counter drops, the view takes the choice', async () => {
    await setup();
    const tid = newId();
    const g1 = newId();
    const g2 = newId();
    const conflict = {
      id: newId(),
      ticketId: tid,
      field: 'assignment' as const,
      sides: [
        { userId: other, groupId: g1, assigneeId: null, at: '2025-01-01T09:00:00.000Z' },
        { userId: me.id, groupId: g2, assigneeId: null, at: '2025-01-01T09:01:00.000Z' },
      ] as [ConflictSide, ConflictSide],
      participants: [other, me.id],
      status: 'open' as const,
      resolvedBy: null,
      resolution: null,
      createdAt: '2025-01-01T09:01:00.000Z',
      version: 3,
    };
    await pullInto(
      store,
      page(
        [
          { entity: 'ticket', op: 'put', version: 3, row: serverTicket(tid, 3, { groupId: g2, status: 'assigned', assignedBy: me.id }) },
          { entity: 'conflict', op: 'put', version: 3, row: conflict },
        ],
        3,
      ),
    );
    expect((await store.read((tx) => readCounts(tx, me))).conflicts).toBe(1);
    const r = await cmd.resolveConflict(conflict.id, { groupId: g1, assigneeId: null });
    expect(r.ok && r.value.ticketId).toBe(tid);
    expect((await listTickets(store))[0]).toMatchObject({ groupId: g1 });
    const [item] = await listConflicts(store);
    expect(item).toMatchObject({ id: conflict.id, status: 'open', pendingResolution: { groupId: g1, assigneeId: null } });
    expect((await store.read((tx) => readCounts(tx, me))).conflicts).toBe(0);
    const twice = await cmd.resolveConflict(conflict.id, { groupId: g2, assigneeId: null });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT_CLOSED');
    const unknown = await cmd.resolveConflict(newId(), { groupId: g2, assigneeId: null });
    expect(!unknown.ok && unknown.error.code).toBe('CONFLICT_NOT_FOUND');
  });
});

describe('two tabs on one database (dexie store)', () => {
  const twoTabs = async () => {
    const name = `test-${newId()}`;
    return [await openDexieStore(name, { indexedDB, IDBKeyRange }), await openDexieStore(name, { indexedDB, IDBKeyRange })] as const;
  };

  it('keeps one gap-free seq counter when both tabs capture tickets', async () => {
    const [a, b] = await twoTabs();
    try {
      const ca = createCommands({ store: a, actor: me });
      const cb = createCommands({ store: b, actor: me });
      const subjects: string[] = [];
      const create = async (c: Commands, s: string) => {
        subjects.push(s);
        expect((await c.createTicket(fields({ subject: s }))).ok).toBe(true);
      };
      await create(ca, 'a1');
      await create(ca, 'a2'); // a goes ahead on what it saw last
      await create(cb, 'b1'); // …which b has just moved
      await create(ca, 'a3');
      await create(cb, 'b2');
      await Promise.all([create(ca, 'a4'), create(cb, 'b3'), create(ca, 'a5')]);
      const outbox = await listOutbox(a);
      expect(outbox.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(outbox.map((e) => e.mutation.seq)).toEqual(outbox.map((e) => e.seq));
      expect(new Set(outbox.map((e) => e.mutation.clientId)).size).toBe(1);
      expect((await listTickets(b)).map((t) => t.subject).sort()).toEqual(subjects.sort());
      expect(await a.read((tx) => getMeta(tx, 'nextSeq', 1))).toBe(9);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses, writing nothing, a ticket for a group the other tab has just learned is gone', async () => {
    const [a, b] = await twoTabs();
    try {
      const cmd = createCommands({ store: a, actor: me });
      const g = { id: newId(), name: 'L2', nameZh: '二线', kind: 'l2' as const, contacts: [], version: 1 };
      const g0 = { ...g, id: newId(), name: 'L1' };
      await pullInto(b, page([{ entity: 'group', op: 'put', version: 1, row: g0 }, { entity: 'group', op: 'put', version: 1, row: g }], 1));
      expect((await cmd.createTicket(fields(), { groupId: g.id, assigneeId: null })).ok).toBe(true);
      expect((await cmd.createTicket(fields(), { groupId: g.id, assigneeId: null })).ok).toBe(true);
      await pullInto(b, page([{ entity: 'group', op: 'delete', version: 2, id: g.id }], 2));
      const gone = await cmd.createTicket(fields(), { groupId: g.id, assigneeId: null });
      expect(!gone.ok && gone.error.code).toBe('UNKNOWN_GROUP');
      expect((await listOutbox(a)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await a.read((tx) => getMeta(tx, 'nextSeq', 1))).toBe(3);
      expect((await cmd.createTicket(fields(), { groupId: g0.id, assigneeId: null })).ok).toBe(true);
      expect((await listOutbox(a)).map((e) => e.seq)).toEqual([1, 2, 3]);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('the directory kept in memory, with two tabs on one database (dexie store)', () => {
  it('is dropped when the other tab writes the directory', async () => {
    const name = `test-${newId()}`;
    const a = await openDexieStore(name, { indexedDB, IDBKeyRange });
    const b = await openDexieStore(name, { indexedDB, IDBKeyRange });
    try {
      const cmd = createCommands({ store: a, actor: me });
      const g1 = { id: newId(), name: 'L1', nameZh: '一线', kind: 'l1' as const, contacts: [], version: 1 };
      const g2 = { ...g1, id: newId(), name: 'L2' };
      await pullInto(b, page([{ entity: 'group', op: 'put', version: 1, row: g1 }], 1));
      const created = await cmd.createTicket(fields());
      const id = created.ok ? created.value : '';
      // Tab a keeps the directory it read (only g1)…
      const before = await cmd.assign(id, g2.id, null);
      expect(!before.ok && before.error.code).toBe('UNKNOWN_GROUP');
      // …until tab b (the sync leader) pulls g2.
      await pullInto(b, page([{ entity: 'group', op: 'put', version: 2, row: g2 }], 2));
      expect((await cmd.assign(id, g2.id, null)).ok).toBe(true);
      expect((await listOutbox(a)).map((e) => e.seq)).toEqual([1, 2]);
    } finally {
      a.close();
      b.close();
    }
  });
});
