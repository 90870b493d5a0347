/**
 * POST /api/sync/records: append-only records (calls, call–ticket links, article use and
 * feedback; see src-shared/sync/records.ts) stored at most once by their client-made id.
 *
 * The request envelope must be valid (else 400); each record is validated on its own, so a
 * record this server cannot read (a newer workstation, say) is answered `rejected` with
 * VALIDATION_FAILED and the rest are stored. Every kind is written with one multi-row
 * `INSERT … ON CONFLICT (id) DO NOTHING RETURNING id`, all in one transaction: the ids the
 * insert returns were stored now (`applied`), the others were there already (`duplicate`).
 */
import { recordSchema, recordsPushSchema, type RecordResult, type RecordsPushResponse, type SyncRecord } from '../../src-shared/sync/records';
import type { Db } from '../db/open';
import { articleFeedback, articleUses, callLinks, callRecords } from '../db/schema';
import type { Actor } from '../desk/directory';
import { issuesOf, parse } from '../http/validate';

export type ParsedRecords = { clientId: string; items: ({ id: string; record: SyncRecord } | { id: string; record: null; message: string; issues: unknown })[] };

/** Validates a records push (see the module comment). Throws 400 VALIDATION_FAILED for a bad envelope. */
export const parseRecords = (body: unknown): ParsedRecords => {
  const env = parse(recordsPushSchema, body, 'records push');
  return {
    clientId: env.clientId,
    items: env.records.map((raw) => {
      const r = recordSchema.safeParse(raw);
      if (r.success) return { id: r.data.id, record: r.data };
      const issues = issuesOf(r.error);
      return { id: raw.id, record: null, message: `Invalid record${issues[0]?.path ? ` at ${issues[0].path}` : ''}: ${issues[0]?.message ?? 'invalid'}`, issues };
    }),
  };
};

const date = (iso: string): Date => new Date(iso);
const dateOrNull = (iso: string | undefined): Date | null => (iso ? new Date(iso) : null);

type Of<K extends SyncRecord['kind']> = Extract<SyncRecord, { kind: K }>;

/** Stores the records (see the module comment) and answers one result per record, in request order. */
export const pushRecords = async (db: Db, actor: Actor, req: ParsedRecords): Promise<RecordsPushResponse> => {
  const valid = req.items.flatMap((i) => (i.record ? [i.record] : []));
  const byKind = <K extends SyncRecord['kind']>(k: K): Of<K>[] => valid.filter((r): r is Of<K> => r.kind === k);
  const who = (r: SyncRecord) => ({ id: r.id, userId: actor.id, clientId: req.clientId, at: date(r.at) });
  const stored = new Set<string>();
  await db.transaction(async (tx) => {
    const keep = (rows: { id: string }[]) => rows.forEach((r) => stored.add(r.id));
    const calls = byKind('call');
    if (calls.length)
      keep(
        await tx
          .insert(callRecords)
          .values(
            calls.map((r) => ({
              ...who(r),
              source: r.source,
              sipCallId: r.sipCallId ?? null,
              direction: r.direction,
              number: r.number,
              displayName: r.displayName ?? null,
              queue: r.queue ?? null,
              ringAt: date(r.ringAt),
              answerAt: dateOrNull(r.answerAt),
              endAt: date(r.endAt),
              talkSeconds: r.talkSeconds,
              outcome: r.outcome,
              endReason: r.endReason ?? null,
              transferTarget: r.transferTarget ?? null,
              notes: r.notes ?? null,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: callRecords.id }),
      );
    const links = byKind('callLink');
    if (links.length)
      keep(await tx.insert(callLinks).values(links.map((r) => ({ ...who(r), callId: r.callId, ticketId: r.ticketId }))).onConflictDoNothing().returning({ id: callLinks.id }));
    const uses = byKind('articleUse');
    if (uses.length)
      keep(
        await tx
          .insert(articleUses)
          .values(uses.map((r) => ({ ...who(r), articleId: r.articleId, revision: r.revision, action: r.action, ticketId: r.ticketId })))
          .onConflictDoNothing()
          .returning({ id: articleUses.id }),
      );
    const feedback = byKind('articleFeedback');
    if (feedback.length)
      keep(
        await tx
          .insert(articleFeedback)
          .values(feedback.map((r) => ({ ...who(r), articleId: r.articleId, revision: r.revision, helpful: r.helpful, comment: r.comment, ticketId: r.ticketId })))
          .onConflictDoNothing()
          .returning({ id: articleFeedback.id }),
      );
  });
  const seen = new Set<string>();
  const results: RecordResult[] = req.items.map((i) => {
    if (!i.record) return { id: i.id, status: 'rejected', error: { code: 'VALIDATION_FAILED', message: i.message, details: { issues: i.issues } } };
    // The same id twice in one request: the first is the one stored.
    const fresh = stored.has(i.id) && !seen.has(i.id);
    seen.add(i.id);
    return { id: i.id, status: fresh ? 'applied' : 'duplicate' };
  });
  return { results };
};
