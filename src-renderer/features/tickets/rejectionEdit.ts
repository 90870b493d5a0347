import type { Mutation } from '../../../src-shared/sync/mutations';
import type { EditableFields } from '../../../src-shared/ticket/model';
import type { TicketStatus } from '../../../src-shared/ticket/status';

type Assignment = { groupId: string | null; assigneeId: string | null };

/**
 * The part of a refused mutation the agent can correct, per kind. It starts as exactly what
 * the agent sent, so nothing typed is lost, and becomes the `edited` payload of a resubmit.
 */
export type RejectionEdit =
  | { kind: 'createTicket'; fields: EditableFields; groupId: string | null; assigneeId: string | null }
  | { kind: 'setFields'; fields: Partial<EditableFields> }
  | { kind: 'addNote'; body: string }
  | { kind: 'assign'; groupId: string | null; assigneeId: string | null }
  | { kind: 'changeStatus'; to: TicketStatus }
  | { kind: 'escalate'; level: number }
  | { kind: 'resolveConflict'; choice: Assignment };

/** What the agent sent, as an editable copy. */
export const editOf = (m: Mutation): RejectionEdit => {
  switch (m.kind) {
    case 'createTicket':
      return { kind: m.kind, fields: { ...m.fields }, groupId: m.groupId, assigneeId: m.assigneeId };
    case 'setFields':
      return { kind: m.kind, fields: { ...m.fields } };
    case 'addNote':
      return { kind: m.kind, body: m.body };
    case 'assign':
      return { kind: m.kind, groupId: m.groupId, assigneeId: m.assigneeId };
    case 'changeStatus':
      return { kind: m.kind, to: m.to };
    case 'escalate':
      return { kind: m.kind, level: m.level };
    case 'resolveConflict':
      return { kind: m.kind, choice: { ...m.choice } };
  }
};

/** The payload handed to `resubmitRejection` (merged there over the refused mutation). */
export const payloadOf = (e: RejectionEdit): Record<string, unknown> => {
  const { kind: _kind, ...payload } = e;
  return payload;
};

/** The saved draft when it still matches the mutation's kind, else a fresh copy of what was sent. */
export const currentEdit = (m: Mutation, draft: RejectionEdit | undefined): RejectionEdit =>
  draft !== undefined && draft.kind === m.kind ? draft : editOf(m);
