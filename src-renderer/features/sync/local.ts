/**
 * Steps that run inside one store transaction and keep the view consistent:
 * view = server copy + outbox replayed (see `view.ts`).
 */
import { isFloorRole, type Role } from '../../../src-shared/desk/directory';
import type { SyncStatus } from '../../../src-shared/sync/status';
import type { Conflict, Ticket } from '../../../src-shared/ticket/model';
import { getMeta, type OutboxEntry, type Rejection, type StoreTx, type TicketView, type WorklogRow } from './store';
import { replay, type LocalDirectory, type Replayed } from './view';
import type { Assignment } from './commands';

/** Who is working at this workstation. Floor roles (supervisor, admin) are involved in every conflict. */
export type Actor = { id: string; role?: Role };

const DIRECTORY_KEY = 'localDirectory';

/** The directory `loadDirectory` last kept, without reading anything (see `StoreTx.peekDirectory`). */
export const peekDirectory = (tx: StoreTx): { value: LocalDirectory; isCurrent(): Promise<boolean> } | undefined =>
  tx.peekDirectory<LocalDirectory>(DIRECTORY_KEY);

/**
 * The cached settings, groups and users for the apply context. Kept in memory by the store
 * (`fromDirectory`) until a directory table is written; the same object is handed out to
 * every caller, so never change it.
 */
export const loadDirectory = (tx: StoreTx): Promise<LocalDirectory> =>
  tx.fromDirectory(DIRECTORY_KEY, async () => {
    const [settings, groups, users] = await Promise.all([tx.settings.get('desk'), tx.groups.all(), tx.users.all()]);
    return {
      settings: settings?.value ?? null,
      groups: new Map(groups.map((g) => [g.id, g])),
      users: new Map(users.map((u) => [u.id, u])),
    };
  });

/** The outbox entries of one ticket, pending and acknowledged, in seq order. */
export const outboxOf = (tx: StoreTx, ticketId: string): Promise<OutboxEntry[]> => tx.outbox.where('ticketId', ticketId);

/** Server conflicts of one ticket, by id. */
export const conflictsOf = async (tx: StoreTx, ticketId: string): Promise<Map<string, Conflict>> =>
  new Map((await tx.conflicts.where('ticketId', ticketId)).map((c) => [c.id, c]));

/** What the view of one ticket is rebuilt from. */
export type TicketState = {
  server: Ticket | undefined;
  /** Its outbox entries, pending and acknowledged, in seq order. */
  entries: OutboxEntry[];
  conflicts: ReadonlyMap<string, Conflict>;
  rejections: Rejection[];
  worklog: WorklogRow[];
};

/** The state of a ticket id made on this workstation a moment ago: nothing anywhere yet. */
export const NEW_TICKET: TicketState = { server: undefined, entries: [], conflicts: new Map(), rejections: [], worklog: [] };

/** Reads the state of one ticket (its reads issued together). */
export const readTicketState = async (tx: StoreTx, ticketId: string): Promise<TicketState> => {
  const [server, entries, conflicts, rejections, worklog] = await Promise.all([
    tx.serverTickets.get(ticketId),
    outboxOf(tx, ticketId),
    conflictsOf(tx, ticketId),
    tx.rejections.where('ticketId', ticketId),
    tx.worklog.where('ticketId', ticketId),
  ]);
  return { server, entries, conflicts, rejections, worklog };
};

/** Replays a ticket's outbox onto its server copy. */
export const replayState = (state: TicketState, directory: LocalDirectory, actor: Actor): Replayed =>
  replay(
    state.server,
    state.entries.map((e) => e.mutation),
    directory,
    actor.id,
    state.conflicts,
  );

/**
 * Writes the view row and the pending worklog rows of one ticket: `r` is `state` replayed.
 * The writes are issued together; nothing is issued that has nothing to write.
 */
export const writeView = async (tx: StoreTx, ticketId: string, state: TicketState, r: Replayed): Promise<void> => {
  const writes: Promise<void>[] = [];
  if (r.ticket) {
    writes.push(
      tx.tickets.put({
        ...r.ticket,
        pending: state.entries.filter((e) => e.status === 'pending').length,
        rejected: state.rejections.filter((x) => x.status === 'open').length,
        localOnly: state.server === undefined,
      }),
    );
  } else {
    writes.push(tx.tickets.delete(ticketId));
  }
  // Pending notes = the replayed notes the server has not sent back yet; the other pending rows go.
  const serverNoteIds = new Set(state.worklog.filter((w) => !w.pending).map((w) => w.id));
  const notes = r.notes.filter((n) => !serverNoteIds.has(n.id)).map((n) => ({ ...n, pending: true }));
  const keep = new Set(notes.map((n) => n.id));
  const stale = state.worklog.filter((w) => w.pending && !keep.has(w.id)).map((w) => w.id);
  if (stale.length > 0) writes.push(tx.worklog.bulkDelete(stale));
  if (notes.length > 0) writes.push(tx.worklog.bulkPut(notes));
  await Promise.all(writes);
};

