/**
 * What a push decides for one mutation, shared by its two ways of running (the set-based
 * `push-batch.ts` and the per-mutation fallback `push-each.ts`), so both apply the same rules:
 * who may act on a ticket, which facts the shared reducer is given, how database refusals are
 * told. Pure: the callers look the facts up.
 */
import type { Role } from '../../src-shared/desk/directory';
import type { AppError, Result } from '../../src-shared/result';
import type { Mutation } from '../../src-shared/sync/mutations';
import type { DeskSettings, MutationOutcome, MutationResult } from '../../src-shared/sync/protocol';
import { applyMutation, type Applied } from '../../src-shared/ticket/apply';
import type { Conflict, Ticket } from '../../src-shared/ticket/model';
import { newId } from '../../src-shared/ids';
import type { Actor } from '../desk/directory';
import { canSeeTicket } from './scope';

/** One mutation as received: valid, or with the reasons it is not (rejected, the queue moves on). */
export type Incoming = { id: string; seq: number; mutation: Mutation } | { id: string; seq: number; mutation: null; error: AppError };

/** What became of a run of new mutations: their results in seq order and the last version given (null: none applied). */
export type Run = { results: MutationResult[]; lastVersion: number | null };

const CREATORS: readonly Role[] = ['agent', 'expert', 'supervisor', 'admin'];

export const OUTSIDE_SCOPE: AppError = { code: 'FORBIDDEN', message: 'This ticket is outside your groups' };
const CANNOT_CREATE: AppError = { code: 'FORBIDDEN', message: 'Your role cannot create tickets' };
/** A mutation whose client-made id (a note id) is already taken. */
export const ID_IN_USE: AppError = { code: 'VALIDATION_FAILED', message: 'An id in this mutation is already in use' };

/**
 * May `actor` apply `m` to `ticket` (undefined when it does not exist)? `null`: yes; an error: no;
 * `'tombstone'`: only if the ticket was taken out of their scope (a ticket tombstone names them):
 * work they did offline on it still lands, and a stale reassignment opens a conflict.
 * Floor roles act on every ticket; others on tickets of their groups, assigned to them or created
 * by them; a conflict's participant may resolve it; resolvers cannot create tickets.
 */
export const checkScope = (actor: Actor, m: Mutation, ticket: Ticket | undefined, conflict: Conflict | undefined): AppError | 'tombstone' | null => {
  if (m.kind === 'createTicket') return CREATORS.includes(actor.role) ? null : CANNOT_CREATE;
  if (!ticket || canSeeTicket(actor, ticket)) return null;
  const participant = m.kind === 'resolveConflict' && conflict?.ticketId === ticket.id && conflict.participants.includes(actor.id);
  return participant ? null : 'tombstone';
};

/** The group and assignee a mutation moves a ticket to (createTicket, assign, resolveConflict). */
export const targetOf = (m: Mutation): { groupId: string | null; assigneeId: string | null } | null =>
  m.kind === 'createTicket' || m.kind === 'assign' ? { groupId: m.groupId, assigneeId: m.assigneeId } : m.kind === 'resolveConflict' ? m.choice : null;

/** The facts looked up for one mutation (only the target group's existence and membership are asked for). */
export type Facts = {
  actor: Actor;
  settings: DeskSettings;
  version: number;
  now: string;
  /** Whether the target group exists (false when there is no target group). */
  groupFound: boolean;
  /** Whether the target assignee is a member of the target group (false when either is missing). */
  member: boolean;
  conflict: Conflict | undefined;
};

/** Decides one mutation with the shared reducer (src-shared/ticket/apply.ts). */
export const decide = (m: Mutation, ticket: Ticket | undefined, f: Facts): Result<Applied> => {
  const target = targetOf(m);
  return applyMutation(ticket, m, {
    actorId: f.actor.id,
    now: f.now,
    version: f.version,
    settings: f.settings,
    groupExists: (id) => (id === target?.groupId ? f.groupFound : undefined),
    isMember: (userId, groupId) => (userId === target?.assigneeId && groupId === target?.groupId ? f.member : undefined),
    conflict: (id) => (f.conflict?.id === id ? f.conflict : undefined),
    newId,
  });
};

export const outcomeOf = (a: Applied): MutationOutcome => (a.opened ? { status: 'conflict', conflictId: a.opened.id } : { status: 'applied' });

/** Whether a change of assignment moved the ticket's scope (then tombstones and grants are written). */
export const scopeMoved = (before: Ticket | undefined, after: Ticket): before is Ticket =>
  before !== undefined && (before.groupId !== after.groupId || before.assigneeId !== after.assigneeId);

/** SQLSTATE of a database error (Drizzle wraps the driver's error in `cause`). */
export const sqlState = (e: unknown): string | undefined => {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
};

/** Connection, resource and serialization failures: the client should simply retry the push. */
export const isTransient = (state: string): boolean => /^(08|40|53|57|58|XX)/.test(state);

/** How a mutation the database refused (not a transient failure) is answered. */
export const databaseRefusal = (state: string): AppError =>
  state === '23505' ? ID_IN_USE : { code: 'INTERNAL', message: 'The desk server could not store this change', details: { sqlState: state } };
