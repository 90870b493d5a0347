import { z } from 'zod';
import { editableFieldsSchema } from '../ticket/model';
import { TICKET_STATUSES } from '../ticket/status';

const id = z.uuid();
const base = z.record(z.string(), z.number().int().min(0));

/** Fields shared by every mutation: who made it, where, in what order. */
const envelope = {
  id,
  clientId: id,
  /** Gap-free per client, from 1. */
  seq: z.number().int().min(1),
  /** Client clock when the agent acted (informational; the server orders by arrival). */
  at: z.iso.datetime(),
  ticketId: id,
};

/**
 * Intent mutations: what the agent meant, not the resulting row. Each carries the
 * per-field versions (`base`) the agent's copy had, so the server can tell a stale edit.
 */
export const mutationSchema = z.discriminatedUnion('kind', [
  z.object({
    ...envelope,
    kind: z.literal('createTicket'),
    fields: editableFieldsSchema,
    groupId: id.nullable(),
    assigneeId: id.nullable(),
  }),
  z.object({ ...envelope, kind: z.literal('setFields'), fields: editableFieldsSchema.partial(), base }),
  z.object({ ...envelope, kind: z.literal('addNote'), noteId: id, body: z.string().trim().min(1).max(20_000) }),
  z.object({ ...envelope, kind: z.literal('assign'), groupId: id.nullable(), assigneeId: id.nullable(), base }),
  z.object({ ...envelope, kind: z.literal('changeStatus'), to: z.enum(TICKET_STATUSES) }),
  z.object({ ...envelope, kind: z.literal('escalate'), level: z.number().int().min(0).max(3) }),
  z.object({
    ...envelope,
    kind: z.literal('resolveConflict'),
    conflictId: id,
    choice: z.object({ groupId: id.nullable(), assigneeId: id.nullable() }),
  }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationKind = Mutation['kind'];
/** A mutation before it is given its place in the outbox. */
export type MutationDraft = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'id' | 'clientId' | 'seq' | 'at'> : never) : never;
