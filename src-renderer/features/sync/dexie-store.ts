/**
 * The product's `LocalStore`: Dexie over IndexedDB, one database per (desk, user), every
 * read-write transaction with strict durability (the write is on disk before it resolves).
 */
import { Dexie, type Table, type Transaction } from 'dexie';
import { createDirectoryMemo } from './directory-memo';
import { TABLES, TABLE_NAMES, type LocalStore, type StoreTable, type StoreTables, type StoreTx, type TableName } from './store';

/** The database name of one agent's cache on one desk. */
export const databaseName = (deskId: string, userId: string): string => `firstline-${deskId}-${userId}`;

const schemaOf = (names: readonly TableName[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, [TABLES[n].key, ...TABLES[n].indexes].join(', ')]));

/**
 * Numbered schema versions. Never edit a shipped one: add the next number with its
 * `stores` (only the tables that change) and, when rows must be rewritten, an `upgrade`.
 */
export const SCHEMA_VERSIONS: readonly { version: number; stores: Record<string, string> }[] = [
  { version: 1, stores: schemaOf(['serverTickets', 'tickets', 'worklog', 'history', 'conflicts', 'users', 'groups', 'settings', 'outbox', 'rejections', 'meta']) },
  // Knowledge (published articles and their tombstones), append-only records (calls, article use
  // and feedback) and derived data (the search index's snapshot).
  { version: 2, stores: schemaOf(['articles', 'articleTombstones', 'records', 'derived']) },
];

export type DexieStoreOptions = {
  /** For tests: an IndexedDB factory (fake-indexeddb); defaults to the global one. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
};

const wrapTable = (t: Table): StoreTable<never, never, string> => {
  const table: StoreTable<unknown, string | number, string> = {
    get: (key) => t.get(key),
    bulkGet: (keys) => (keys.length === 0 ? Promise.resolve([]) : t.bulkGet(keys as (string | number)[])),
    put: async (row) => {
      await t.put(row);
    },
    // Nothing to write: no request at all.
    bulkPut: async (rows) => {
      if (rows.length > 0) await t.bulkPut(rows as unknown[]);
    },
    delete: (key) => t.delete(key),
    bulkDelete: async (keys) => {
      if (keys.length > 0) await t.bulkDelete(keys as (string | number)[]);
    },
    clear: () => t.clear(),
    all: () => t.toArray(),
    where: (index, value, limit) => {
      const rows = t.where(index).equals(value);
      return (limit === undefined ? rows : rows.limit(limit)).toArray();
    },
    whereAbove: (index, value, limit) => {
      const rows = t.where(index).above(value);
      return (limit === undefined ? rows : rows.limit(limit)).toArray();
    },
    above: (key, limit) => {
      const rows = t.where(':id').above(key);
      return (limit === undefined ? rows : rows.limit(limit)).toArray();
    },
    count: () => t.count(),
    countWhere: (index, value) => t.where(index).equals(value).count(),
  };
  return table as unknown as StoreTable<never, never, string>;
};

/** Opens (creating or upgrading) the cache database `name`. */
export const openDexieStore = async (name: string, opts: DexieStoreOptions = {}): Promise<LocalStore> => {
  const db = new Dexie(name, {
    chromeTransactionDurability: 'strict',
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
  });
  for (const v of SCHEMA_VERSIONS) db.version(v.version).stores(v.stores);
  await db.open();
  const tables = TABLE_NAMES.map((n) => db.table(n));
  const memo = createDirectoryMemo();
  // Tables bound to the transaction object itself, so every call joins it whatever zone
  // Dexie thinks the code runs in (native awaits through our wrappers lose Dexie's zone).
  // That is also what lets calls be issued together (Promise.all) inside one transaction.
  const bind = (trans: Transaction, only?: readonly TableName[]): StoreTx =>
    memo.bind(Object.fromEntries((only ?? TABLE_NAMES).map((n) => [n, wrapTable(trans.table(n))])) as unknown as StoreTables);
  return {
    name,
    read: (fn) => db.transaction('r', tables, (trans) => fn(bind(trans))),
    write: (fn, only) => db.transaction('rw', only ? only.map((n) => db.table(n)) : tables, (trans) => fn(bind(trans, only))),
    close: () => {
      memo.clear();
      db.close();
    },
    destroy: () => {
      memo.clear();
      return db.delete();
    },
  };
};

/** Deletes a cache database (tests; the main process owns backups before any real deletion). */
export const deleteDexieStore = (name: string, opts: DexieStoreOptions = {}): Promise<void> =>
  new Dexie(name, {
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
  }).delete();
