/**
 * `StoreTx.fromDirectory` for both stores: values computed from the directory tables (users,
 * groups, settings), kept in memory per store instance so that an agent's action does not
 * read the whole directory each time.
 *
 * Invalidation: every transaction that writes a directory table also writes a fresh
 * `meta.directoryStamp` (once per transaction, in the same transaction, so it commits or
 * rolls back with the write). A kept value is handed out only while the stamp read in the
 * current transaction is the one it was computed under, so a pull in another tab (another
 * store instance on the same database) makes it stale too. Writes through this instance
 * also drop the kept values at once, and a value whose computation overlapped such a write
 * is not kept.
 */
import { newId } from '../../../src-shared/ids';
import { DIRECTORY_TABLES, type StoreTable, type StoreTables, type StoreTx } from './store';

export type DirectoryMemo = {
  /** One transaction's view of `tables`: directory writes stamped, `fromDirectory` served from memory. */
  bind(tables: StoreTables): StoreTx;
  /** Forgets every kept value (the store was closed or deleted). */
  clear(): void;
};

export const createDirectoryMemo = (): DirectoryMemo => {
  const kept = new Map<string, { stamp: string | null; value: unknown }>();
  /** Bumped by every directory write through this instance. */
  let generation = 0;
  const clear = (): void => {
    generation++;
    kept.clear();
  };

  const bind = (tables: StoreTables): StoreTx => {
    let stamped: Promise<void> | null = null;
    const stamp = (): Promise<void> => (stamped ??= tables.meta.put({ key: 'directoryStamp', value: newId() }));
    const written =
      <A extends unknown[]>(op: (...args: A) => Promise<void>) =>
      async (...args: A): Promise<void> => {
        clear();
        await Promise.all([op(...args), stamp()]);
      };
    const watch = <R, K, I extends string>(t: StoreTable<R, K, I>): StoreTable<R, K, I> => {
      const put = written(t.put);
      const bulkPut = written(t.bulkPut);
      const del = written(t.delete);
      const bulkDelete = written(t.bulkDelete);
      return {
        ...t,
        put,
        bulkPut: (rows) => (rows.length === 0 ? Promise.resolve() : bulkPut(rows)),
        delete: del,
        bulkDelete: (keys) => (keys.length === 0 ? Promise.resolve() : bulkDelete(keys)),
        clear: written(t.clear),
      };
    };
    // A transaction scoped to some tables (`LocalStore.write`'s `only`) watches the directory tables it has.
    const watched = Object.fromEntries(DIRECTORY_TABLES.filter((n) => n in tables).map((n) => [n, watch(tables[n] as StoreTable<unknown, unknown, string>)]));

    const readStamp = async (): Promise<string | null> => {
      const row = await tables.meta.get('directoryStamp');
      return row ? (row.value as string | null) : null;
    };

    const fromDirectory = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
      const at = generation;
      const current = await readStamp();
      const k = kept.get(key);
      if (k && k.stamp === current && at === generation) return k.value as T;
      const value = await load();
      if (at === generation) kept.set(key, { stamp: current, value });
      return value;
    };

    const peekDirectory = <T>(key: string): { value: T; isCurrent(): Promise<boolean> } | undefined => {
      const at = generation;
      const k = kept.get(key);
      if (!k) return undefined;
      return { value: k.value as T, isCurrent: async () => (await readStamp()) === k.stamp && at === generation };
    };

    return { ...tables, ...watched, fromDirectory, peekDirectory } as StoreTx;
  };

  return { bind, clear };
};
