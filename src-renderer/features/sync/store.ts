/**
 * The workstation's local storage, behind one interface (STYLE: storage behind an interface).
 * Two implementations: Dexie over IndexedDB (`dexie-store.ts`, the product) and an in-memory
 * one (`memory-store.ts`, for unit and property tests and Node benchmarks). Both give the
 * same guarantees: a `write` runs all-or-nothing and writes are serialized.
 */
import type { AppError } from '../../../src-shared/result';
import type { DirectoryUser, Group } from '../../../src-shared/desk/directory';
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../../../src-shared/ticket/model';
import type { Mutation } from '../../../src-shared/sync/mutations';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import type { Article } from '../../../src-shared/knowledge/model';
import type { SyncRecord } from '../../../src-shared/sync/records';

/** A ticket as the UI reads it: the server copy with this workstation's unsent mutations replayed on top. */
export type TicketView = Ticket & {
  /** Mutations for this ticket not yet accepted by the server. */
  pending: number;
  /** Open rejections for this ticket (the agent has to look at them). */
  rejected: number;
  /** The server has not sent this ticket back yet (created here, or not pulled yet). */
  localOnly: boolean;
};

/** A worklog entry: from the server (`pending: false`) or replayed from a local `addNote` not yet pulled back. */
export type WorklogRow = WorklogEntry & { pending: boolean };

/**
 * One outbox entry. `pending`: waits to be pushed. `acknowledged`: the server applied it
 * (or had it already) but the pull that brings its effect back has not finished, so it is
 * still replayed onto the view to keep the screen from flickering; the next completed pull
 * drops it.
 */
export type OutboxEntry = {
  seq: number;
  ticketId: string;
  mutation: Mutation;
  status: 'pending' | 'acknowledged';
  /** Set when acknowledged: the server's outcome. */
  outcome?: { status: 'applied' } | { status: 'conflict'; conflictId: string };
  ackVersion?: number;
};

/** A mutation the server refused, kept with its error until the agent resubmits an edited copy or discards it. */
export type Rejection = {
  id: string;
  ticketId: string;
  mutation: Mutation;
  error: AppError;
  rejectedAt: string;
  status: 'open' | 'resubmitted' | 'discarded';
  /** The seq of the new mutation made from the edited copy. */
  resubmittedAs: number | null;
};

export type SettingsRow = { key: 'desk'; value: DeskSettings };

/** Derived data kept to start fast (e.g. the knowledge search index's snapshot); safe to drop at any time. */
export type CacheRow = { key: string; value: unknown };

/** A published article left the cache (unpublished on the server) at `version`: what the search index drops. */
export type ArticleTombstone = { id: string; version: number };

/**
 * An append-only record (a call, a call–ticket link, article use or feedback), kept here
 * first. `pending`: waits to be pushed; `sent`: the server has it (kept for the screens that
 * show it, e.g. the call log); `rejected`: refused, with the server's reason.
 */
export type RecordRow = {
  id: string;
  kind: SyncRecord['kind'];
  status: 'pending' | 'sent' | 'rejected';
  record: SyncRecord;
  error?: AppError;
};

/** Small typed key-value rows. `cursor` is the pull cursor of the server state cached here. */
export type MetaValues = {
  clientId: string;
  nextSeq: number;
  cursor: number;
  lastSyncedAt: string | null;
  /**
   * A fresh id written by every transaction that writes a directory table (users, groups,
   * settings): what tells each tab that the directory it keeps in memory is out of date.
   */
  directoryStamp: string | null;
  /** The highest article version applied from the server (what the search index follows). */
  articlesVersion: number;
  /** Changes whenever the cached server state is dropped (a reset): indexes built from it start over. */
  serverEpoch: string | null;
};
export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];

/** Row type of each table. */
export type Rows = {
  serverTickets: Ticket;
  tickets: TicketView;
  worklog: WorklogRow;
  history: HistoryEntry;
  conflicts: Conflict;
  users: DirectoryUser;
  groups: Group;
  settings: SettingsRow;
  articles: Article;
  articleTombstones: ArticleTombstone;
  outbox: OutboxEntry;
  rejections: Rejection;
  records: RecordRow;
  derived: CacheRow;
  meta: MetaRow;
};
export type TableName = keyof Rows;

/** Primary key of each table. */
export type Keys = {
  serverTickets: string;
  tickets: string;
  worklog: string;
  history: string;
  conflicts: string;
  users: string;
  groups: string;
  settings: 'desk';
  articles: string;
  articleTombstones: string;
  outbox: number;
  rejections: string;
  records: string;
  derived: string;
  meta: MetaKey;
};

/** Secondary indexes (equality lookups) of each table. */
export type Indexes = {
  serverTickets: never;
  tickets: 'status';
  worklog: 'ticketId';
  history: 'ticketId';
  conflicts: 'ticketId' | 'status';
  users: never;
  groups: never;
  settings: never;
  articles: 'version';
  articleTombstones: 'version';
  outbox: 'ticketId' | 'status';
  rejections: 'ticketId' | 'status';
  records: 'status' | 'kind';
  derived: never;
  meta: never;
};

