/**
 * The signed-in agent's workstation: the cache (one Dexie database per desk and user), the
 * sync engine over it, and the commands. `startSync` after sign-in (features/auth does it),
 * `stopSync` on sign-out. The module-level commands act on the current workstation.
 */
import type { SessionUser } from '../../../src-shared/api';
import { err, ok, type Result } from '../../../src-shared/result';
import { getHost, type Host } from '../../host';
import { createCommands, type Commands } from './commands';
import { databaseName, openDexieStore } from './dexie-store';
import { createSyncEngine, type EngineOptions, type RunOutcome, type SyncEngine } from './engine';
import { readCounts, type Actor } from './local';
import type { RecordDraft, SyncRecord } from '../../../src-shared/sync/records';
import { keepRecordInTx, makeRecord } from './records';
import type { LocalStore } from './store';
import { getWorkstation, setSyncStatus, setWorkstation } from './status-store';

export type Workstation = {
  deskId: string;
  user: SessionUser;
  actor: Actor;
  store: LocalStore;
  engine: SyncEngine;
  commands: Commands;
  host: Host;
  /** Undoes the host subscriptions made at start. */
  release: () => void;
};

export type StartSyncOptions = {
  deskId: string;
  user: SessionUser;
  /** null: work offline only until `setToken` (status `signed_out`). */
  token: string | null;
  /** Defaults to the host's. */
  host?: Host;
  /** Defaults to the Dexie database `firstline-<deskId>-<userId>`. */
  openStore?: (name: string) => Promise<LocalStore>;
  /** Engine overrides (tests: fetch, webSocket, locks, timings). */
  engine?: Partial<Omit<EngineOptions, 'store' | 'actor' | 'token' | 'onStatus'>>;
};

let queue: Promise<unknown> = Promise.resolve();
const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
  const next = queue.then(fn);
  queue = next.catch(() => undefined);
  return next;
};

export type StopSyncOptions = {
  /**
   * The agent signed out. Where the host keeps a journal for the cache (Electron), and
   * nothing is waiting (no pending mutation, no open rejection), the host backs the journal
   * up and the cache is deleted (DESIGN §1). With anything waiting both are kept: nothing
   * is dropped, and the same agent's next sign-in pushes it.
   */
  signedOut?: boolean;
};

const stopCurrent = async (opts: StopSyncOptions = {}): Promise<void> => {
  const ws = getWorkstation();
  if (!ws) return;
  setWorkstation(null);
  ws.release();
  await ws.engine.stop();
  if (opts.signedOut && ws.host.cache) {
    const counts = await ws.store.read((tx) => readCounts(tx, ws.actor)).catch(() => null);
    if (counts && counts.waiting === 0 && counts.rejected === 0) {
      try {
        await ws.host.cache.signedOut();
        await ws.store.destroy();
        return;
      } catch {
        // the journal could not be rotated: keep the cache as it is
      }
    }
  }
  ws.store.close();
};

/**
 * Opens the agent's cache and starts syncing it. Starting again for the same desk and user
 * only hands the engine the new token; for someone else it stops the previous one first.
 */
export const startSync = (opts: StartSyncOptions): Promise<Result<Workstation>> =>
  serialize(async () => {
    const current = getWorkstation();
    if (current && current.deskId === opts.deskId && current.user.id === opts.user.id) {
      if (opts.token) current.engine.setToken(opts.token);
      return ok(current);
    }
    await stopCurrent();
    const host = opts.host ?? getHost();
    const name = databaseName(opts.deskId, opts.user.id);
    let store: LocalStore;
    try {
      store = await (opts.openStore ?? openDexieStore)(name);
    } catch (e) {
      return err('INTERNAL', `The local cache could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
    const actor: Actor = { id: opts.user.id, role: opts.user.role };
    const engine = createSyncEngine({
      baseUrl: host.serverUrl(),
      journal: host.journal,
      ...opts.engine,
      store,
      actor,
      token: opts.token,
      onStatus: (s) => {
        if (getWorkstation()?.engine === engine) setSyncStatus(s);
      },
    });
    const commands = createCommands({
      store,
      actor,
      journal: host.journal,
      onChange: () => {
        engine.requestSync();
        return engine.refreshCounts();
      },
    });
    const release = host.onWake?.(() => engine.wake()) ?? (() => undefined);
    const ws: Workstation = { deskId: opts.deskId, user: opts.user, actor, store, engine, commands, host, release };
    setWorkstation(ws);
    engine.start();
    return ok(ws);
  });

/** Stops syncing and closes the cache (see `StopSyncOptions` for sign-out). */
export const stopSync = (opts: StopSyncOptions = {}): Promise<void> => serialize(() => stopCurrent(opts));

/** Asks the engine to sync now; answers how the run ended ('stopped' when nobody is signed in). */
export const syncNow = async (): Promise<RunOutcome> => (await getWorkstation()?.engine.syncNow()) ?? 'stopped';

const NONE = err('UNAUTHENTICATED', 'Nobody is signed in on this workstation');

const withCommands = <T>(fn: (c: Commands) => Promise<Result<T>>): Promise<Result<T>> => {
  const ws = getWorkstation();
  return ws ? fn(ws.commands) : Promise.resolve(NONE);
};

// The agent's actions on the current workstation (see `Commands` for each).
export const createTicket: Commands['createTicket'] = (fields, assignment) => withCommands((c) => c.createTicket(fields, assignment));
export const setFields: Commands['setFields'] = (ticketId, fields) => withCommands((c) => c.setFields(ticketId, fields));
export const addNote: Commands['addNote'] = (ticketId, body) => withCommands((c) => c.addNote(ticketId, body));
export const assign: Commands['assign'] = (ticketId, groupId, assigneeId) => withCommands((c) => c.assign(ticketId, groupId, assigneeId));
export const changeStatus: Commands['changeStatus'] = (ticketId, to) => withCommands((c) => c.changeStatus(ticketId, to));
export const escalate: Commands['escalate'] = (ticketId, level) => withCommands((c) => c.escalate(ticketId, level));
export const resolveConflict: Commands['resolveConflict'] = (conflictId, choice) => withCommands((c) => c.resolveConflict(conflictId, choice));
export const resubmitRejection: Commands['resubmitRejection'] = (rejectionId, edited) =>
  withCommands((c) => c.resubmitRejection(rejectionId, edited));
export const discardRejection: Commands['discardRejection'] = (rejectionId) => withCommands((c) => c.discardRejection(rejectionId));

/**
 * Keeps an append-only record (a call, a call–ticket link, article use or feedback) on this
 * workstation, in one transaction, and asks the engine to push it. Works offline.
 */
export const addRecord = async (draft: RecordDraft): Promise<Result<SyncRecord>> => {
  const ws = getWorkstation();
  if (!ws) return NONE;
  const r = makeRecord(draft, new Date().toISOString());
  if (!r.ok) return r;
  await ws.store.write((tx) => keepRecordInTx(tx, r.value));
  ws.engine.requestSync();
  await ws.engine.refreshCounts();
  return r;
};
