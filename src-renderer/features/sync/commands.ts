/**
 * The agent's actions. Each one is validated with the shared schemas first (bad input gets
 * a clear error and nothing is written), then runs as ONE store transaction: allocate the
 * next gap-free seq, check and apply the change on the local view with `applyMutation`,
 * append the mutation to the outbox. After the commit the host journal gets a copy and the
 * sync engine is nudged.
 */
import { z } from 'zod';
import { newId } from '../../../src-shared/ids';
import { err, ok, type Result } from '../../../src-shared/result';
import { mutationSchema, type Mutation, type MutationDraft } from '../../../src-shared/sync/mutations';
import type { EditableFields } from '../../../src-shared/ticket/model';
import type { TicketStatus } from '../../../src-shared/ticket/status';
import { loadDirectory, NEW_TICKET, peekDirectory, readTicketState, recomputeTickets, writeView, type Actor } from './local';
import { setMeta, type LocalStore, type OutboxEntry, type StoreTx, type TableName } from './store';
import { baseOf, replay } from './view';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A mutation as a caller describes it: no envelope, no `base` (the workstation fills both in). */
export type MutationInput = DistributiveOmit<MutationDraft, 'base'>;

/** A mutation now waiting in the outbox. */
export type Queued = { mutationId: string; seq: number; ticketId: string };

export type Assignment = { groupId: string | null; assigneeId: string | null };

/** Where a copy of each new outbox mutation goes (the Electron journal); web has none. */
export type Journal = { append(m: Mutation): unknown };

export type CommandDeps = {
  store: LocalStore;
  actor: Actor;
  journal?: Journal | undefined;
  /** Called (and awaited) after each committed action: nudges the engine, refreshes counters. */
  onChange?: () => unknown;
  now?: () => Date;
};

export type Commands = {
  /** Captures a new ticket; answers its id. */
  createTicket(fields: EditableFields, assignment?: Assignment): Promise<Result<string>>;
  /** Edits plain fields (only the ones given). */
  setFields(ticketId: string, fields: Partial<EditableFields>): Promise<Result<Queued>>;
  /** Appends a worklog note; answers the note's id with the queue position. */
  addNote(ticketId: string, body: string): Promise<Result<Queued & { noteId: string }>>;
  assign(ticketId: string, groupId: string | null, assigneeId: string | null): Promise<Result<Queued>>;
  changeStatus(ticketId: string, to: TicketStatus): Promise<Result<Queued>>;
  escalate(ticketId: string, level: number): Promise<Result<Queued>>;
  /** Decides an open conflict; `choice` is usually one of its two sides. */
  resolveConflict(conflictId: string, choice: Assignment): Promise<Result<Queued>>;
  /**
   * Sends an edited copy of a rejected mutation as a NEW mutation (new id, new seq) and marks
   * the rejection resubmitted. `edited` is merged over the rejected mutation's payload, so it
   * may hold only what changed (e.g. `{ fields: { touchpoint: 'AA4002' } }`); envelope and
   * `base` in it are ignored (`base` is taken again from the current server copy).
   */
  resubmitRejection(rejectionId: string, edited: unknown): Promise<Result<Queued>>;
  /** Gives up on a rejected mutation (kept, marked discarded). */
  discardRejection(rejectionId: string): Promise<Result<null>>;
};

const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
const ENVELOPE = ['id', 'clientId', 'seq', 'at', 'base'] as const;

const validation = (e: z.ZodError): { ok: false; error: { code: 'VALIDATION_FAILED'; message: string; details: unknown } } => ({
  ok: false,
  error: {
    code: 'VALIDATION_FAILED',
    message: z.prettifyError(e),
    details: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  },
});

/** Validates a caller's input as a mutation (with placeholder envelope), answering the cleaned payload. */
export const parseInput = (input: unknown): Result<Mutation> => {
  if (typeof input !== 'object' || input === null) return err('VALIDATION_FAILED', 'A mutation must be an object');
  const candidate: Record<string, unknown> = { ...input, id: PLACEHOLDER, clientId: PLACEHOLDER, seq: 1, at: new Date(0).toISOString(), base: {} };
  const parsed = mutationSchema.safeParse(candidate);
  return parsed.success ? ok(parsed.data) : validation(parsed.error);
};

const stripEnvelope = (m: Mutation): Record<string, unknown> => {
  const rest: Record<string, unknown> = { ...m };
  for (const k of ENVELOPE) delete rest[k];
  return rest;
};

/**
 * Inside a write transaction: gives `draft` its envelope and base, checks it against the
 * current view, and appends it. Answers an error (and writes nothing) when the view refuses it.
 *
 * Two round trips to the store: every read (the ticket's state, the directory, the client id
 * and next seq) issued together, then every write issued together. `isNew`: the ticket id
 * was made for this very action (`createTicket`), so there is nothing to read about it.
 */