/** How many tickets `recomputeTickets` rebuilds at once (their reads and writes issued together). */
const RECOMPUTE_CHUNK = 64;

/**
 * Rebuilds the view row and the pending worklog rows of each ticket from the server copy
 * and the outbox. Idempotent; call it for every ticket a transaction touched.
 */
export const recomputeTickets = async (tx: StoreTx, ticketIds: Iterable<string>, actor: Actor, dir?: LocalDirectory): Promise<void> => {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return;
  const directory = dir ? Promise.resolve(dir) : loadDirectory(tx);
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
    await Promise.all(
      ids.slice(i, i + RECOMPUTE_CHUNK).map(async (id) => {
        const [d, state] = await Promise.all([directory, readTicketState(tx, id)]);
        await writeView(tx, id, state, replayState(state, d, actor));
      }),
    );
  }
};

/**
 * Brings each view row's pending count up to date after some of its outbox entries went from
 * pending to acknowledged (`settled`: ticket id → how many; none added or removed). The replay
 * takes pending and acknowledged entries alike, so nothing else of the view moves, and the row's
 * count (the number of its pending entries, kept so by every write of the outbox) drops by that
 * many: a row is read and written, instead of its outbox entries read (an index query per
 * ticket) or the row rebuilt (five reads and a replay). A ticket without a view row is rebuilt.
 */
export const settlePending = async (tx: StoreTx, settled: ReadonlyMap<string, number>, actor: Actor): Promise<void> => {
  const ids = [...settled.keys()];
  const rows = await tx.tickets.bulkGet(ids);
  const rebuild: string[] = [];
  const writes: TicketView[] = [];
  ids.forEach((id, i) => {
    const row = rows[i];
    if (!row) return void rebuild.push(id);
    const pending = Math.max(0, row.pending - settled.get(id)!);
    if (row.pending !== pending) writes.push({ ...row, pending });
  });
  await tx.tickets.bulkPut(writes);
  await recomputeTickets(tx, rebuild, actor);
};

/** Sets each view row's pending count from its outbox entries (after entries changed status other than by a push answer). */
export const recountPending = async (tx: StoreTx, ticketIds: Iterable<string>, actor: Actor): Promise<void> => {
  const ids = [...new Set(ticketIds)];
  const rebuild: string[] = [];
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
    await Promise.all(
      ids.slice(i, i + RECOMPUTE_CHUNK).map(async (id) => {
        const [row, entries] = await Promise.all([tx.tickets.get(id), outboxOf(tx, id)]);
        if (!row) return void rebuild.push(id);
        const pending = entries.filter((e) => e.status === 'pending').length;
        if (row.pending !== pending) await tx.tickets.put({ ...row, pending });
      }),
    );
  }
  await recomputeTickets(tx, rebuild, actor);
};

/**
 * The resolutions queued here (pending `resolveConflict` mutations) for `conflicts`, by
 * conflict id. Reads only the outbox entries of those conflicts' tickets (a resolution is
 * queued under its conflict's ticket), not the whole outbox.
 */
export const queuedResolutions = async (tx: StoreTx, conflicts: readonly Conflict[]): Promise<Map<string, Assignment>> => {
  const queued = new Map<string, Assignment>();
  if (conflicts.length === 0) return queued;
  const ticketIds = [...new Set(conflicts.map((c) => c.ticketId))];
  const entries = await Promise.all(ticketIds.map((id) => outboxOf(tx, id)));
  for (const e of entries.flat()) if (e.status === 'pending' && e.mutation.kind === 'resolveConflict') queued.set(e.mutation.conflictId, e.mutation.choice);
  return queued;
};

/** Open conflicts the actor is involved in and has not already resolved locally. */
export const openConflictCount = async (tx: StoreTx, actor: Actor): Promise<number> => {
  const floor = actor.role !== undefined && isFloorRole(actor.role);
  const open = (await tx.conflicts.where('status', 'open')).filter((c) => floor || c.participants.includes(actor.id));
  const resolving = await queuedResolutions(tx, open);
  return open.filter((c) => !resolving.has(c.id)).length;
};

/** The counters of the sync status, read from the store. */
export const readCounts = async (tx: StoreTx, actor: Actor): Promise<Omit<SyncStatus, 'connection'>> => {
  const [waiting, records, rejected, conflicts, lastSyncedAt] = await Promise.all([
    tx.outbox.countWhere('status', 'pending'),
    tx.records.countWhere('status', 'pending'),
    tx.rejections.countWhere('status', 'open'),
    openConflictCount(tx, actor),
    getMeta(tx, 'lastSyncedAt', null),
  ]);
  return { waiting: waiting + records, rejected, conflicts, lastSyncedAt };
};
