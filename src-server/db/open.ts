/**
 * Opens the desk database: PGlite in a data folder (embedded default, created on first run)
 * or PostgreSQL at a URL. Both run the same migrations at start, then make sure the desk's
 * identity row and default settings exist.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DEFAULT_TOUCHPOINTS } from '../../src-shared/desk/touchpoint';
import { DEFAULT_PRIORITY_MATRIX } from '../../src-shared/ticket/priority';
import { PgliteThread } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction (or savepoint) of `Db`; every helper that takes a `Db` also takes one. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** This desk database's stable id (made at first run). */
  deskId: string;
  /**
   * Calls `onVersion` when another server instance on the same PostgreSQL database committed a
   * change (LISTEN/NOTIFY). PGlite has a single server, so it never calls.
   */
  listen: (onVersion: (version: number) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export type OpenOptions = { dataDir: string } | { url: string };

/** The NOTIFY channel on which write transactions announce their desk version. */
export const POKE_CHANNEL = 'firstline_poke';
const MIGRATION_LOCK = 4_780_001;
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** The default settings rows (key → value); the admin edits them later. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  deskName: 'Firstline Service Desk',
  deskNameZh: '首线服务台',
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  touchpoints: DEFAULT_TOUCHPOINTS,
};

/** Inserts desk_state and default settings when missing (idempotent, safe under concurrency). */
const initDesk = async (db: Db): Promise<string> => {
  await db.insert(schema.deskState).values({ id: 1, deskId: randomUUID(), version: 0 }).onConflictDoNothing();
  await db
    .insert(schema.settings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value, version: 0 })))
    .onConflictDoNothing();
  const [row] = await db.select({ deskId: schema.deskState.deskId }).from(schema.deskState);
  if (!row) throw new Error('desk_state row is missing after initialisation');
  return row.deskId;
};

/**
 * A PGlite folder must be used by one process at a time: a lock file holds the owner's pid.
 * A lock left by a process that is gone (a crash) is taken over.
 */
const lockDataDir = (dir: string): (() => void) => {
  const file = join(dir, 'firstline.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new Error(`The data folder ${dir} is in use by process ${pid}; stop it first (or use PostgreSQL for several servers)`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const openPglite = async (dataDir: string): Promise<DbHandle> => {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  let thread: PgliteThread | undefined;
  try {
    // In its own thread (pglite-thread.ts), which gives Drizzle's PGlite driver the part of
    // PGlite's interface it uses.
    const opened = (thread = await PgliteThread.create(join(dir, 'pgdata')));
    const client = opened as unknown as PGlite;
    // The PGlite driver's database satisfies the driver-neutral PgDatabase shape at run time;
    // its HKT type parameter differs only nominally.
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    await migratePglite(drizzlePglite({ client }), { migrationsFolder });
    const deskId = await initDesk(db);
    return {
      db,
      kind: 'pglite',
      deskId,
      listen: async () => async () => undefined,
      close: async () => {
        try {
          await opened.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (e) {
    // (a thread left open would keep the process alive)
    await thread?.close().catch(() => undefined);
    unlock();
    throw e;
  }
};

const openPostgres = async (url: string): Promise<DbHandle> => {
  const options = { onnotice: () => undefined, connection: { application_name: 'firstline-desk' } };
  // Migrations and initialisation run on one connection under an advisory lock, so several
  // server instances starting together do not race.
  const setup = postgres(url, { ...options, max: 1 });
  let deskId: string;
  try {
    await setup`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migratePostgres(drizzlePostgres({ client: setup }), { migrationsFolder });
      deskId = await initDesk(drizzlePostgres({ client: setup, schema }) as unknown as Db);
    } finally {
      await setup`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await setup.end({ timeout: 5 });
  }
  const client = postgres(url, { ...options, max: Number(process.env.FIRSTLINE_DB_POOL ?? 10) });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    deskId,
    listen: async (onVersion) => {
      const sub = await client.listen(POKE_CHANNEL, (payload) => {
        const v = Number(payload);
        if (Number.isSafeInteger(v)) onVersion(v);
      });
      return async () => sub.unlisten();
    },
    close: async () => client.end({ timeout: 5 }),
  };
};

/** Opens (creating and migrating when needed) the desk database. */
export const openDatabase = async (options: OpenOptions): Promise<DbHandle> =>
  'url' in options ? openPostgres(options.url) : openPglite(options.dataDir);