const enqueueInTx = async (tx: StoreTx, draft: Mutation, actor: Actor, at: string, isNew = false): Promise<Result<Mutation>> => {
  let ticketId = draft.ticketId;
  if (draft.kind === 'resolveConflict') {
    const c = await tx.conflicts.get(draft.conflictId);
    if (!c) return err('CONFLICT_NOT_FOUND', 'That conflict is not known on this workstation');
    ticketId = c.ticketId;
  }
  const [state, dir, clientRow, seqRow] = await Promise.all([
    isNew ? NEW_TICKET : readTicketState(tx, ticketId),
    loadDirectory(tx),
    tx.meta.get('clientId'),
    tx.meta.get('nextSeq'),
  ]);
  const envelope = { id: newId(), clientId: PLACEHOLDER, seq: 0, at, ticketId };
  const m: Mutation =
    draft.kind === 'setFields'
      ? { ...draft, ...envelope, base: baseOf(state.server, Object.keys(draft.fields)) }
      : draft.kind === 'assign'
        ? { ...draft, ...envelope, base: baseOf(state.server, ['assignment']) }
        : { ...draft, ...envelope };
  // The view after this action, and the check: `applyMutation` does not look at the
  // envelope (id, client id, seq), so this replay is also the one of the queued mutation.
  const replayed = replay(state.server, [...state.entries.map((e) => e.mutation), m], dir, actor.id, state.conflicts);
  const check = replayed.outcomes.at(-1);
  if (check && !check.ok) return check;
  // Only now take a seq: a refused action must not leave a gap.
  const existingClientId = clientRow?.key === 'clientId' ? clientRow.value : '';
  const clientId = existingClientId || newId();
  const seq = seqRow?.key === 'nextSeq' ? seqRow.value : 1;
  const queued: Mutation = { ...m, clientId, seq };
  const entry: OutboxEntry = { seq, ticketId, mutation: queued, status: 'pending' };
  await Promise.all([
    existingClientId ? undefined : setMeta(tx, 'clientId', clientId),
    setMeta(tx, 'nextSeq', seq + 1),
    tx.outbox.put(entry),
    writeView(tx, ticketId, { ...state, entries: [...state.entries, entry] }, replayed),
  ]);
  return ok(queued);
};

/** What `createFastInTx` reads and writes (the view row, its notes, the outbox, meta). */
const FAST_TABLES = ['meta', 'outbox', 'tickets', 'worklog'] as const satisfies readonly TableName[];

/** The seq counter as this workstation's commands last left it: what the fast path goes ahead on. */
type SeqGuess = { clientId: string; nextSeq: number };

/** Thrown inside the transaction to undo a fast-path save whose guesses were wrong. */
class StaleGuess extends Error {
  constructor() {
    super('another writer moved the seq counter or the directory');
  }
}

/**
 * `createTicket` in ONE round trip. A brand-new ticket has nothing to read about itself, so
 * with the directory kept in memory and the seq counter as last left here, the whole save is
 * computed up front. The reads that confirm those guesses are issued first and the writes
 * right behind them: a transaction runs its requests in the order they were issued, so the
 * reads see the state before the writes. A wrong guess (another tab saved, a pull changed
 * the directory, the engine renumbered) throws `StaleGuess`, which undoes the transaction;
 * the caller then saves the normal way. Answers null, before writing anything, when there is
 * nothing kept to go on or the kept directory refuses the ticket (the normal way decides
 * that on fresh data, in the same transaction).
 */
const createFastInTx = async (tx: StoreTx, draft: Mutation, actor: Actor, at: string, guess: SeqGuess): Promise<Result<Mutation> | null> => {
  const dir = peekDirectory(tx);
  if (!dir || draft.kind !== 'createTicket') return null;
  const m: Mutation = { ...draft, id: newId(), clientId: guess.clientId, seq: guess.nextSeq, at };
  const replayed = replay(undefined, [m], dir.value, actor.id, new Map());
  if (!replayed.outcomes[0]?.ok) return null;
  const entry: OutboxEntry = { seq: m.seq, ticketId: m.ticketId, mutation: m, status: 'pending' };
  const confirm = Promise.all([dir.isCurrent(), tx.meta.get('clientId'), tx.meta.get('nextSeq')]);
  const write = Promise.all([setMeta(tx, 'nextSeq', m.seq + 1), tx.outbox.put(entry), writeView(tx, m.ticketId, { ...NEW_TICKET, entries: [entry] }, replayed)]);
  const [[current, clientRow, seqRow]] = await Promise.all([confirm, write]);
  if (!current || clientRow?.value !== guess.clientId || seqRow?.value !== guess.nextSeq) throw new StaleGuess();
  return ok(m);
};

