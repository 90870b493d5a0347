/**
 * The push path, on PGlite and PostgreSQL:
 * - a full push of MAX_PUSH mutations with refusals in the middle runs set-based (no fallback),
 *   applies the others with consecutive versions, and a resend answers the stored results;
 * - a mutation the database cannot store sends the push to the per-mutation fallback, which
 *   isolates it (the others still land);
 * - differential: random multi-user scenarios (every mutation kind, stale copies, conflicts,
 *   refusals of every sort, reused note ids, scope moves) give the same results and the same rows
 *   through the set-based path as through the per-mutation path, from the same database state.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../src-shared/desk/directory';
import { newId } from '../../src-shared/ids';
import type { Mutation, MutationDraft } from '../../src-shared/sync/mutations';
import { MAX_PUSH, type Change, type DeskSettings, type MutationResult } from '../../src-shared/sync/protocol';
import type { EditableFields, Ticket } from '../../src-shared/ticket/model';
import { TICKET_STATUSES } from '../../src-shared/ticket/status';
import { openDatabase, type Db, type DbHandle } from '../db/open';
import { users } from '../db/schema';
import { createUser, groupIdsOf, type Actor } from '../desk/directory';
import { seedDemo } from '../desk/seed';
import { loadSettings } from '../desk/settings';
import { createLogger } from '../log';
import { KINDS, Station, cleanupShared, fields, newDatabase, startDesk, type TestDesk } from '../testing/harness';
import { applyBatch } from './push-batch';
import { applyEach } from './push-each';
import type { Incoming, Run } from './push-rules';

afterAll(cleanupShared);

const capture = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'warn', sink: { out: (l) => lines.push(l), err: (l) => lines.push(l) } }) };
};
const FALLBACK = 'set-based push failed';

describe.each(KINDS)('push on %s', (kind) => {
  let desk: TestDesk;
  let lines: string[];
  let l1 = '';
  let l2 = '';

  beforeAll(async () => {
    const c = capture();
    lines = c.lines;
    desk = await startDesk(kind, { logger: c.logger });
    const s = await Station.signIn(desk.api, '9001', 'super9001');
    const groups = (await s.pull(0)).changes.flatMap((ch) => (ch.entity === 'group' && ch.op === 'put' ? [ch.row as Group] : []));
    l1 = groups.find((g) => g.name === 'L1')!.id;
    l2 = groups.find((g) => g.name === 'L2 Network')!.id;
  });
  afterAll(async () => desk?.close());

  it('applies a full push with refusals in the middle set-based, and answers a resend from the stored results', async () => {
    const a = await Station.signIn(desk.api, '1001', 'agent1001');
    const ex = await Station.signIn(desk.api, '2001', 'expert2001');
    const foreign = newId();
    await ex.pushOk(ex.createTicket(l2, { subject: 'not for L1' }, foreign));
    const versionBefore = (await a.pull(0)).cursor;

    const ids = Array.from({ length: 450 }, () => newId());
    const drafts: MutationDraft[] = ids.map((id, i) => ({ kind: 'createTicket', ticketId: id, fields: fields({ subject: `bulk ${i}` }), groupId: l1, assigneeId: i % 3 ? null : a.userId }));
    drafts.splice(
      200,
      0,
      { kind: 'changeStatus', ticketId: ids[0]!, to: 'closed' }, // INVALID_TRANSITION
      { kind: 'addNote', ticketId: foreign, noteId: newId(), body: 'peek' }, // FORBIDDEN
      { kind: 'setFields', ticketId: newId(), fields: { subject: 'nobody' }, base: {} }, // TICKET_NOT_FOUND
      { kind: 'createTicket', ticketId: ids[1]!, fields: fields(), groupId: l1, assigneeId: null }, // TICKET_EXISTS
      { kind: 'createTicket', ticketId: newId(), fields: fields({ touchpoint: 'ZZ4001' }), groupId: l1, assigneeId: null }, // UNKNOWN_TOUCHPOINT
    );
    const noteId = newId();
    drafts.push({ kind: 'addNote', ticketId: ids[2]!, noteId, body: 'first' }, { kind: 'addNote', ticketId: ids[3]!, noteId, body: 'same id again' });
    // Escalations of ids[57..399] only (ids[5] is checked as never escalated, whatever MAX_PUSH is).
    while (drafts.length < MAX_PUSH - 1) drafts.push({ kind: 'escalate', ticketId: ids[Math.max(57, drafts.length % 400)]!, level: 1 });
    const ms: unknown[] = drafts.map((d) => a.mutation(d));
    // One payload the schema refuses (a workstation of another version), kept in the queue.
    ms.splice(300, 0, { ...(a.mutation({ kind: 'addNote', ticketId: ids[4]!, noteId: newId(), body: 'x' }) as object), body: '' });
    expect(ms).toHaveLength(MAX_PUSH);
    // The 301st mutation took the last seq: put the seqs back in order.
    ms.forEach((m, i) => Object.assign(m as object, { seq: a.seq - MAX_PUSH + 1 + i }));

    const first = await a.push(...ms);
    expect(first.status).toBe(200);
    const res = first.body.results;
    expect(res.map((r) => r.seq)).toEqual((ms as Mutation[]).map((m) => m.seq));
    const rejected = res.filter((r) => r.status === 'rejected').map((r) => (r as { error: { code: string } }).error.code);
    expect(rejected).toEqual(['INVALID_TRANSITION', 'FORBIDDEN', 'TICKET_NOT_FOUND', 'TICKET_EXISTS', 'UNKNOWN_TOUCHPOINT', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
    expect(res.every((r) => !r.duplicate)).toBe(true);
    const applied = res.filter((r) => r.status === 'applied').length;
    expect(applied).toBe(MAX_PUSH - 7);
    expect(first.body.lastSeq).toBe(a.seq);
    expect(first.body.version).toBe(versionBefore + applied);
    expect(lines.filter((l) => l.includes(FALLBACK))).toEqual([]);

    // Every applied mutation has its own version; tickets are numbered in creation order.
    const changes: Change[] = [];
    for (let cursor = versionBefore, more = true; more; ) {
      const page = await a.pull(cursor, 1000);
      changes.push(...page.changes);
      cursor = page.cursor;
      more = page.hasMore;
    }
    const mine = changes.flatMap((c) => (c.entity === 'ticket' && c.op === 'put' && ids.includes(c.row.id) ? [c.row] : [])) as Ticket[];
    expect(mine).toHaveLength(ids.length);
    const byId = new Map(mine.map((t) => [t.id, t]));
    const numbers = ids.map((id) => byId.get(id)!.number!);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    expect(new Set(numbers).size).toBe(ids.length);
    const created = changes.filter((c) => c.entity === 'history' && c.op === 'put' && c.row.field === 'created');
    expect(new Set(created.map((c) => c.version)).size).toBe(ids.length);
    expect(byId.get(ids[60]!)!.escalationLevel).toBe(1);
    expect(byId.get(ids[5]!)!.escalationLevel).toBe(0);
    const notes = changes.filter((c) => c.entity === 'worklog');
    expect(notes.map((c) => (c.op === 'put' ? c.row.body : ''))).toEqual(['first']);

    const again = await a.push(...ms);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual(res.map((r) => ({ ...r, duplicate: true })));
    expect(again.body.lastSeq).toBe(a.seq);
    expect(again.body.version).toBe(first.body.version);
  });

  it('falls back to one savepoint per mutation when the database refuses the set-based write, isolating that mutation', async () => {
    const a = await Station.signIn(desk.api, '1002', 'agent1002');
    const ok1 = newId();
    const bad = newId();
    const ok2 = newId();
    const ms = [
      a.mutation(a.createTicket(l1, { subject: 'before' }, ok1)),
      a.mutation(a.createTicket(l1, { subject: 'nul \u0000 inside' }, bad)),
      a.mutation(a.createTicket(l1, { subject: 'after' }, ok2)),
      a.mutation({ kind: 'addNote', ticketId: ok1, noteId: newId(), body: 'noted' }),
    ];
    const r = await a.push(...ms);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(['applied', 'rejected', 'applied', 'applied']);
    expect(r.body.results[1]).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(lines.some((l) => l.includes(FALLBACK))).toBe(true);
    lines.length = 0;
    const list = await desk.api.call<Ticket[]>('GET', '/api/tickets', { token: a.token });
    expect(list.body.filter((t) => [ok1, bad, ok2].includes(t.id)).map((t) => t.subject).sort()).toEqual(['after', 'before']);
    const again = await a.push(...ms);
    expect(again.body.results).toEqual(r.body.results.map((x) => ({ ...x, duplicate: true })));
    expect(lines).toEqual([]);
  });

  it('decides ids written in upper case as the database compares them (per-mutation path, no fallback warning)', async () => {
    const a = await Station.signIn(desk.api, '1001', 'agent1001');
    const id = newId();
    await a.pushOk(a.createTicket(l1, { subject: 'lower' }, id));
    const r = await a.pushOk(
      { kind: 'setFields', ticketId: id.toUpperCase(), fields: { subject: 'upper' }, base: {} },
      { kind: 'assign', ticketId: id, groupId: l1.toUpperCase(), assigneeId: a.userId.toUpperCase(), base: {} },
    );
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    const d = await desk.api.call<{ ticket: Ticket }>('GET', `/api/tickets/${id}`, { token: a.token });
    expect(d.body.ticket).toMatchObject({ subject: 'upper', groupId: l1, assigneeId: a.userId });
    expect(lines.filter((l) => l.includes(FALLBACK))).toEqual([]);
  });
});

/* ------------------------------------------------------------------ differential */

