/**
 * The set-based way of running a push (the normal one): a handful of statements per request
 * instead of ~8 per mutation.
 *
 * 1. Lock desk_state's row (no other writer can commit until this transaction ends, as with the
 *    per-mutation path, whose first version bump takes the same lock) and read the version.
 * 2. Load every fact the batch can need, one query each: its tickets (`id = ANY`, FOR UPDATE),
 *    the conflicts it resolves, the groups it names with their members, the floor roles of the
 *    people whose scope may move, the ticket tombstones naming the actor, the note ids in use.
 * 3. Decide every mutation in memory, in seq order, with the shared rules (`push-rules.ts`,
 *    the reducer of src-shared) against in-memory copies that evolve as the batch goes, so a
 *    mutation sees the effects of the ones before it exactly as it would in the database.
 *    Refusals are decided there too: they never touch the database, so no savepoint is needed.
 *    The applied mutations get consecutive versions (base + 1, base + 2, …).
 * 4. Write: one `UPDATE desk_state SET version = version + N`, then one multi-row statement per
 *    table (tickets inserted with their final state — the number comes from the sequence, in
 *    creation order — or updated, history, worklog, conflicts, tombstones, grants, the results
 *    and the client's last seq), all in ONE statement of data-modifying CTEs. Each table's rows
 *    travel as ONE JSON parameter read by `jsonb_array_elements`, so there is no limit on bind
 *    parameters and little per-row work in the drivers.
 *
 * Any error is thrown: the caller runs this in a savepoint and falls back to `push-each.ts`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isFloorRole } from '../../src-shared/desk/directory';
import type { AppError } from '../../src-shared/result';
import type { Mutation } from '../../src-shared/sync/mutations';
import type { DeskSettings, MutationResult } from '../../src-shared/sync/protocol';
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../../src-shared/ticket/model';
import type { Db } from '../db/open';
import { clientSeqs, conflicts, deskState, groupMembers, groups, mutationResults, tickets, tombstones, users, worklog } from '../db/schema';
import type { Actor } from '../desk/directory';
import { lockVersion } from '../desk/version';
import { fastId } from './ids';
import type { Logger } from '../log';
import { ID_IN_USE, OUTSIDE_SCOPE, checkScope, decide, outcomeOf, scopeMoved, targetOf, type Incoming, type Run } from './push-rules';
import { CONFLICT_COLUMNS, HISTORY_COLUMNS, TICKET_COLUMNS, WORKLOG_COLUMNS, toConflict, toTicket, type Column } from './rows';
import { audienceFrom } from './scope';

/**
 * `column IN (the ids)`, as one text parameter (a PostgreSQL array literal; ids are validated uuids).
 * A semi-join on `unnest`, not `= ANY(array)`: the array is not a plan-time constant, so `= ANY`
 * compares each row with every id in turn — on a small table without statistics (PGlite never
 * analyzes) the planner picks a sequential scan and that is rows × ids comparisons (≈200 ms for
 * 500 × 500). The semi-join hashes the ids or probes the index, whichever the planner prefers.
 */
const anyUuid = (column: unknown, ids: Iterable<string>): SQL => sql`${column} in (select unnest(${`{${[...ids].join(',')}}`}::text::uuid[]))`;

/**
 * A JSON value as a `jsonb` parameter, sent as UTF-8 bytes (bytea): the drivers pass bytes through
 * without per-character work (PGlite measures and copies a text parameter in JavaScript).
 */
const jsonb = (value: unknown): SQL => sql`convert_from(${Buffer.from(JSON.stringify(value), 'utf8')}::bytea, 'UTF8')::jsonb`;

/**
 * The rows as a relation with typed, named columns, in the rows' order: ONE parameter, a JSON
 * array of value arrays (see `Column` in rows.ts), read by `jsonb_array_elements`.
 */
const relation = <T>(cols: readonly Column<T>[], rows: readonly T[]): SQL => {
  const values = rows.map((r) => cols.map((c) => c[2](r)));
  const select = cols.map(([n, t], i) => `${t === 'jsonb' ? `nullif(e.v->${i}, 'null'::jsonb)` : `(e.v->>${i})::${t}`} as "${n}"`).join(', ');
  return sql`select ${sql.raw(select)} from jsonb_array_elements(${jsonb(values)}) with ordinality as e(v, n) order by e.n`;
};

/** `INSERT INTO table (cols) SELECT … FROM jsonb_array_elements($1)` (null: no rows). */
const insertRows = <T>(table: string, cols: readonly Column<T>[], rows: readonly T[]): SQL | null =>
  rows.length ? sql`insert into ${sql.raw(`"${table}" (${cols.map(([n]) => `"${n}"`).join(', ')})`)} ${relation(cols, rows)}` : null;

