/**
 * Steps that run inside one store transaction and keep the view consistent:
 * view = server copy + outbox replayed (see `view.ts`).
 */
import { isFloorRole, type Role } from '../../../src-shared/desk/directory';
import type { SyncStatus } from '../../../src-shared/sync/status';
import type { Conflict } from '../../../src-shared/ticket/model';
import { getMeta, type OutboxEntry, type StoreTx } from './store';
import { replay, type LocalDirectory } from './view';

/** Who is working at this workstation. Floor roles (supervisor, admin) are involved in every conflict. */
export type Actor = { id: string; role?: Role };

/** Reads the cached settings, groups and users for the apply context. */
export const loadDirectory = async (tx: StoreTx): Promise<LocalDirectory> => {
  const [settings, groups, users] = await Promise.all([tx.settings.get('desk'), tx.groups.all(), tx.users.all()]);
  return {
    settings: settings?.value ?? null,
    groups: new Map(groups.map((g) => [g.id, g])),
    users: new Map(users.map((u) => [u.id, u])),
  };
};

/** The outbox entries of one ticket, pending and acknowledged, in seq order. */
export const outboxOf = (tx: StoreTx, ticketId: string): Promise<OutboxEntry[]> => tx.outbox.where('ticketId', ticketId);

/** Server conflicts of one ticket, by id. */
export const conflictsOf = async (tx: StoreTx, ticketId: string): Promise<Map<string, Conflict>> =>
  new Map((await tx.conflicts.where('ticketId', ticketId)).map((c) => [c.id, c]));

/**
 * Rebuilds the view row and the pending worklog rows of each ticket from the server copy
 * and the outbox. Idempotent; call it for every ticket a transaction touched.
 */
export const recomputeTickets = async (tx: StoreTx, ticketIds: Iterable<string>, actor: Actor, dir?: LocalDirectory): Promise<void> => {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return;
  const directory = dir ?? (await loadDirectory(tx));
  for (const id of ids) {
    const [server, entries, conflicts, rejections, worklog] = await Promise.all([
      tx.serverTickets.get(id),
      outboxOf(tx, id),
      conflictsOf(tx, id),
      tx.rejections.where('ticketId', id),
      tx.worklog.where('ticketId', id),
    ]);
    const r = replay(server, entries.map((e) => e.mutation), directory, actor.id, conflicts);
    if (r.ticket) {
      await tx.tickets.put({
        ...r.ticket,
        pending: entries.filter((e) => e.status === 'pending').length,
        rejected: rejections.filter((x) => x.status === 'open').length,
        localOnly: server === undefined,
      });
    } else {
      await tx.tickets.delete(id);
    }
    const serverNoteIds = new Set(worklog.filter((w) => !w.pending).map((w) => w.id));
    await tx.worklog.bulkDelete(worklog.filter((w) => w.pending).map((w) => w.id));
    await tx.worklog.bulkPut(r.notes.filter((n) => !serverNoteIds.has(n.id)).map((n) => ({ ...n, pending: true })));
  }
};

/** Open conflicts the actor is involved in and has not already resolved locally. */
export const openConflictCount = async (tx: StoreTx, actor: Actor): Promise<number> => {
  const [open, outbox] = await Promise.all([tx.conflicts.where('status', 'open'), tx.outbox.where('status', 'pending')]);
  const resolving = new Set(outbox.flatMap((e) => (e.mutation.kind === 'resolveConflict' ? [e.mutation.conflictId] : [])));
  const floor = actor.role !== undefined && isFloorRole(actor.role);
  return open.filter((c) => !resolving.has(c.id) && (floor || c.participants.includes(actor.id))).length;
};

/** The counters of the sync status, read from the store. */
export const readCounts = async (tx: StoreTx, actor: Actor): Promise<Omit<SyncStatus, 'connection'>> => {
  const [waiting, rejected, conflicts, lastSyncedAt] = await Promise.all([
    tx.outbox.countWhere('status', 'pending'),
    tx.rejections.countWhere('status', 'open'),
    openConflictCount(tx, actor),
    getMeta(tx, 'lastSyncedAt', null),
  ]);
  return { waiting, rejected, conflicts, lastSyncedAt };
};