/** A small deterministic PRNG (mulberry32). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** A UUID made from the PRNG, so that both runs of a scenario use the same ids. */
const uuidFrom = (rnd: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

type World = { db: Db; actors: Actor[]; groups: string[]; settings: DeskSettings };

const actorsOf = async (db: Db): Promise<Actor[]> => {
  const rows = await db.select().from(users);
  const gids = await groupIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, workNumber: r.workNumber, name: r.name, role: r.role, groupIds: gids.get(r.id) ?? [] }));
};

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> => {
  const res = (await db.execute(query)) as unknown;
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
};

/**
 * Everything a push writes, with what legitimately differs between two runs taken out:
 * server-made ids (history, conflicts: conflicts are named by the mutation that opened them),
 * server clock times, the order of audience lists and the absolute ticket numbers (their order is kept).
 */
const snapshot = async (db: Db, since: number, opened: Map<string, string>) => {
  const label = (id: unknown) => (typeof id === 'string' ? (opened.get(id) ?? id) : id);
  const tickets = await rowsOf<Record<string, unknown>>(
    db,
    sql`select id, number, type, touchpoint, impact, urgency, caller_name, organisation, phone, email, device_model, device_serial, subject, description,
          priority, status, group_id, assignee_id, assigned_by, assigned_at is null as unassigned, escalation_level, created_by, version::int as version, field_versions
        from tickets where version > ${since} order by number`,
  );
  const numbers = tickets.map((t) => Number(t.number));
  return {
    tickets: tickets.map(({ number: _n, ...t }) => t),
    numbersAscend: numbers.every((n, i) => i === 0 || n > numbers[i - 1]!),
    history: await rowsOf(
      db,
      sql`select ticket_id, user_id, field, from_value, to_value, mutation_id, concurrent, version::int as version from history where version > ${since}
          order by version, ticket_id, field, from_value::text, to_value::text`,
    ),
    worklog: await rowsOf(db, sql`select id, ticket_id, author_id, body, version::int as version from worklog where version > ${since} order by version, id`),
    conflicts: (
      await rowsOf<{ id: string; status: string; sides: { userId: string; groupId: string | null; assigneeId: string | null }[] }>(
        db,
        sql`select id, ticket_id, field, sides, participants, status, resolved_by, resolution, version::int as version from conflicts where version > ${since} order by version`,
      )
    ).map((c) => ({ ...c, id: label(c.id), sides: c.sides.map(({ userId, groupId, assigneeId }) => ({ userId, groupId, assigneeId })) })),
    tombstones: (
      await rowsOf<{ record_id: string; version: number; audience: string[] }>(
        db,
        sql`select record_id, version::int as version, audience from tombstones where version > ${since} order by version, record_id`,
      )
    ).map((t) => ({ ...t, audience: [...t.audience].sort() })),
    grants: (
      await rowsOf<{ ticket_id: string; version: number; audience: string[] }>(
        db,
        sql`select ticket_id, version::int as version, audience from ticket_grants where version > ${since} order by version, ticket_id`,
      )
    ).map((g) => ({ ...g, audience: [...g.audience].sort() })),
    version: Number((await rowsOf<{ version: unknown }>(db, sql`select version from desk_state`))[0]!.version),
  };
};