/** The agent's commands over one store. */
export const createCommands = (deps: CommandDeps): Commands => {
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();

  const after = async (m: Mutation): Promise<void> => {
    try {
      await deps.journal?.append(m);
    } catch {
      // The journal is a disaster copy; the mutation is already durable in the outbox.
    }
    await deps.onChange?.();
  };

  let guess: SeqGuess | null = null;
  /** Remembers the seq counter a committed-to-be mutation leaves behind (set inside the transaction). */
  const remember = (r: Result<Mutation>): Result<Mutation> => {
    if (r.ok) guess = { clientId: r.value.clientId, nextSeq: r.value.seq + 1 };
    return r;
  };

  const submit = async (input: unknown, isNew = false): Promise<Result<Mutation>> => {
    const parsed = parseInput(input);
    if (!parsed.ok) return parsed;
    const at = now();
    const slow = (tx: StoreTx) => enqueueInTx(tx, parsed.value, deps.actor, at, isNew);
    let r: Result<Mutation> | null = null;
    const g = isNew ? guess : null;
    if (g) {
      // The fast path touches only these tables, so its transaction locks only them.
      try {
        r = await deps.store.write(async (tx) => {
          const fast = await createFastInTx(tx, parsed.value, deps.actor, at, g);
          if (!fast) throw new StaleGuess();
          return remember(fast);
        }, FAST_TABLES);
      } catch (e) {
        if (!(e instanceof StaleGuess)) throw e;
        guess = null;
      }
    }
    r ??= await deps.store.write(async (tx) => remember(await slow(tx)));
    if (r.ok) await after(r.value);
    return r;
  };

  const queued = async (input: MutationInput): Promise<Result<Queued>> => {
    const r = await submit(input);
    return r.ok ? ok({ mutationId: r.value.id, seq: r.value.seq, ticketId: r.value.ticketId }) : r;
  };

  return {
    createTicket: async (fields, assignment = { groupId: null, assigneeId: null }) => {
      // A fresh id: no server copy, outbox entries, conflicts, rejections or notes to read.
      const ticketId = newId();
      const r = await submit({ kind: 'createTicket', ticketId, fields, groupId: assignment.groupId, assigneeId: assignment.assigneeId }, true);
      return r.ok ? ok(ticketId) : r;
    },
    setFields: (ticketId, fields) =>
      Object.keys(fields).length === 0
        ? Promise.resolve(err('VALIDATION_FAILED', 'Nothing to change: no fields were given'))
        : queued({ kind: 'setFields', ticketId, fields }),
    addNote: async (ticketId, body) => {
      const noteId = newId();
      const r = await queued({ kind: 'addNote', ticketId, noteId, body });
      return r.ok ? ok({ ...r.value, noteId }) : r;
    },
    assign: (ticketId, groupId, assigneeId) => queued({ kind: 'assign', ticketId, groupId, assigneeId }),
    changeStatus: (ticketId, to) => queued({ kind: 'changeStatus', ticketId, to }),
    escalate: (ticketId, level) => queued({ kind: 'escalate', ticketId, level }),
    // The ticket id is looked up from the conflict inside the transaction.
    resolveConflict: (conflictId, choice) => queued({ kind: 'resolveConflict', ticketId: conflictId, conflictId, choice }),
    resubmitRejection: async (rejectionId, edited) => {
      const rejection = await deps.store.read((tx) => tx.rejections.get(rejectionId));
      if (!rejection) return err('NOT_FOUND', 'That rejected change is not on this workstation');
      if (typeof edited !== 'object' || edited === null) return err('VALIDATION_FAILED', 'The edited change must be an object');
      const parsed = parseInput({ ...stripEnvelope(rejection.mutation), ...edited, kind: rejection.mutation.kind });
      if (!parsed.ok) return parsed;
      const r = await deps.store.write(async (tx): Promise<Result<Mutation>> => {
        const current = await tx.rejections.get(rejectionId);
        if (!current || current.status !== 'open') return err('NOT_FOUND', 'That rejected change was already resubmitted or discarded');
        const q = remember(await enqueueInTx(tx, parsed.value, deps.actor, now()));
        if (!q.ok) return q;
        await tx.rejections.put({ ...current, status: 'resubmitted', resubmittedAs: q.value.seq });
        await recomputeTickets(tx, [current.ticketId, q.value.ticketId], deps.actor);
        return q;
      });
      if (!r.ok) return r;
      await after(r.value);
      return ok({ mutationId: r.value.id, seq: r.value.seq, ticketId: r.value.ticketId });
    },
    discardRejection: async (rejectionId) => {
      const r = await deps.store.write(async (tx): Promise<Result<null>> => {
        const current = await tx.rejections.get(rejectionId);
        if (!current) return err('NOT_FOUND', 'That rejected change is not on this workstation');
        if (current.status !== 'open') return err('NOT_FOUND', 'That rejected change was already resubmitted or discarded');
        await tx.rejections.put({ ...current, status: 'discarded' });
        await recomputeTickets(tx, [current.ticketId], deps.actor);
        return ok(null);
      });
      if (r.ok) await deps.onChange?.();
      return r;
    },
  };
};
