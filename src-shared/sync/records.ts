/**
 * Append-only records: facts an agent's workstation reports that never conflict and never
 * change a ticket — calls (the call log), links of a call to a ticket, knowledge article use
 * and feedback. They are kept locally first, like mutations, and pushed on their own stream
 * (`POST /api/sync/records`): each record has a client-made UUIDv7 `id`, and the server
 * stores a record at most once by that id, so a resend (lost reply, crash, two tabs) is
 * answered `duplicate` and changes nothing. Order does not matter, so there is no sequence.
 *
 * Ticket changes stay intent mutations (`mutations.ts`): they need ordering, per-field
 * versions and conflict rules; records need none of that.
 */
import { z } from 'zod';
import { CALL_OUTCOMES } from '../calls/record';
import { END_REASONS } from '../calls/state';
import type { AppError } from '../result';

const id = z.uuid();
const when = z.iso.datetime();
const phoneText = z.string().trim().max(80);

/** Most records one push may carry. */
export const MAX_RECORDS_PUSH = 1000;

/** One call of the call log: from this workstation's phone, or logged by hand (taken on another phone). */
export const callRecordSchema = z.object({
  id,
  kind: z.literal('call'),
  at: when,
  source: z.enum(['phone', 'other_phone']),
  /** SIP Call-ID (phone calls). */
  sipCallId: z.string().max(200).optional(),
  direction: z.enum(['inbound', 'outbound']),
  number: phoneText,
  displayName: z.string().max(200).optional(),
  queue: z.string().max(40).optional(),
  ringAt: when,
  answerAt: when.optional(),
  endAt: when,
  talkSeconds: z.number().int().min(0).max(7 * 86_400),
  outcome: z.enum(CALL_OUTCOMES),
  endReason: z.enum(END_REASONS).optional(),
  transferTarget: z.string().max(200).optional(),
  notes: z.string().max(2000).optional(),
});

/** A call linked to a ticket (after the call, or while it is still going on). */
export const callLinkSchema = z.object({ id, kind: z.literal('callLink'), at: when, callId: id, ticketId: id });

/** A knowledge article opened, or used to solve a ticket ("used for this ticket"). */
export const articleUseSchema = z.object({
  id,
  kind: z.literal('articleUse'),
  at: when,
  action: z.enum(['opened', 'used']),
  articleId: id,
  revision: z.number().int().min(1),
  ticketId: id.nullable(),
});

/** Whether an article helped, with an optional comment. */
export const articleFeedbackSchema = z.object({
  id,
  kind: z.literal('articleFeedback'),
  at: when,
  articleId: id,
  revision: z.number().int().min(1),
  helpful: z.boolean(),
  comment: z.string().trim().max(2000),
  ticketId: id.nullable(),
});

export const recordSchema = z.discriminatedUnion('kind', [callRecordSchema, callLinkSchema, articleUseSchema, articleFeedbackSchema]);
export type SyncRecord = z.infer<typeof recordSchema>;
export type RecordKind = SyncRecord['kind'];
export type CallLogRecord = z.infer<typeof callRecordSchema>;
export type ArticleUseRecord = z.infer<typeof articleUseSchema>;
export type ArticleFeedbackRecord = z.infer<typeof articleFeedbackSchema>;
/** A record as a caller describes it: the workstation gives it its id and time. */
export type RecordDraft = SyncRecord extends infer R ? (R extends SyncRecord ? Omit<R, 'id' | 'at'> & { at?: string } : never) : never;

/** POST /api/sync/records */
export const recordsPushSchema = z.object({
  clientId: id,
  records: z.array(z.looseObject({ id, kind: z.string() })).min(1).max(MAX_RECORDS_PUSH),
});

/** What became of one record: stored now, stored before (a resend), or refused with a reason. */
export type RecordResult = { id: string } & ({ status: 'applied' | 'duplicate' } | { status: 'rejected'; error: AppError });
export type RecordsPushResponse = { results: RecordResult[] };
