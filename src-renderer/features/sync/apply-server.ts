/**
 * What the engine writes when the server answers: push results onto the outbox, pull pages
 * into the server tables. Each function runs inside ONE store transaction and recomputes the
 * view of every ticket it touched.
 */
import { newId } from '../../../src-shared/ids';
import type { Mutation } from '../../../src-shared/sync/mutations';
import type { Change, PullResponse, PushResponse } from '../../../src-shared/sync/protocol';
import { recomputeTickets, recountPending, settlePending, type Actor } from './local';
import { SERVER_TABLES, setMeta, type OutboxEntry, type Rejection, type StoreTx } from './store';

export type PushApplied = {
  /** How many results were taken. */
  processed: number;
  /** The server holds a different mutation at this seq: our numbering is behind the server's. */
  mismatchAt: number | null;
};

/**
 * Takes the server's per-mutation results: applied, duplicate and conflict become
 * `acknowledged` (still replayed until the next completed pull), rejected ones move to
 * `rejections` with the server's error.
 */
export const applyPushResults = async (tx: StoreTx, res: PushResponse, actor: Actor, now: string): Promise<PushApplied> => {
  /** Tickets whose entries were acknowledged: how many. */
  const settled = new Map<string, number>();
  /** Tickets that lose an outbox entry (rejected): their replay changes. */
  const replayed = new Set<string>();
  const seen = new Set<number>();
  const acknowledged: OutboxEntry[] = [];
  const rejected: Rejection[] = [];
  const dropped: number[] = [];
  let processed = 0;
  let mismatchAt: number | null = null;
  // Every entry read at once, every write issued at once: one round trip each.
  const entries = await tx.outbox.bulkGet(res.results.map((r) => r.seq));
  for (const [i, r] of res.results.entries()) {
    const e = entries[i];
    if (!e || e.status !== 'pending' || seen.has(e.seq)) continue;
    if (e.mutation.id !== r.mutationId) {
      mismatchAt = r.seq;
      break;
    }
    seen.add(e.seq);
    processed++;
    if (r.status === 'rejected') {
      dropped.push(e.seq);
      replayed.add(e.ticketId);
      rejected.push({
        id: newId(),
        ticketId: e.ticketId,
        mutation: e.mutation,
        error: r.error,
        rejectedAt: now,
        status: 'open',
        resubmittedAs: null,
      });
    } else {
      const outcome = r.status === 'conflict' ? { status: 'conflict' as const, conflictId: r.conflictId } : { status: 'applied' as const };
      acknowledged.push({ ...e, status: 'acknowledged', outcome, ackVersion: res.version });
      settled.set(e.ticketId, (settled.get(e.ticketId) ?? 0) + 1);
    }
  }
  await Promise.all([
    tx.outbox.bulkDelete(dropped),
    tx.rejections.bulkPut(rejected),
    tx.outbox.bulkPut(acknowledged),
  ]);
  // Acknowledged entries still replay: those tickets only change their pending count.
  await recomputeTickets(tx, replayed, actor);
  for (const id of replayed) settled.delete(id);
  await settlePending(tx, settled, actor);
  return { processed, mismatchAt };
};

/**
 * Gives every outbox entry with seq ≥ `fromSeq` (pending, or acknowledged by a server that
 * has since forgotten it) a new seq counting from `startAt`, as pending, in the same order.
 * Used when the server reports a gap or holds other mutations at our seqs. Answers the
 * renumbered mutations (the journal gets copies).
 */
export const requeueFrom = async (tx: StoreTx, fromSeq: number, startAt: number, actor: Actor): Promise<Mutation[]> => {
  const moved = (await tx.outbox.all()).filter((e) => e.seq >= fromSeq);
  await tx.outbox.bulkDelete(moved.map((e) => e.seq));
  const renumbered: OutboxEntry[] = moved.map((e, i) => ({
    seq: startAt + i,
    ticketId: e.ticketId,
    mutation: { ...e.mutation, seq: startAt + i },
    status: 'pending',
  }));
  await tx.outbox.bulkPut(renumbered);
  const last = (await tx.outbox.all()).at(-1);
  await setMeta(tx, 'nextSeq', last ? last.seq + 1 : startAt);
  // Acknowledged entries among them are pending again: their tickets' counts go up.
  await recountPending(tx, new Set(moved.filter((e) => e.status !== 'pending').map((e) => e.ticketId)), actor);
  return renumbered.map((e) => e.mutation);
};