type Scenario = { batches: { actor: number; clientId: string; make: (tx: Db) => Promise<Incoming[]> }[] };

/**
 * A random scenario: `n` batches by random people, each a random mix of every mutation kind.
 * Everything, ids included, comes from the seed: make it afresh for each run.
 */
const scenario = (w: World, seed: number, n: number): Scenario => {
  const rnd = prng(seed);
  const newId = () => uuidFrom(rnd);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const clients = w.actors.map(() => ({ id: newId(), seq: 0 }));
  const ticketIds: string[] = [];
  const noteIds: string[] = [];
  const people = w.actors.map((a) => a.id);
  const group = () => (chance(0.15) ? null : chance(0.05) ? newId() : pick(w.groups));
  const assignee = () => (chance(0.6) ? null : chance(0.05) ? newId() : pick(people));
  const someFields = (): Partial<EditableFields> => {
    const f: Partial<EditableFields> = {};
    if (chance(0.6)) f.subject = pick(['Printer', 'VPN', 'Mail', 'Phone']);
    if (chance(0.3)) f.impact = pick(['high', 'medium', 'low'] as const);
    if (chance(0.3)) f.urgency = pick(['high', 'medium', 'low'] as const);
    if (chance(0.05)) f.touchpoint = 'ZZ4001';
    if (chance(0.2)) f.description = `d${Math.floor(rnd() * 5)}`;
    return f;
  };
  return {
    batches: Array.from({ length: n }, () => {
      const actor = Math.floor(rnd() * w.actors.length);
      const client = clients[actor]!;
      const size = 1 + Math.floor(rnd() * 30);
      const draws = Array.from({ length: size }, () => rnd());
      return {
        actor,
        clientId: client.id,
        // Made when the batch runs, from what the database then holds (field versions to send as
        // `base`, open conflicts): the same in both runs, since both must have written the same.
        make: async (tx: Db) => {
          const current = new Map(
            (await rowsOf<{ id: string; field_versions: Record<string, number> }>(tx, sql`select id, field_versions from tickets`)).map((t) => [t.id, t.field_versions]),
          );
          const open = await rowsOf<{ id: string; ticket_id: string }>(tx, sql`select id, ticket_id from conflicts where status = 'open' order by version, ticket_id`);
          const sub = prng(Math.floor(draws[0]! * 1e9));
          const newId = () => uuidFrom(sub);
          const spick = <T>(xs: readonly T[]): T => xs[Math.floor(sub() * xs.length)]!;
          const base = (id: string) => (sub() < 0.5 ? (current.get(id) ?? {}) : sub() < 0.5 ? {} : Object.fromEntries(Object.entries(current.get(id) ?? {}).map(([k, v]) => [k, v - 1])));
          return draws.map((d): Incoming => {
            const known = () => (ticketIds.length && sub() > 0.05 ? spick(ticketIds) : newId());
            let draft: MutationDraft;
            if (d < 0.22 || !ticketIds.length) {
              const id = sub() < 0.03 && ticketIds.length ? spick(ticketIds) : newId();
              ticketIds.push(id);
              draft = { kind: 'createTicket', ticketId: id, fields: fields(someFields()), groupId: group(), assigneeId: assignee() };
            } else if (d < 0.38) {
              const id = known();
              draft = { kind: 'setFields', ticketId: id, fields: someFields(), base: base(id) };
            } else if (d < 0.52) {
              const noteId = noteIds.length && sub() < 0.1 ? spick(noteIds) : newId();
              noteIds.push(noteId);
              draft = { kind: 'addNote', ticketId: known(), noteId, body: 'note' };
            } else if (d < 0.7) {
              const id = known();
              draft = { kind: 'assign', ticketId: id, groupId: group(), assigneeId: assignee(), base: base(id) };
            } else if (d < 0.82) draft = { kind: 'changeStatus', ticketId: known(), to: spick(TICKET_STATUSES) };
            else if (d < 0.9) draft = { kind: 'escalate', ticketId: known(), level: Math.floor(sub() * 4) };
            else if (d < 0.97 && open.length) {
              const c = spick(open);
              draft = { kind: 'resolveConflict', ticketId: sub() < 0.9 ? c.ticket_id : known(), conflictId: c.id, choice: { groupId: group(), assigneeId: assignee() } };
            } else {
              client.seq += 1;
              return { id: newId(), seq: client.seq, mutation: null, error: { code: 'VALIDATION_FAILED', message: 'Invalid mutation' } };
            }
            client.seq += 1;
            const m = { ...draft, id: newId(), clientId: client.id, seq: client.seq, at: '2026-11-23T10:00:00.000Z' } as Mutation;
            return { id: m.id, seq: m.seq, mutation: m };
          });
        },
      };
    }),
  };
};