/** `UPDATE table SET every other column FROM (the rows) WHERE id matches` (null: no rows). */
const updateRows = <T>(table: string, cols: readonly Column<T>[], rows: readonly T[]): SQL | null => {
  if (!rows.length) return null;
  const set = cols
    .filter(([n]) => n !== 'id')
    .map(([n]) => `"${n}" = x."${n}"`)
    .join(', ');
  return sql`update ${sql.raw(`"${table}" as t set ${set}`)} from (${relation(cols, rows)}) as x where t.id = x.id`;
};

/**
 * Runs several writes as ONE statement (data-modifying CTEs; each runs once, to completion, and
 * foreign keys are checked at the end of the statement, so children may name parents written
 * beside them) and answers the final query's first row. One round trip instead of one per table.
 */
const writeAll = async <R>(tx: Db, writes: (SQL | null)[], final: SQL): Promise<R | undefined> => {
  const parts = writes.filter((w): w is SQL => w !== null);
  const ctes = parts.map((w, i) => sql`${sql.raw(i ? ', ' : 'with ')}${sql.raw(`w${i}`)} as (${w})`);
  const res = (await tx.execute(sql.join([...ctes, sql` `, final]))) as unknown;
  const rows = Array.isArray(res) ? res : (res as { rows: unknown[] }).rows;
  return rows[0] as R | undefined;
};

/** Where a run leaves its client: the results to store (so a resent mutation gets the same answer) and the new last seq. */
export type Bookkeeping = { clientId: string; lastSeq: number };

/**
 * The run's results as ONE row (its seqs are consecutive: `seq` = the first, `last_seq` = the
 * last), so storing them costs one row however long the run; `storedResults` reads them back.
 */
const bookkeeping = (b: Bookkeeping, results: MutationResult[]): (SQL | null)[] => [
  results.length
    ? sql`insert into ${mutationResults} (client_id, seq, last_seq, mutation_id, result)
          values (${b.clientId}::uuid, ${results[0]!.seq}, ${results.at(-1)!.seq}, ${results[0]!.mutationId}::uuid, ${jsonb(results)})`
    : null,
  sql`update ${clientSeqs} set ${sql.identifier(clientSeqs.lastSeq.name)} = ${b.lastSeq}, ${sql.identifier(clientSeqs.updatedAt.name)} = ${new Date().toISOString()}::timestamptz where ${clientSeqs.clientId} = ${b.clientId}`,
];

/** Stores a run's results and the client's new last seq, in one statement (the per-mutation path's bookkeeping). */
export const storeBookkeeping = async (tx: Db, b: Bookkeeping, results: MutationResult[]): Promise<void> => {
  await writeAll(tx, bookkeeping(b, results), sql`select 1`);
};

type ScopeRow = { ticketId: string; version: number; audience: string[] };
/** Tombstones of tickets (`entity` 'ticket') and grants: who lost or gained a ticket at a version. */
const TOMBSTONE_COLUMNS: readonly Column<ScopeRow>[] = [
  ['entity', 'text', () => 'ticket'],
  ['record_id', 'uuid', (r) => r.ticketId],
  ['version', 'bigint', (r) => r.version],
  ['audience', 'jsonb', (r) => r.audience],
];
const GRANT_COLUMNS: readonly Column<ScopeRow>[] = [
  ['ticket_id', 'uuid', (r) => r.ticketId],
  ['version', 'bigint', (r) => r.version],
  ['audience', 'jsonb', (r) => r.audience],
];

/** What the batch knows of the database, loaded once, then evolved in memory as mutations apply. */
type State = {
  /** Tickets by id: as loaded, then as each applied mutation leaves them. */
  tickets: Map<string, Ticket>;
  /** Ids of the tickets that exist in the database (the others are inserted). */
  stored: Set<string>;
  conflicts: Map<string, Conflict>;
  storedConflicts: Set<string>;
  /** Members of each group the batch names (a group missing here does not exist). */
  members: Map<string, Set<string>>;
  /** People with a floor role, among those whose scope may move. */
  floor: Set<string>;
  /** Tickets a tombstone takes from the actor (loaded, and written by this batch). */
  lost: Set<string>;
  /** Worklog ids in use (loaded, and added by this batch). */
  noteIds: Set<string>;
};

