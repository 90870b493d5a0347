/**
 * In-memory `LocalStore` for tests, property tests and Node benchmarks. Same contract as
 * the Dexie store: rows are copied in and out (like IndexedDB's structured clone), a write
 * that throws leaves nothing behind (an undo log), transactions run one at a time, and
 * index lookups do not scan the table.
 */
import { createDirectoryMemo } from './directory-memo';
import { TABLES, TABLE_NAMES, type LocalStore, type StoreTable, type StoreTables, type StoreTx, type TableName } from './store';

type Key = string | number;
type Row = Record<string, unknown>;

const compareKeys = (a: Key, b: Key): number => (a < b ? -1 : a > b ? 1 : 0);
/** Deeper than any row: past it, `clone` hands the value to structuredClone (which also copes with cycles). */
const MAX_PLAIN_DEPTH = 64;
const TOO_DEEP = Symbol('too deep');

const copyPlain = (v: unknown, depth: number): unknown => {
  if (typeof v !== 'object' || v === null) return typeof v === 'function' || typeof v === 'symbol' ? structuredClone(v) : v;
  if (depth > MAX_PLAIN_DEPTH) throw TOO_DEEP;
  if (Array.isArray(v)) return v.map((x) => copyPlain(x, depth + 1));
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyPlain((v as Record<string, unknown>)[k], depth + 1);
  return out;
};

/**
 * A copy as IndexedDB's structured clone makes it. Rows are plain data (objects, arrays,
 * strings, numbers, booleans, null), copied here directly: several times faster than
 * structuredClone, which still takes anything else (dates, maps, class instances, cycles)
 * and refuses what IndexedDB refuses (functions, symbols).
 */
const clone = <T>(v: T): T => {
  try {
    return copyPlain(v, 0) as T;
  } catch (e) {
    if (e === TOO_DEEP) return structuredClone(v);
    throw e;
  }
};

/** One table: rows by primary key, and for each index, value → keys. */
class MemoryTable {
  readonly rows = new Map<Key, Row>();
  private readonly byIndex: Map<string, Map<unknown, Set<Key>>>;

  constructor(
    readonly key: string,
    indexes: readonly string[],
  ) {
    this.byIndex = new Map(indexes.map((i) => [i, new Map<unknown, Set<Key>>()]));
  }

  keyOf(row: Row): Key {
    return row[this.key] as Key;
  }

  set(key: Key, row: Row | undefined): void {
    const old = this.rows.get(key);
    if (old) for (const [i, m] of this.byIndex) m.get(old[i])?.delete(key);
    if (row === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, row);
    for (const [i, m] of this.byIndex) {
      const v = row[i];
      if (v === undefined) continue;
      let keys = m.get(v);
      if (!keys) m.set(v, (keys = new Set()));
      keys.add(key);
    }
  }

  keysWhere(index: string, value: unknown): Key[] {
    const m = this.byIndex.get(index);
    if (!m) throw new Error(`no index ${index}`);
    return [...(m.get(value) ?? [])];
  }
}

/** A fresh, empty in-memory store. */
export const createMemoryStore = (name = 'memory'): LocalStore => {
  let tables = new Map(TABLE_NAMES.map((n) => [n, new MemoryTable(TABLES[n].key, TABLES[n].indexes)]));
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const memo = createDirectoryMemo();

  const run = <T>(writable: boolean, fn: (tx: StoreTx) => Promise<T>, only?: readonly TableName[]): Promise<T> => {
    const next = queue.then(async () => {
      if (closed) throw new Error(`store ${name} is closed`);
      // Undo log: the first time a key is written, its previous row is kept to restore on failure.
      const undo = new Map<MemoryTable, Map<Key, Row | undefined>>();
      const write = (t: MemoryTable, key: Key, row: Row | undefined): void => {
        if (!writable) throw new Error('read-only transaction cannot write');
        let saved = undo.get(t);
        if (!saved) undo.set(t, (saved = new Map()));
        if (!saved.has(key)) saved.set(key, t.rows.get(key));
        t.set(key, row);
      };
      const sortedRows = (t: MemoryTable, keys: Key[]): Row[] => keys.sort(compareKeys).map((k) => clone(t.rows.get(k)!));
      const tableTx = (t: MemoryTable): StoreTable<Row, Key, string> => ({
        get: async (key) => {
          const r = t.rows.get(key);
          return r ? clone(r) : undefined;
        },
        bulkGet: async (keys) =>
          keys.map((k) => {
            const r = t.rows.get(k);
            return r ? clone(r) : undefined;
          }),
        put: async (row) => write(t, t.keyOf(row), clone(row)),
        bulkPut: async (rows) => {
          for (const r of rows) write(t, t.keyOf(r), clone(r));
        },
        delete: async (key) => write(t, key, undefined),
        bulkDelete: async (keys) => {
          for (const k of keys) write(t, k, undefined);
        },
        clear: async () => {
          for (const k of [...t.rows.keys()]) write(t, k, undefined);
        },
        all: async () => sortedRows(t, [...t.rows.keys()]),
        where: async (index, value, limit) => {
          const keys = t.keysWhere(index, value).sort(compareKeys);
          return (limit === undefined ? keys : keys.slice(0, Math.max(0, limit))).map((k) => clone(t.rows.get(k)!));
        },
        whereAbove: async (index, value, limit) => {
          const above = [...t.rows.values()].filter((r) => typeof r[index] === 'number' && (r[index] as number) > value);
          above.sort((a, b) => (a[index] as number) - (b[index] as number) || compareKeys(t.keyOf(a), t.keyOf(b)));
          return (limit === undefined ? above : above.slice(0, Math.max(0, limit))).map((r) => clone(r));
        },
        above: async (key, limit) => {
          const keys = [...t.rows.keys()].filter((k) => compareKeys(k, key) > 0).sort(compareKeys);
          return (limit === undefined ? keys : keys.slice(0, Math.max(0, limit))).map((k) => clone(t.rows.get(k)!));
        },
        count: async () => t.rows.size,
        countWhere: async (index, value) => t.keysWhere(index, value).length,
      });
      // Like IndexedDB: a transaction scoped to some tables cannot touch the others.
      const names = only ?? TABLE_NAMES;
      const scoped = Object.fromEntries(names.map((n) => [n, tableTx(tables.get(n)!)]));
      const guarded = new Proxy(scoped, {
        get: (target, prop) => {
          if (typeof prop === 'string' && (TABLE_NAMES as readonly string[]).includes(prop) && !(prop in target))
            throw new Error(`table ${prop} is not in this transaction's scope`);
          return (target as Record<string | symbol, unknown>)[prop];
        },
      });
      const tx: StoreTx = memo.bind((only ? guarded : scoped) as unknown as StoreTables);
      try {
        return await fn(tx);
      } catch (e) {
        for (const [t, saved] of undo) for (const [k, row] of saved) t.set(k, row);
        throw e;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    name,
    read: (fn) => run(false, fn),
    write: (fn, only) => run(true, fn, only),
    close: () => {
      closed = true;
      memo.clear();
    },
    destroy: async () => {
      closed = true;
      memo.clear();
      tables = new Map(TABLE_NAMES.map((n) => [n, new MemoryTable(TABLES[n].key, TABLES[n].indexes)]));
    },
  };
};