type Path = 'batch' | 'each';

/** Runs a scenario through one path inside a transaction that is rolled back, and answers what it wrote. */
const runScenario = async (w: World, seed: number, path: Path) => {
  const sc = scenario(w, seed, 12);
  const log = createLogger({ level: 'silent' });
  let out: { results: MutationResult[][]; snap: Awaited<ReturnType<typeof snapshot>> } | undefined;
  const rollback = new Error('rollback');
  try {
    await w.db.transaction(async (tx) => {
      const since = Number((await rowsOf<{ version: unknown }>(tx, sql`select version from desk_state`))[0]!.version);
      const results: MutationResult[][] = [];
      const opened = new Map<string, string>();
      for (const [i, b] of sc.batches.entries()) {
        const fresh = await b.make(tx);
        const actor = w.actors[b.actor]!;
        const book = { clientId: b.clientId, lastSeq: fresh.at(-1)!.seq };
        const run: Run =
          path === 'batch' ? await tx.transaction((sp) => applyBatch(sp, actor, fresh, w.settings, log, book)) : await applyEach(tx, actor, fresh, w.settings, log);
        for (const r of run.results) if (r.status === 'conflict') opened.set(r.conflictId, `opened by batch ${i} seq ${r.seq}`);
        results.push(run.results.map((r) => (r.status === 'conflict' ? { ...r, conflictId: opened.get(r.conflictId)! } : r)));
      }
      out = { results, snap: await snapshot(tx, since, opened) };
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return out!;
};

describe.each(KINDS)('set-based push against the per-mutation path on %s', (kind) => {
  let handle: DbHandle;
  let world: World;

  beforeAll(async () => {
    const { database } = await newDatabase(kind);
    handle = await openDatabase(database as { dataDir: string } | { url: string });
    await seedDemo(handle.db);
    const admin = (await actorsOf(handle.db)).find((a) => a.role === 'admin')!;
    const groups = await rowsOf<{ id: string; name: string }>(handle.db, sql`select id, name from groups order by name`);
    await createUser(handle.db, admin.id, { workNumber: '3001', name: 'Resolver', role: 'resolver', password: 'resolver3001', groupIds: [groups.find((g) => g.name === 'L2 Network')!.id] });
    world = {
      db: handle.db,
      actors: (await actorsOf(handle.db)).sort((x, y) => x.workNumber.localeCompare(y.workNumber)),
      groups: groups.map((g) => g.id),
      settings: (await loadSettings(handle.db)).value,
    };
  });
  afterAll(async () => handle?.close());

  it.each([1, 2, 3, 4, 5, 6])('gives the same results and rows (scenario %i)', { timeout: 120_000 }, async (seed) => {
    const fast = await runScenario(world, seed, 'batch');
    const slow = await runScenario(world, seed, 'each');
    expect(fast.results).toEqual(slow.results);
    expect(fast.snap).toEqual(slow.snap);
    // The scenarios do exercise what they are meant to.
    const all = fast.results.flat();
    const codes = new Set(all.flatMap((r) => (r.status === 'rejected' ? [r.error.code] : [])));
    expect(all.some((r) => r.status === 'applied')).toBe(true);
    expect(codes.size).toBeGreaterThan(3);
    expect(fast.snap.tickets.length).toBeGreaterThan(5);
  });

  it('covers conflicts, scope moves and reused note ids across the scenarios', { timeout: 120_000 }, async () => {
    const seen = { conflict: false, resolved: false, tombstone: false, grant: false, idInUse: false, forbidden: false };
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = await runScenario(world, seed, 'batch');
      const all = r.results.flat();
      seen.conflict ||= all.some((x) => x.status === 'conflict');
      seen.resolved ||= r.snap.conflicts.some((c) => c.status === 'resolved');
      seen.tombstone ||= r.snap.tombstones.length > 0;
      seen.grant ||= r.snap.grants.length > 0;
      seen.idInUse ||= all.some((x) => x.status === 'rejected' && x.error.message.includes('already in use'));
      seen.forbidden ||= all.some((x) => x.status === 'rejected' && x.error.code === 'FORBIDDEN');
    }
    expect(seen).toEqual({ conflict: true, resolved: true, tombstone: true, grant: true, idInUse: true, forbidden: true });
  });
});

