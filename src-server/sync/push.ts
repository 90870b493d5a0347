/**
 * POST /api/sync/push: applies a workstation's mutations exactly once.
 *
 * One database transaction per push. It first locks the client's `client_seqs` row
 * (FOR UPDATE), so two pushes from one client run one after the other. Then, in seq order:
 * - `seq ≤ last_seq`: a duplicate; the stored result is answered again with `duplicate: true`;
 * - `seq > last_seq + 1`: a gap; processing stops (the answer's `lastSeq` says where to resume);
 * - otherwise the mutation runs in its own SAVEPOINT: take the next desk version, load the
 *   ticket, check the actor may touch it, decide with the shared `applyMutation`, write the
 *   ticket, history, worklog, conflict and scope rows. A rejection rolls back only that savepoint.
 *   Either way its result and the new `last_seq` are written in the same transaction, which is
 *   what makes delivery exactly-once: the effect and the bookkeeping commit together or not at all.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppError } from '../../src-shared/result';
import { newId } from '../../src-shared/ids';
import type { Role } from '../../src-shared/desk/directory';
import { mutationSchema, type Mutation } from '../../src-shared/sync/mutations';
import { MAX_PUSH, pushRequestSchema, type DeskSettings, type MutationOutcome, type MutationResult, type PushResponse } from '../../src-shared/sync/protocol';
import { applyMutation, type Applied } from '../../src-shared/ticket/apply';
import type { Ticket } from '../../src-shared/ticket/model';
import type { Db } from '../db/open';
import { clientSeqs, conflicts, groupMembers, groups, history, mutationResults, ticketGrants, tickets, tombstones, worklog } from '../db/schema';
import type { Actor } from '../desk/directory';
import { loadSettings } from '../desk/settings';
import { bumpVersion, currentVersion } from '../desk/version';
import { HttpError } from '../http/errors';
import { issuesOf, parse } from '../http/validate';
import type { Logger } from '../log';
import { conflictColumns, ticketColumns, toConflict, toTicket } from './rows';
import { audienceOf, canSeeTicket, inAudience } from './scope';

/** One mutation as received: valid, or with the reasons it is not (rejected, the queue moves on). */
type Incoming = { id: string; seq: number; mutation: Mutation } | { id: string; seq: number; mutation: null; error: AppError };
export type ParsedPush = { clientId: string; mutations: Incoming[] };

const envelopeSchema = z.object({
  clientId: z.uuid(),
  mutations: z
    .array(z.looseObject({ id: z.uuid(), clientId: z.uuid(), seq: z.number().int().min(1) }))
    .min(1)
    .max(MAX_PUSH),
});

/**
 * Validates a push body. The request and each mutation's envelope (id, clientId, seq) must be
 * valid, else the whole request is answered 400. A mutation whose envelope is valid but whose
 * payload is not (for example a workstation newer or older than this server) is kept and
 * rejected on its own with VALIDATION_FAILED, so it cannot block the client's queue.
 */
export const parsePush = (body: unknown): ParsedPush => {
  const full = pushRequestSchema.safeParse(body);
  let parsed: ParsedPush;
  if (full.success) {
    parsed = { clientId: full.data.clientId, mutations: full.data.mutations.map((m) => ({ id: m.id, seq: m.seq, mutation: m })) };
  } else {
    const env = parse(envelopeSchema, body, 'push');
    parsed = {
      clientId: env.clientId,
      mutations: env.mutations.map((raw) => {
        const r = mutationSchema.safeParse(raw);
        if (r.success) return { id: r.data.id, seq: r.data.seq, mutation: r.data };
        const issues = issuesOf(r.error);
        return {
          id: raw.id,
          seq: raw.seq,
          mutation: null,
          error: { code: 'VALIDATION_FAILED', message: `Invalid mutation${issues[0]?.path ? ` at ${issues[0].path}` : ''}: ${issues[0]?.message ?? 'invalid'}`, details: { issues } },
        };
      }),
    };
  }
  const raw = (body as { mutations: { clientId: string }[] }).mutations;
  if (raw.some((m) => m.clientId !== parsed.clientId))
    throw new HttpError('VALIDATION_FAILED', 'Every mutation must carry the push request’s clientId');
  parsed.mutations.sort((a, b) => a.seq - b.seq);
  if (parsed.mutations.some((m, i) => i > 0 && parsed.mutations[i - 1]!.seq === m.seq))
    throw new HttpError('VALIDATION_FAILED', 'Two mutations in one push carry the same seq');
  return parsed;
};

