/**
 * Plain read functions over a `LocalStore` (what the hooks in `queries.ts` run, and what
 * tests and tools call directly). Each reads in one transaction, so it sees one state.
 */
import type { DirectoryUser, Group } from '../../../src-shared/desk/directory';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import type { Conflict, HistoryEntry } from '../../../src-shared/ticket/model';
import type { Assignment } from './commands';
import { queuedResolutions } from './local';
import type { SyncRecord } from '../../../src-shared/sync/records';
import type { Article } from '../../../src-shared/knowledge/model';
import { recordsOfKind } from './records';
import type { LocalStore, OutboxEntry, RecordRow, Rejection, TicketView, WorklogRow } from './store';

/** A row of the ticket list. */
export type TicketListItem = TicketView & { hasRejections: boolean };

/** Everything the ticket screen shows. */
export type TicketDetail = {
  ticket: TicketView | undefined;
  /** Server notes and this workstation's notes not yet back from the server (`pending`), oldest first. */
  worklog: WorklogRow[];
  history: HistoryEntry[];
  /** Mutations for this ticket not yet accepted by the server, in seq order. */
  pending: OutboxEntry[];
  /** Open rejections for this ticket. */
  rejections: Rejection[];
  conflicts: Conflict[];
};

export type Directory = { users: DirectoryUser[]; groups: Group[]; settings: DeskSettings | null };

/** A conflict with the resolution this workstation has queued for it (not yet synced). */
export type ConflictItem = Conflict & { pendingResolution: Assignment | null; ticket: TicketView | undefined };

const byAt = <T extends { at: string }>(a: T, b: T): number => a.at.localeCompare(b.at);

/** The ticket list, most recently updated first. */
export const listTickets = (store: LocalStore): Promise<TicketListItem[]> =>
  store.read(async (tx) =>
    (await tx.tickets.all())
      .map((t) => ({ ...t, hasRejections: t.rejected > 0 }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  );

/** One ticket with its worklog, history, pending mutations, rejections and conflicts. */
export const getTicketDetail = (store: LocalStore, ticketId: string): Promise<TicketDetail> =>
  store.read(async (tx) => {
    const [ticket, worklog, history, outbox, rejections, conflicts] = await Promise.all([
      tx.tickets.get(ticketId),
      tx.worklog.where('ticketId', ticketId),
      tx.history.where('ticketId', ticketId),
      tx.outbox.where('ticketId', ticketId),
      tx.rejections.where('ticketId', ticketId),
      tx.conflicts.where('ticketId', ticketId),
    ]);
    return {
      ticket,
      worklog: worklog.sort(byAt),
      history: history.sort(byAt),
      pending: outbox.filter((e) => e.status === 'pending'),
      rejections: rejections.filter((r) => r.status === 'open'),
      conflicts: conflicts.sort((a, b) => (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1)),
    };
  });

/** Users, groups and desk settings as cached. */
export const getDirectory = (store: LocalStore): Promise<Directory> =>
  store.read(async (tx) => {
    const [users, groups, settings] = await Promise.all([tx.users.all(), tx.groups.all(), tx.settings.get('desk')]);
    return { users, groups, settings: settings?.value ?? null };
  });

/** Conflicts, open ones first (newest first within each), with both sides and any queued resolution. */
export const listConflicts = (store: LocalStore): Promise<ConflictItem[]> =>
  store.read(async (tx) => {
    const conflicts = await tx.conflicts.all();
    const queued = await queuedResolutions(tx, conflicts);
    const items = await Promise.all(
      conflicts.map(async (c) => ({ ...c, pendingResolution: queued.get(c.id) ?? null, ticket: await tx.tickets.get(c.ticketId) })),
    );
    return items.sort((a, b) => (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1));
  });

/** Rejected mutations, oldest first: the open ones, or all (resubmitted and discarded too). */
export const listRejections = (store: LocalStore, opts: { all?: boolean } = {}): Promise<Rejection[]> =>
  store.read(async (tx) =>
    (opts.all ? await tx.rejections.all() : await tx.rejections.where('status', 'open')).sort(
      (a, b) => a.rejectedAt.localeCompare(b.rejectedAt) || a.mutation.seq - b.mutation.seq,
    ),
  );

/** Mutations waiting to be pushed, in seq order. */
export const listOutbox = (store: LocalStore): Promise<OutboxEntry[]> => store.read((tx) => tx.outbox.where('status', 'pending'));

/** The records of one kind kept on this workstation (any status), newest first by their time. */
export const listRecords = async <K extends SyncRecord['kind']>(store: LocalStore, kind: K): Promise<(RecordRow & { record: Extract<SyncRecord, { kind: K }> })[]> =>
  (await store.read((tx) => recordsOfKind(tx, kind))).sort((a, b) => (a.record.at < b.record.at ? 1 : a.record.at > b.record.at ? -1 : 0));

/** One cached (published) article. */
export const getArticle = (store: LocalStore, id: string): Promise<Article | undefined> => store.read((tx) => tx.articles.get(id));

/** How many published articles this workstation holds. */
export const countArticles = (store: LocalStore): Promise<number> => store.read((tx) => tx.articles.count());