const load = async (tx: Db, actor: Actor, ms: Mutation[]): Promise<State> => {
  const ticketIds = new Set(ms.map((m) => m.ticketId));
  const ticketRows = await tx.select().from(tickets).where(anyUuid(tickets.id, ticketIds)).for('update');
  const state: State = {
    tickets: new Map(ticketRows.map((r) => [r.id, toTicket(r)])),
    stored: new Set(ticketRows.map((r) => r.id)),
    conflicts: new Map(),
    storedConflicts: new Set(),
    members: new Map(),
    floor: new Set(),
    lost: new Set(),
    noteIds: new Set(),
  };

  const conflictIds = new Set(ms.flatMap((m) => (m.kind === 'resolveConflict' ? [m.conflictId] : [])));
  if (conflictIds.size)
    for (const r of await tx.select().from(conflicts).where(anyUuid(conflicts.id, conflictIds))) {
      state.conflicts.set(r.id, toConflict(r));
      state.storedConflicts.add(r.id);
    }

  // Scope moves only by reassignment (assign, resolveConflict) of a ticket that exists; the
  // audiences then need the members of its groups and who among them has a floor role.
  const moves = ms.some((m) => m.kind === 'assign' || m.kind === 'resolveConflict');
  const targets = ms.flatMap((m) => targetOf(m) ?? []);
  const groupIds = new Set(targets.flatMap((t) => (t.groupId ? [t.groupId] : [])));
  if (moves) for (const t of state.tickets.values()) if (t.groupId) groupIds.add(t.groupId);
  if (groupIds.size) {
    const rows = await tx
      .select({ groupId: groups.id, userId: groupMembers.userId })
      .from(groups)
      .leftJoin(groupMembers, sql`${groupMembers.groupId} = ${groups.id}`)
      .where(anyUuid(groups.id, groupIds));
    for (const r of rows) {
      let set = state.members.get(r.groupId);
      if (!set) state.members.set(r.groupId, (set = new Set()));
      if (r.userId) set.add(r.userId);
    }
  }
  if (moves) {
    const people = new Set<string>([actor.id]);
    for (const t of state.tickets.values()) for (const id of [t.createdBy, t.assigneeId]) if (id) people.add(id);
    for (const t of targets) if (t.assigneeId) people.add(t.assigneeId);
    for (const set of state.members.values()) for (const id of set) people.add(id);
    for (const r of await tx.select({ id: users.id, role: users.role }).from(users).where(anyUuid(users.id, people))) if (isFloorRole(r.role)) state.floor.add(r.id);
  }

  if (!isFloorRole(actor.role) && state.stored.size) {
    const rows = await tx
      .selectDistinct({ recordId: tombstones.recordId })
      .from(tombstones)
      .where(sql`${tombstones.entity} = 'ticket' and ${anyUuid(tombstones.recordId, state.stored)} and ${tombstones.audience} @> jsonb_build_array(${actor.id}::text)`);
    for (const r of rows) state.lost.add(r.recordId);
  }

  const noteIds = ms.flatMap((m) => (m.kind === 'addNote' ? [m.noteId] : []));
  if (noteIds.length) for (const r of await tx.select({ id: worklog.id }).from(worklog).where(anyUuid(worklog.id, noteIds))) state.noteIds.add(r.id);
  return state;
};

const UPPER_HEX = /[A-F]/;
const idsOf = (m: Mutation): (string | null)[] => {
  switch (m.kind) {
    case 'createTicket':
    case 'assign':
      return [m.ticketId, m.groupId, m.assigneeId];
    case 'addNote':
      return [m.ticketId, m.noteId];
    case 'resolveConflict':
      return [m.ticketId, m.conflictId, m.choice.groupId, m.choice.assigneeId];
    default:
      return [m.ticketId];
  }
};

/**
 * Whether the set-based path decides these mutations exactly as the per-mutation path would.
 * Not when an id is written in upper case (valid UUIDs, but never made by our workstations): the
 * database compares and answers uuids in lower case, which in-memory decisions would not mimic.
 */
export const fitsSetBased = (fresh: Incoming[]): boolean =>
  fresh.every((i) => !i.mutation || idsOf(i.mutation).every((id) => id === null || !UPPER_HEX.test(id)));