/** A mutation the rules refused: its savepoint is rolled back and the refusal recorded. */
class Rejected extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

const CREATORS: readonly Role[] = ['agent', 'expert', 'supervisor', 'admin'];

/** SQLSTATE of a database error (Drizzle wraps the driver's error in `cause`). */
const sqlState = (e: unknown): string | undefined => {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
};
/** Connection, resource and serialization failures: the client should simply retry the push. */
const isTransient = (state: string): boolean => /^(08|40|53|57|58|XX)/.test(state);

type Step = { outcome: MutationOutcome; version: number | null };

const loadTicket = async (tx: Db, id: string): Promise<Ticket | undefined> => {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  return row ? toTicket(row) : undefined;
};

/** Whether the ticket once was in the user's scope and left it (a tombstone names them). */
const lostTicket = async (tx: Db, userId: string, ticketId: string): Promise<boolean> =>
  (
    await tx
      .select({ id: tombstones.id })
      .from(tombstones)
      .where(and(eq(tombstones.entity, 'ticket'), eq(tombstones.recordId, ticketId), inAudience(tombstones.audience, userId)))
      .limit(1)
  ).length > 0;

/** Checks, decides and writes one mutation inside its savepoint. */
const applyOne = async (tx: Db, actor: Actor, m: Mutation, settings: DeskSettings): Promise<Step> => {
  const version = await bumpVersion(tx);
  const ticket = await loadTicket(tx, m.ticketId);
  const conflict = m.kind === 'resolveConflict' ? await tx.select().from(conflicts).where(eq(conflicts.id, m.conflictId)) : [];
  const conflictRow = conflict[0] ? toConflict(conflict[0]) : undefined;

  if (m.kind === 'createTicket') {
    if (!CREATORS.includes(actor.role)) throw new Rejected({ code: 'FORBIDDEN', message: 'Your role cannot create tickets' });
  } else if (ticket && !canSeeTicket(actor, ticket)) {
    // Also allowed: a conflict's participant resolving it, and someone the ticket was taken from
    // (work they did offline on it still lands; a concurrent reassignment opens a conflict).
    const participant = m.kind === 'resolveConflict' && conflictRow?.ticketId === ticket.id && conflictRow.participants.includes(actor.id);
    if (!participant && !(await lostTicket(tx, actor.id, ticket.id))) throw new Rejected({ code: 'FORBIDDEN', message: 'This ticket is outside your groups' });
  }

  const target =
    m.kind === 'createTicket' || m.kind === 'assign' ? { groupId: m.groupId, assigneeId: m.assigneeId } : m.kind === 'resolveConflict' ? m.choice : null;
  const groupFound = target?.groupId ? (await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, target.groupId))).length > 0 : false;
  const member =
    target?.groupId && target.assigneeId
      ? (
          await tx
            .select({ userId: groupMembers.userId })
            .from(groupMembers)
            .where(and(eq(groupMembers.groupId, target.groupId), eq(groupMembers.userId, target.assigneeId)))
        ).length > 0
      : false;

  const now = new Date().toISOString();
  const decided = applyMutation(ticket, m, {
    actorId: actor.id,
    now,
    version,
    settings,
    groupExists: (id) => (id === target?.groupId ? groupFound : undefined),
    isMember: (userId, groupId) => (userId === target?.assigneeId && groupId === target?.groupId ? member : undefined),
    conflict: (id) => (conflictRow?.id === id ? conflictRow : undefined),
    newId,
  });
  if (!decided.ok) throw new Rejected(decided.error);
  await write(tx, actor, m, ticket, decided.value, version, now);
  return { outcome: decided.value.opened ? { status: 'conflict', conflictId: decided.value.opened.id } : { status: 'applied' }, version };
};

