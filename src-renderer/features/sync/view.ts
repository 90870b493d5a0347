/**
 * The local view as a pure function: the server copy of a ticket with this workstation's
 * mutations replayed on top, through the same `applyMutation` the server uses.
 */
import { applyMutation, type Applied, type ApplyContext } from '../../../src-shared/ticket/apply';
import { newId } from '../../../src-shared/ids';
import type { Result } from '../../../src-shared/result';
import type { Conflict, Ticket, WorklogEntry } from '../../../src-shared/ticket/model';
import type { DirectoryUser, Group } from '../../../src-shared/desk/directory';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import type { Mutation } from '../../../src-shared/sync/mutations';

/** What the workstation has cached about the desk, for rules that need it. */
export type LocalDirectory = {
  settings: DeskSettings | null;
  groups: ReadonlyMap<string, Group>;
  users: ReadonlyMap<string, DirectoryUser>;
};

/**
 * An apply context on the workstation: version 0 (only the server gives versions), and
 * lookups that answer `undefined` when the cache cannot tell (no groups cached yet, a user
 * not in the directory), so the server makes the call.
 */
export const localContext = (
  dir: LocalDirectory,
  actorId: string,
  now: string,
  conflict: (id: string) => Conflict | undefined,
): ApplyContext => ({
  actorId,
  now,
  version: 0,
  settings: dir.settings,
  groupExists: (groupId) => (dir.groups.size === 0 ? undefined : dir.groups.has(groupId)),
  isMember: (userId, groupId) => dir.users.get(userId)?.groupIds.includes(groupId),
  conflict,
  newId,
});

export type Replayed = {
  /** The view of the ticket (undefined: it does not exist as far as this workstation knows). */
  ticket: Ticket | undefined;
  /** Notes added by the replayed mutations. */
  notes: WorklogEntry[];
  /** Conflicts the replayed mutations resolve. */
  closed: ReadonlyMap<string, Conflict>;
  /** The outcome of each mutation, in order (a failed one is skipped: the server will decide). */
  outcomes: Result<Applied>[];
};

/**
 * Replays `mutations` (in seq order) onto `server`. Each runs with its own `at` as "now",
 * so the view does not change with the clock.
 */
export const replay = (
  server: Ticket | undefined,
  mutations: readonly Mutation[],
  dir: LocalDirectory,
  actorId: string,
  conflicts: ReadonlyMap<string, Conflict>,
): Replayed => {
  let ticket = server;
  const notes: WorklogEntry[] = [];
  const closed = new Map<string, Conflict>();
  const lookup = (id: string): Conflict | undefined => closed.get(id) ?? conflicts.get(id);
  const outcomes = mutations.map((m) => {
    const r = applyMutation(ticket, m, localContext(dir, actorId, m.at, lookup));
    if (r.ok) {
      ticket = r.value.ticket;
      if (r.value.note) notes.push(r.value.note);
      if (r.value.closed) closed.set(r.value.closed.id, r.value.closed);
    }
    return r;
  });
  return { ticket, notes, closed, outcomes };
};

/**
 * The per-field versions of the server copy an agent's change is based on (the `base` of a
 * mutation). Fields the server copy has never had are left out (read as 0 by the server).
 */
export const baseOf = (server: Ticket | undefined, fields: readonly string[]): Record<string, number> => {
  const base: Record<string, number> = {};
  if (!server) return base;
  for (const f of fields) {
    const v = server.fieldVersions[f];
    if (v !== undefined) base[f] = v;
  }
  return base;
};
