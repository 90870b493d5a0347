/**
 * The per-mutation way of running a push: the fallback of the set-based path (`push-batch.ts`),
 * used only when that path meets a database error it did not expect, so that correctness never
 * depends on the fast path. Each mutation runs in its own SAVEPOINT: take the next desk version,
 * load the ticket, check the actor may touch it, decide with the shared reducer, write the
 * ticket, history, worklog, conflict and scope rows. A refusal — by the rules or by the
 * database (for instance a text the database cannot store) — rolls back only that savepoint
 * and is recorded as the mutation's result.
 */
import { and, eq } from 'drizzle-orm';
import type { AppError } from '../../src-shared/result';
import { newId } from '../../src-shared/ids';
import type { Mutation } from '../../src-shared/sync/mutations';
import type { DeskSettings, MutationOutcome, MutationResult } from '../../src-shared/sync/protocol';
import type { Applied } from '../../src-shared/ticket/apply';
import type { Ticket } from '../../src-shared/ticket/model';
import type { Db } from '../db/open';
import { conflicts, groupMembers, groups, history, ticketGrants, tickets, tombstones, worklog } from '../db/schema';
import type { Actor } from '../desk/directory';
import { bumpVersion } from '../desk/version';
import type { Logger } from '../log';
import { OUTSIDE_SCOPE, checkScope, databaseRefusal, decide, isTransient, outcomeOf, scopeMoved, sqlState, targetOf, type Incoming, type Run } from './push-rules';
import { conflictColumns, ticketColumns, toConflict, toTicket } from './rows';
import { audienceOf, inAudience } from './scope';

/** A mutation the rules refused: its savepoint is rolled back and the refusal recorded. */
class Rejected extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

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
  const [conflictRow] = m.kind === 'resolveConflict' ? await tx.select().from(conflicts).where(eq(conflicts.id, m.conflictId)) : [];
  const conflict = conflictRow ? toConflict(conflictRow) : undefined;

  const scope = checkScope(actor, m, ticket, conflict);
  if (scope === 'tombstone') {
    if (!(await lostTicket(tx, actor.id, m.ticketId))) throw new Rejected(OUTSIDE_SCOPE);
  } else if (scope !== null) throw new Rejected(scope);

  const target = targetOf(m);
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
  const decided = decide(m, ticket, { actor, settings, version, now, groupFound, member, conflict });
  if (!decided.ok) throw new Rejected(decided.error);
  await write(tx, actor, m, ticket, decided.value, version, now);
  return { outcome: outcomeOf(decided.value), version };
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
  if (scopeMoved(before, a.ticket)) {
    // Scope moved: those who lose the ticket get a tombstone, those who gain it its older worklog and history.
    const was = await audienceOf(tx, before);
    const is = await audienceOf(tx, a.ticket);
    const lost = [...was].filter((u) => !is.has(u));
    const gained = [...is].filter((u) => !was.has(u));
    if (lost.length) await tx.insert(tombstones).values({ entity: 'ticket', recordId: before.id, version, audience: lost });
    if (gained.length) await tx.insert(ticketGrants).values({ ticketId: before.id, version, audience: gained });
  }
};

/** Runs `fresh` (consecutive new seqs) one savepoint per mutation. Throws only transient database errors. */
export const applyEach = async (tx: Db, actor: Actor, fresh: Incoming[], settings: DeskSettings, log: Logger): Promise<Run> => {
  const results: MutationResult[] = [];
  let lastVersion: number | null = null;
  for (const inc of fresh) {
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
          step = { outcome: { status: 'rejected', error: databaseRefusal(state) }, version: null };
        }
      }
    }
    results.push({ seq: inc.seq, mutationId: inc.id, duplicate: false, ...step.outcome });
    if (step.version !== null) lastVersion = step.version;
  }
  return { results, lastVersion };
};
