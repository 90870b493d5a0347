/**
 * Live queries for the UI: each re-renders when the cache changes (Dexie `useLiveQuery`).
 * They answer `undefined` while the first read is under way, and empty results when nobody
 * is signed in. The same reads as plain functions are in `reads.ts`.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { SyncStatus } from '../../../src-shared/sync/status';
import type { SyncRecord } from '../../../src-shared/sync/records';
import type { Article } from '../../../src-shared/knowledge/model';
import { countArticles, getArticle, getDirectory, getTicketDetail, listConflicts, listRecords, listRejections, listTickets, type ConflictItem, type Directory, type TicketDetail, type TicketListItem } from './reads';
import type { RecordRow, Rejection } from './store';
import { useSyncStore } from './status-store';

const useStore = () => useSyncStore((s) => s.workstation?.store ?? null);

/** The ticket list (view rows with pending count and rejection flag), most recently updated first. */
export const useTickets = (): TicketListItem[] | undefined => {
  const store = useStore();
  return useLiveQuery(() => (store ? listTickets(store) : []), [store]);
};

/** One ticket with worklog (pending flags), history, pending mutations, rejections and conflicts. */
export const useTicket = (ticketId: string | null | undefined): TicketDetail | undefined => {
  const store = useStore();
  return useLiveQuery(
    () => (store && ticketId ? getTicketDetail(store, ticketId) : { ticket: undefined, worklog: [], history: [], pending: [], rejections: [], conflicts: [] }),
    [store, ticketId],
  );
};

/** Users, groups and desk settings. */
export const useDirectory = (): Directory | undefined => {
  const store = useStore();
  return useLiveQuery(() => (store ? getDirectory(store) : { users: [], groups: [], settings: null }), [store]);
};

/** Conflicts, open first, with both sides and any queued resolution. */
export const useConflicts = (): ConflictItem[] | undefined => {
  const store = useStore();
  return useLiveQuery(() => (store ? listConflicts(store) : []), [store]);
};

/** Open rejections (or all of them), oldest first. */
export const useRejections = (opts: { all?: boolean } = {}): Rejection[] | undefined => {
  const store = useStore();
  const all = opts.all ?? false;
  return useLiveQuery(() => (store ? listRejections(store, { all }) : []), [store, all]);
};

/** The sync indicator's status (always the truth: see `SyncStatus`). */
export const useSyncStatus = (): SyncStatus => useSyncStore((s) => s.status);

/** The records of one kind kept on this workstation (calls, links, article feedback…), newest first. */
export const useRecords = <K extends SyncRecord['kind']>(kind: K): (RecordRow & { record: Extract<SyncRecord, { kind: K }> })[] | undefined => {
  const store = useStore();
  return useLiveQuery(() => (store ? listRecords(store, kind) : []), [store, kind]);
};

/** One cached article (undefined while loading, null when this workstation does not have it). */
export const useArticle = (id: string | null): Article | null | undefined => {
  const store = useStore();
  return useLiveQuery(async () => (store && id ? ((await getArticle(store, id)) ?? null) : null), [store, id]);
};

/** How many articles this workstation holds. */
export const useArticleCount = (): number | undefined => {
  const store = useStore();
  return useLiveQuery(() => (store ? countArticles(store) : 0), [store]);
};
