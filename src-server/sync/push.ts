/**
 * POST /api/sync/push: applies a workstation's mutations exactly once.
 *
 * One database transaction per push. It first locks the client's `client_seqs` row
 * (FOR UPDATE), so two pushes from one client run one after the other. Then, in seq order:
 * - `seq ≤ last_seq`: a duplicate; the stored result is answered again with `duplicate: true`;
 * - `seq > last_seq + 1`: a gap; processing stops (the answer's `lastSeq` says where to resume);
 * - the run of new consecutive seqs is decided and written set-based (`push-batch.ts`: one
 *   version bump of +N, one query per kind of fact, every decision in memory with the shared
 *   `applyMutation`, one multi-row statement per table). A rejection is decided in memory and
 *   has no effect. Should that path meet an unexpected database error, its savepoint is rolled
 *   back and the run is done again one savepoint per mutation (`push-each.ts`), which gives the
 *   same answers (and isolates a mutation the database refuses).
 * Either way the results and the new `last_seq` are written in the same transaction as the
 * effects, which is what makes delivery exactly-once: they commit together or not at all.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { mutationSchema } from '../../src-shared/sync/mutations';
import { MAX_PUSH, pushRequestSchema, type DeskSettings, type MutationResult, type PushResponse } from '../../src-shared/sync/protocol';
import type { Db } from '../db/open';
import { clientSeqs, mutationResults } from '../db/schema';
import type { Actor } from '../desk/directory';
import { cachedSettings } from '../desk/settings';
import { currentVersion } from '../desk/version';
import { HttpError } from '../http/errors';
import { issuesOf, parse } from '../http/validate';
import type { Logger } from '../log';
import { applyBatch, fitsSetBased, storeBookkeeping, type Bookkeeping } from './push-batch';
import { applyEach } from './push-each';
import { isTransient, sqlState, type Incoming, type Run } from './push-rules';

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

/**
 * The run done set-based, with its bookkeeping, inside a savepoint; null when it does not fit
 * that path (see `fitsSetBased`) or met an unexpected error, its savepoint then rolled back.
 * Transient database failures are thrown: the client retries the push.
 */
const setBased = async (tx: Db, actor: Actor, fresh: Incoming[], settings: DeskSettings, log: Logger, book: Bookkeeping): Promise<Run | null> => {
  if (!fitsSetBased(fresh)) return null;
  try {
    return await tx.transaction((sp) => applyBatch(sp, actor, fresh, settings, log, book));
  } catch (e) {
    const state = sqlState(e);
    if (state && isTransient(state)) throw e;
    // A database refusal (e.g. a text it cannot store) is isolated by the per-mutation path;
    // anything else is a fault of the set-based path, logged louder, but the push still lands.
    (state ? log.warn.bind(log) : log.error.bind(log))(
      { err: e, sqlState: state, clientId: book.clientId, mutations: fresh.length },
      'set-based push failed; running it again one savepoint per mutation',
    );
    return null;
  }
};

/**
 * The stored results of these (already processed) seqs, by seq: the rows whose run covers any
 * of them (one row per run, see `mutationResults`), expanded.
 */
const storedResults = async (tx: Db, clientId: string, seqs: readonly number[]): Promise<Map<number, MutationResult>> => {
  const out = new Map<number, MutationResult>();
  if (!seqs.length) return out;
  const lo = Math.min(...seqs);
  const hi = Math.max(...seqs);
  const rows = await tx
    .select({ result: mutationResults.result })
    .from(mutationResults)
    .where(and(eq(mutationResults.clientId, clientId), lte(mutationResults.seq, hi), gte(sql`coalesce(${mutationResults.lastSeq}, ${mutationResults.seq})`, lo)));
  const wanted = new Set(seqs);
  for (const r of rows) for (const x of Array.isArray(r.result) ? (r.result as MutationResult[]) : [r.result as MutationResult]) if (wanted.has(x.seq)) out.set(x.seq, x);
  return out;
};

export type PushOutcome = { response: PushResponse; appliedAny: boolean };

/** Runs a validated push for `actor` (see the module comment). Throws HttpError FORBIDDEN / SEQ_GAP. */
export const push = async (db: Db, actor: Actor, req: ParsedPush, log: Logger): Promise<PushOutcome> => {
  const settings = (await cachedSettings(db)).value;
  return db.transaction(async (tx) => {
    await tx.insert(clientSeqs).values({ clientId: req.clientId, userId: actor.id }).onConflictDoNothing();
    const [cs] = await tx.select().from(clientSeqs).where(eq(clientSeqs.clientId, req.clientId)).for('update');
    if (!cs || cs.userId !== actor.id) throw new HttpError('FORBIDDEN', 'This client id belongs to another user');

    const dupSeqs = req.mutations.filter((m) => m.seq <= cs.lastSeq).map((m) => m.seq);
    const storedBySeq = await storedResults(tx, req.clientId, dupSeqs);

    const results: MutationResult[] = [];
    const fresh: Incoming[] = [];
    for (const inc of req.mutations) {
      if (inc.seq <= cs.lastSeq) {
        const prior = storedBySeq.get(inc.seq);
        results.push(
          prior
            ? { ...prior, duplicate: true }
            : { seq: inc.seq, mutationId: inc.id, duplicate: true, status: 'rejected', error: { code: 'INTERNAL', message: 'The stored result of this mutation is missing' } },
        );
      } else if (inc.seq === cs.lastSeq + fresh.length + 1) fresh.push(inc);
      else break;
    }

    const lastSeq = cs.lastSeq + fresh.length;
    let run: Run = { results: [], lastVersion: null };
    if (fresh.length) {
      const book = { clientId: req.clientId, lastSeq };
      const fast = await setBased(tx, actor, fresh, settings, log, book);
      if (fast) run = fast;
      else {
        run = await applyEach(tx, actor, fresh, settings, log);
        await storeBookkeeping(tx, book, run.results);
      }
      results.push(...run.results);
    }
    if (results.length === 0) throw new HttpError('SEQ_GAP', `Expected seq ${lastSeq + 1} first`, { lastSeq });
    const version = run.lastVersion ?? (await currentVersion(tx)).version;
    return { response: { results, lastSeq, version }, appliedAny: run.lastVersion !== null };
  });
};