/** Primary key field and indexed fields, shared by both implementations (Dexie schema is derived from it). */
export const TABLES: { readonly [N in TableName]: { readonly key: string; readonly indexes: readonly Indexes[N][] } } = {
  serverTickets: { key: 'id', indexes: [] },
  tickets: { key: 'id', indexes: ['status'] },
  worklog: { key: 'id', indexes: ['ticketId'] },
  history: { key: 'id', indexes: ['ticketId'] },
  conflicts: { key: 'id', indexes: ['ticketId', 'status'] },
  users: { key: 'id', indexes: [] },
  groups: { key: 'id', indexes: [] },
  settings: { key: 'key', indexes: [] },
  articles: { key: 'id', indexes: ['version'] },
  articleTombstones: { key: 'id', indexes: ['version'] },
  outbox: { key: 'seq', indexes: ['ticketId', 'status'] },
  rejections: { key: 'id', indexes: ['ticketId', 'status'] },
  records: { key: 'id', indexes: ['status', 'kind'] },
  derived: { key: 'key', indexes: [] },
  meta: { key: 'key', indexes: [] },
};
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Server-state tables: what `reset` drops (the outbox, rejections and meta stay). */
export const SERVER_TABLES = ['serverTickets', 'tickets', 'worklog', 'history', 'conflicts', 'users', 'groups', 'settings', 'articles', 'articleTombstones'] as const satisfies readonly TableName[];

/** The desk directory: what `StoreTx.fromDirectory` values are computed from. */
export const DIRECTORY_TABLES = ['users', 'groups', 'settings'] as const satisfies readonly TableName[];

/**
 * One table inside a transaction. Lists come back in primary-key order. Calls may be issued
 * together (`Promise.all`) inside one transaction: they run in the order they were issued.
 */
export type StoreTable<R, K, I extends string> = {
  get(key: K): Promise<R | undefined>;
  /** The rows of `keys`, in the same order (`undefined` where there is none). */
  bulkGet(keys: readonly K[]): Promise<(R | undefined)[]>;
  put(row: R): Promise<void>;
  bulkPut(rows: readonly R[]): Promise<void>;
  delete(key: K): Promise<void>;
  bulkDelete(keys: readonly K[]): Promise<void>;
  clear(): Promise<void>;
  all(): Promise<R[]>;
  /** The rows whose `index` equals `value`; with `limit`, only the first `limit` of them (primary-key order). */
  where(index: I, value: string | number, limit?: number): Promise<R[]>;
  /** The rows whose numeric `index` is above `value`, in index order; with `limit`, the first `limit` of them. */
  whereAbove(index: I, value: number, limit?: number): Promise<R[]>;
  /** The rows whose primary key is above `key`, in primary-key order; with `limit`, the first `limit` of them. */
  above(key: K, limit?: number): Promise<R[]>;
  count(): Promise<number>;
  countWhere(index: I, value: string | number): Promise<number>;
};

/** Every table of the store. */
export type StoreTables = { readonly [N in TableName]: StoreTable<Rows[N], Keys[N], Indexes[N]> };

/** Every table, as seen inside one transaction, and the store's in-memory directory values. */
export type StoreTx = StoreTables & {
  /**
   * A value computed by `load` from the directory tables (`DIRECTORY_TABLES`) and nothing
   * else, kept in memory by the store under `key` and handed out again (the same object:
   * never change it) until a directory table is written, in this tab or another one. Costs
   * one meta get when the kept value is still good.
   */
  fromDirectory<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The value kept under `key` without reading anything (undefined when none is kept), for
   * callers that go ahead on it: `isCurrent()` (one meta get, to issue before any write that
   * depends on the value) answers whether it is still good in this transaction.
   */
  peekDirectory<T>(key: string): { value: T; isCurrent(): Promise<boolean> } | undefined;
};

/**
 * A workstation's cache for one (desk, user). `write` is atomic (all or nothing, strict
 * durability in Dexie) and writes never interleave. Inside `fn` only store calls may be
 * awaited: no fetch, no timers, no WebCrypto (IndexedDB would commit the transaction early).
 */
export type LocalStore = {
  readonly name: string;
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * `only`: the tables the transaction may touch (IndexedDB locks just those; touching another
   * one throws, and the write is undone). Default: every table.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>, only?: readonly TableName[]): Promise<T>;
  close(): void;
  /** Closes and deletes the whole cache (sign-out on a host that asks for it, with nothing waiting). */
  destroy(): Promise<void>;
};

/** Reads a meta value, with its default when unset. */
export const getMeta = async <K extends MetaKey>(tx: StoreTx, key: K, fallback: MetaValues[K]): Promise<MetaValues[K]> => {
  const row = await tx.meta.get(key);
  return row ? (row.value as MetaValues[K]) : fallback;
};

/** Writes a meta value. */
export const setMeta = <K extends MetaKey>(tx: StoreTx, key: K, value: MetaValues[K]): Promise<void> =>
  tx.meta.put({ key, value } as MetaRow);