/** Runs `fresh` (consecutive new seqs) set-based (see the module comment). */
export const applyBatch = async (tx: Db, actor: Actor, fresh: Incoming[], settings: DeskSettings, log: Logger, book: Bookkeeping): Promise<Run> => {
  const results: MutationResult[] = [];
  const ms = fresh.flatMap((i) => (i.mutation ? [i.mutation] : []));
  if (!ms.length) {
    // Only payloads that failed validation: nothing to decide or lock.
    for (const inc of fresh) if (!inc.mutation) results.push({ seq: inc.seq, mutationId: inc.id, duplicate: false, status: 'rejected', error: inc.error });
    await storeBookkeeping(tx, book, results);
    return { results, lastVersion: null };
  }
  const base = await lockVersion(tx);
  const s = await load(tx, actor, ms);

  let version = base; // the last version given
  /** Tickets to write, in the order they were first changed (new tickets are numbered in that order). */
  const dirty = new Set<string>();
  const dirtyConflicts = new Set<string>();
  const historyRows: HistoryEntry[] = [];
  const notes: WorklogEntry[] = [];
  const tombstoneRows: ScopeRow[] = [];
  const grantRows: ScopeRow[] = [];
  const membersOf = (groupId: string): Iterable<string> => s.members.get(groupId) ?? [];
  const isFloor = (userId: string): boolean => s.floor.has(userId);

  for (const inc of fresh) {
    const reject = (error: AppError): void => void results.push({ seq: inc.seq, mutationId: inc.id, duplicate: false, status: 'rejected', error });
    if (!inc.mutation) {
      reject(inc.error);
      continue;
    }
    const m = inc.mutation;
    const ticket = s.tickets.get(m.ticketId);
    const conflict = m.kind === 'resolveConflict' ? s.conflicts.get(m.conflictId) : undefined;
    const scope = checkScope(actor, m, ticket, conflict);
    if (scope === 'tombstone' && !s.lost.has(m.ticketId)) {
      reject(OUTSIDE_SCOPE);
      continue;
    }
    if (scope !== null && scope !== 'tombstone') {
      reject(scope);
      continue;
    }
    const target = targetOf(m);
    const targetMembers = target?.groupId ? s.members.get(target.groupId) : undefined;
    const now = new Date().toISOString();
    const decided = decide(m, ticket, {
      actor,
      settings,
      version: version + 1,
      now,
      groupFound: targetMembers !== undefined,
      member: target?.assigneeId ? (targetMembers?.has(target.assigneeId) ?? false) : false,
      conflict,
    });
    if (!decided.ok) {
      reject(decided.error);
      continue;
    }
    const a = decided.value;
    if (a.note && s.noteIds.has(a.note.id)) {
      // The per-mutation path learns this from the database (unique violation); same answer.
      log.warn({ mutationId: m.id, kind: m.kind, noteId: a.note.id }, 'note id already in use; recorded as rejected');
      reject(ID_IN_USE);
      continue;
    }

    // Applied: keep its effects.
    version += 1;
    if (a.ticket !== ticket) {
      s.tickets.set(a.ticket.id, a.ticket);
      dirty.add(a.ticket.id);
    }
    for (const h of a.history)
      historyRows.push({ id: fastId(), ticketId: a.ticket.id, userId: actor.id, field: h.field, from: h.from, to: h.to, at: now, mutationId: m.id, concurrent: h.concurrent, version });
    if (a.note) {
      s.noteIds.add(a.note.id);
      notes.push(a.note);
    }
    for (const c of [a.opened, a.closed]) {
      if (!c) continue;
      s.conflicts.set(c.id, c);
      dirtyConflicts.add(c.id);
    }
    if (scopeMoved(ticket, a.ticket)) {
      const was = audienceFrom(ticket, membersOf, isFloor);
      const is = audienceFrom(a.ticket, membersOf, isFloor);
      const lost = [...was].filter((u) => !is.has(u));
      const gained = [...is].filter((u) => !was.has(u));
      if (lost.length) tombstoneRows.push({ ticketId: ticket.id, version, audience: lost });
      if (gained.length) grantRows.push({ ticketId: ticket.id, version, audience: gained });
      if (lost.includes(actor.id)) s.lost.add(ticket.id);
    }
    results.push({ seq: inc.seq, mutationId: inc.id, duplicate: false, ...outcomeOf(a) });
  }

  const applied = version - base;
  const changed = [...dirty].map((id) => s.tickets.get(id)!);
  const cs = [...dirtyConflicts].map((id) => s.conflicts.get(id)!);
  const row = await writeAll<{ version: string | number | bigint | null }>(
    tx,
    [
      // First, so that it is `w0` for the final query.
      applied ? sql`update ${deskState} set ${sql.identifier(deskState.version.name)} = ${deskState.version} + ${applied} returning ${deskState.version}` : null,
      insertRows('tickets', TICKET_COLUMNS, changed.filter((t) => !s.stored.has(t.id))),
      updateRows('tickets', TICKET_COLUMNS, changed.filter((t) => s.stored.has(t.id))),
      insertRows('history', HISTORY_COLUMNS, historyRows),
      insertRows('worklog', WORKLOG_COLUMNS, notes),
      insertRows('conflicts', CONFLICT_COLUMNS, cs.filter((c) => !s.storedConflicts.has(c.id))),
      updateRows('conflicts', CONFLICT_COLUMNS, cs.filter((c) => s.storedConflicts.has(c.id))),
      insertRows('tombstones', TOMBSTONE_COLUMNS, tombstoneRows),
      insertRows('ticket_grants', GRANT_COLUMNS, grantRows),
      ...bookkeeping(book, results),
    ],
    applied ? sql`select version from w0` : sql`select null as version`,
  );
  if (!applied) return { results, lastVersion: null };
  // desk_state is locked since `lockVersion`: the counter can only have moved by our own +N.
  if (Number(row?.version) !== version) throw new Error(`desk version moved while locked (expected ${version}, got ${row?.version})`);
  return { results, lastVersion: version };
};