/** Drops the cached server state (not the outbox, rejections or client id) and rewinds the cursor. */
export const clearServerState = async (tx: StoreTx): Promise<void> => {
  for (const t of SERVER_TABLES) await tx[t].clear();
  await Promise.all([setMeta(tx, 'cursor', 0), setMeta(tx, 'articlesVersion', 0), setMeta(tx, 'serverEpoch', newId())]);
};

/** The tickets the outbox holds mutations for. */
const outboxTicketIds = async (tx: StoreTx): Promise<string[]> => [...new Set((await tx.outbox.all()).map((e) => e.ticketId))];

export type PageOptions = {
  /** The page answers a reset: clear the server state first, in the same transaction. */
  reset: boolean;
  /** Acknowledged seqs to drop when this is the last page (their effect has now been pulled). */
  pruneAcknowledged: readonly number[];
  now: string;
};

/** What a page changed besides tickets: the directory (replays must be redone), the articles (the search index follows). */
type PageEffects = { articlesVersion: number };

const applyChange = async (tx: StoreTx, c: Change, touched: Set<string>, fx: PageEffects): Promise<boolean> => {
  if (c.entity === 'article') {
    if (c.op === 'put') await Promise.all([tx.articles.put(c.row), tx.articleTombstones.delete(c.row.id)]);
    else await Promise.all([tx.articles.delete(c.id), tx.articleTombstones.put({ id: c.id, version: c.version })]);
    fx.articlesVersion = Math.max(fx.articlesVersion, c.version);
    return false;
  }
  if (c.op === 'delete') {
    switch (c.entity) {
      case 'ticket': {
        await tx.serverTickets.delete(c.id);
        const notes = await tx.worklog.where('ticketId', c.id);
        await tx.worklog.bulkDelete(notes.filter((n) => !n.pending).map((n) => n.id));
        await tx.history.bulkDelete((await tx.history.where('ticketId', c.id)).map((h) => h.id));
        touched.add(c.id);
        return false;
      }
      case 'conflict': {
        const old = await tx.conflicts.get(c.id);
        await tx.conflicts.delete(c.id);
        if (old) touched.add(old.ticketId);
        return false;
      }
      case 'user':
        await tx.users.delete(c.id);
        return true;
      case 'group':
        await tx.groups.delete(c.id);
        return true;
    }
  }
  switch (c.entity) {
    case 'ticket':
      await tx.serverTickets.put(c.row);
      touched.add(c.row.id);
      return false;
    case 'worklog':
      await tx.worklog.put({ ...c.row, pending: false });
      touched.add(c.row.ticketId);
      return false;
    case 'history':
      await tx.history.put(c.row);
      return false;
    case 'conflict':
      await tx.conflicts.put(c.row);
      touched.add(c.row.ticketId);
      return false;
    case 'user':
      await tx.users.put(c.row);
      return true;
    case 'group':
      await tx.groups.put(c.row);
      return true;
    case 'settings':
      await tx.settings.put({ key: 'desk', value: c.row });
      return true;
  }
  // A change this workstation does not understand aborts the page (and its cursor) as a whole.
  throw new Error(`Unknown change ${JSON.stringify(c).slice(0, 200)}`);
};

/** Applies one pull page with its cursor, then replays pending mutations on the tickets it touched. */
export const applyPullPage = async (tx: StoreTx, page: PullResponse, actor: Actor, opts: PageOptions): Promise<void> => {
  if (opts.reset) await clearServerState(tx);
  const touched = new Set<string>(opts.reset ? await outboxTicketIds(tx) : []);
  let directoryChanged = false;
  const fx: PageEffects = { articlesVersion: 0 };
  for (const c of page.changes) directoryChanged = (await applyChange(tx, c, touched, fx)) || directoryChanged;
  await setMeta(tx, 'cursor', page.cursor);
  if (fx.articlesVersion > 0) await setMeta(tx, 'articlesVersion', fx.articlesVersion);
  if (!page.hasMore) {
    const pruned = (await tx.outbox.bulkGet(opts.pruneAcknowledged)).filter((e) => e?.status === 'acknowledged') as OutboxEntry[];
    for (const e of pruned) touched.add(e.ticketId);
    await Promise.all([tx.outbox.bulkDelete(pruned.map((e) => e.seq)), setMeta(tx, 'lastSyncedAt', opts.now)]);
  }
  // New settings, groups or users can change how pending mutations replay.
  if (directoryChanged) for (const id of await outboxTicketIds(tx)) touched.add(id);
  await recomputeTickets(tx, touched, actor);
};

/** Handles a `reset` answer: drop the server state, keep the outbox, rebuild the view from it. */
export const resetServerState = async (tx: StoreTx, actor: Actor): Promise<void> => {
  await clearServerState(tx);
  await recomputeTickets(tx, await outboxTicketIds(tx), actor);
};