const write = async (tx: Db, actor: Actor, m: Mutation, before: Ticket | undefined, a: Applied, version: number, now: string): Promise<void> => {
  const { id: _id, ...columns } = ticketColumns(a.ticket);
  if (!before) await tx.insert(tickets).values(ticketColumns(a.ticket));
  else if (a.ticket !== before) await tx.update(tickets).set(columns).where(eq(tickets.id, before.id));
  if (a.history.length)
    await tx.insert(history).values(
      a.history.map((h) => ({
        id: newId(),
        ticketId: a.ticket.id,
        userId: actor.id,
        field: h.field,
        from: h.from,
        to: h.to,
        at: new Date(now),
        mutationId: m.id,
        concurrent: h.concurrent,
        version,
      })),
    );
  if (a.note) await tx.insert(worklog).values({ ...a.note, at: new Date(a.note.at) });
  if (a.opened) await tx.insert(conflicts).values(conflictColumns(a.opened));
  if (a.closed) await tx.update(conflicts).set(conflictColumns(a.closed)).where(eq(conflicts.id, a.closed.id));
  if (before && (before.groupId !== a.ticket.groupId || before.assigneeId !== a.ticket.assigneeId)) {
    // Scope moved: those who lose the ticket get a tombstone, those who gain it its older worklog and history.
    const was = await audienceOf(tx, before);
    const is = await audienceOf(tx, a.ticket);
    const lost = [...was].filter((u) => !is.has(u));
    const gained = [...is].filter((u) => !was.has(u));
    if (lost.length) await tx.insert(tombstones).values({ entity: 'ticket', recordId: before.id, version, audience: lost });
    if (gained.length) await tx.insert(ticketGrants).values({ ticketId: before.id, version, audience: gained });
  }
};

export type PushOutcome = { response: PushResponse; appliedAny: boolean };

/** Runs a validated push for `actor` (see the module comment). Throws HttpError FORBIDDEN / SEQ_GAP. */
export const push = async (db: Db, actor: Actor, req: ParsedPush, log: Logger): Promise<PushOutcome> => {
  const settings = (await loadSettings(db)).value;
  return db.transaction(async (tx) => {
    await tx.insert(clientSeqs).values({ clientId: req.clientId, userId: actor.id }).onConflictDoNothing();
    const [cs] = await tx.select().from(clientSeqs).where(eq(clientSeqs.clientId, req.clientId)).for('update');
    if (!cs || cs.userId !== actor.id) throw new HttpError('FORBIDDEN', 'This client id belongs to another user');

    const dupSeqs = req.mutations.filter((m) => m.seq <= cs.lastSeq).map((m) => m.seq);
    const stored = dupSeqs.length
      ? await tx
          .select()
          .from(mutationResults)
          .where(and(eq(mutationResults.clientId, req.clientId), inArray(mutationResults.seq, dupSeqs)))
      : [];
    const storedBySeq = new Map(stored.map((r) => [r.seq, r.result as MutationResult]));

    let lastSeq = cs.lastSeq;
    let maxVersion = 0;
    let appliedAny = false;
    const results: MutationResult[] = [];
    for (const inc of req.mutations) {
      if (inc.seq <= cs.lastSeq) {
        const prior = storedBySeq.get(inc.seq);
        results.push(
          prior
            ? { ...prior, duplicate: true }
            : { seq: inc.seq, mutationId: inc.id, duplicate: true, status: 'rejected', error: { code: 'INTERNAL', message: 'The stored result of this mutation is missing' } },
        );
        continue;
      }
      if (inc.seq > lastSeq + 1) break;

      let step: Step;
      if (!inc.mutation) step = { outcome: { status: 'rejected', error: inc.error }, version: null };
      else {
        const m = inc.mutation;
        try {
          step = await tx.transaction((sp) => applyOne(sp, actor, m, settings));
        } catch (e) {
          if (e instanceof Rejected) step = { outcome: { status: 'rejected', error: e.error }, version: null };
          else {
            const state = sqlState(e);
            if (!state || isTransient(state)) throw e;
            log.warn({ err: e, mutationId: m.id, kind: m.kind, sqlState: state }, 'mutation failed in the database; recorded as rejected');
            step = {
              outcome: {
                status: 'rejected',
                error:
                  state === '23505'
                    ? { code: 'VALIDATION_FAILED', message: 'An id in this mutation is already in use' }
                    : { code: 'INTERNAL', message: 'The desk server could not store this change', details: { sqlState: state } },
              },
              version: null,
            };
          }
        }
      }
      const result: MutationResult = { seq: inc.seq, mutationId: inc.id, duplicate: false, ...step.outcome };
      await tx.insert(mutationResults).values({ clientId: req.clientId, seq: inc.seq, mutationId: inc.id, result });
      results.push(result);
      lastSeq = inc.seq;
      if (step.version !== null) {
        appliedAny = true;
        maxVersion = Math.max(maxVersion, step.version);
      }
    }
    if (results.length === 0) throw new HttpError('SEQ_GAP', `Expected seq ${lastSeq + 1} first`, { lastSeq });
    if (lastSeq !== cs.lastSeq)
      await tx.update(clientSeqs).set({ lastSeq, updatedAt: new Date() }).where(eq(clientSeqs.clientId, req.clientId));
    const version = appliedAny ? maxVersion : (await currentVersion(tx)).version;
    return { response: { results, lastSeq, version }, appliedAny };
  });
};
