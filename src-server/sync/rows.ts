/** Database rows ↔ the shared domain types (timestamps travel as ISO strings). */
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../../src-shared/ticket/model';
import type { conflicts, history, tickets, worklog } from '../db/schema';

type TicketRow = typeof tickets.$inferSelect;
type TicketInsert = typeof tickets.$inferInsert;

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  number: r.number,
  type: r.type as Ticket['type'],
  touchpoint: r.touchpoint,
  impact: r.impact as Ticket['impact'],
  urgency: r.urgency as Ticket['urgency'],
  callerName: r.callerName,
  organisation: r.organisation,
  phone: r.phone,
  email: r.email,
  deviceModel: r.deviceModel,
  deviceSerial: r.deviceSerial,
  subject: r.subject,
  description: r.description,
  priority: r.priority as Ticket['priority'],
  status: r.status as Ticket['status'],
  groupId: r.groupId,
  assigneeId: r.assigneeId,
  assignedBy: r.assignedBy,
  assignedAt: isoOrNull(r.assignedAt),
  escalationLevel: r.escalationLevel,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  version: r.version,
  fieldVersions: r.fieldVersions,
});

/** The columns of a ticket except its server-given number. */
export const ticketColumns = (t: Ticket): Omit<TicketInsert, 'number'> => ({
  id: t.id,
  type: t.type,
  touchpoint: t.touchpoint,
  impact: t.impact,
  urgency: t.urgency,
  callerName: t.callerName,
  organisation: t.organisation,
  phone: t.phone,
  email: t.email,
  deviceModel: t.deviceModel,
  deviceSerial: t.deviceSerial,
  subject: t.subject,
  description: t.description,
  priority: t.priority,
  status: t.status,
  groupId: t.groupId,
  assigneeId: t.assigneeId,
  assignedBy: t.assignedBy,
  assignedAt: t.assignedAt ? new Date(t.assignedAt) : null,
  escalationLevel: t.escalationLevel,
  createdBy: t.createdBy,
  createdAt: new Date(t.createdAt),
  updatedAt: new Date(t.updatedAt),
  version: t.version,
  fieldVersions: t.fieldVersions,
});

export const toWorklog = (r: typeof worklog.$inferSelect): WorklogEntry => ({
  id: r.id,
  ticketId: r.ticketId,
  authorId: r.authorId,
  body: r.body,
  at: iso(r.at),
  version: r.version,
});

export const toHistory = (r: typeof history.$inferSelect): HistoryEntry => ({
  id: r.id,
  ticketId: r.ticketId,
  userId: r.userId,
  field: r.field,
  from: r.from ?? null,
  to: r.to ?? null,
  at: iso(r.at),
  mutationId: r.mutationId,
  concurrent: r.concurrent,
  version: r.version,
});

export const toConflict = (r: typeof conflicts.$inferSelect): Conflict => ({
  id: r.id,
  ticketId: r.ticketId,
  field: r.field,
  sides: r.sides,
  participants: r.participants,
  status: r.status,
  resolvedBy: r.resolvedBy,
  resolution: r.resolution ?? null,
  createdAt: iso(r.createdAt),
  version: r.version,
});

export const conflictColumns = (c: Conflict): typeof conflicts.$inferInsert => ({
  id: c.id,
  ticketId: c.ticketId,
  field: c.field,
  sides: c.sides,
  participants: c.participants,
  status: c.status,
  resolvedBy: c.resolvedBy,
  resolution: c.resolution,
  createdAt: new Date(c.createdAt),
  version: c.version,
});

/*
 * Columns for the set-based writes (`push-batch.ts`): each column's name, SQL type and where its
 * value comes from, in one place. Rows travel as JSON arrays of values in this order (no key
 * names: PGlite's cost grows with the bytes sent) and are read back by `jsonb_array_elements`.
 * Timestamps stay ISO strings; json(b) values are nested JSON (null becomes SQL NULL, as Drizzle
 * writes it).
 */
export type Column<T> = readonly [name: string, type: string, value: (row: T) => unknown];

export const TICKET_COLUMNS: readonly Column<Ticket>[] = [
  ['id', 'uuid', (t) => t.id],
  ['type', 'text', (t) => t.type],
  ['touchpoint', 'text', (t) => t.touchpoint],
  ['impact', 'text', (t) => t.impact],
  ['urgency', 'text', (t) => t.urgency],
  ['caller_name', 'text', (t) => t.callerName],
  ['organisation', 'text', (t) => t.organisation],
  ['phone', 'text', (t) => t.phone],
  ['email', 'text', (t) => t.email],
  ['device_model', 'text', (t) => t.deviceModel],
  ['device_serial', 'text', (t) => t.deviceSerial],
  ['subject', 'text', (t) => t.subject],
  ['description', 'text', (t) => t.description],
  ['priority', 'text', (t) => t.priority],
  ['status', 'text', (t) => t.status],
  ['group_id', 'uuid', (t) => t.groupId],
  ['assignee_id', 'uuid', (t) => t.assigneeId],
  ['assigned_by', 'uuid', (t) => t.assignedBy],
  ['assigned_at', 'timestamptz', (t) => t.assignedAt],
  ['escalation_level', 'integer', (t) => t.escalationLevel],
  ['created_by', 'uuid', (t) => t.createdBy],
  ['created_at', 'timestamptz', (t) => t.createdAt],
  ['updated_at', 'timestamptz', (t) => t.updatedAt],
  ['version', 'bigint', (t) => t.version],
  ['field_versions', 'jsonb', (t) => t.fieldVersions],
];

export const WORKLOG_COLUMNS: readonly Column<WorklogEntry>[] = [
  ['id', 'uuid', (w) => w.id],
  ['ticket_id', 'uuid', (w) => w.ticketId],
  ['author_id', 'uuid', (w) => w.authorId],
  ['body', 'text', (w) => w.body],
  ['at', 'timestamptz', (w) => w.at],
  ['version', 'bigint', (w) => w.version],
];

export const HISTORY_COLUMNS: readonly Column<HistoryEntry>[] = [
  ['id', 'uuid', (h) => h.id],
  ['ticket_id', 'uuid', (h) => h.ticketId],
  ['user_id', 'uuid', (h) => h.userId],
  ['field', 'text', (h) => h.field],
  ['from_value', 'jsonb', (h) => h.from ?? null],
  ['to_value', 'jsonb', (h) => h.to ?? null],
  ['at', 'timestamptz', (h) => h.at],
  ['mutation_id', 'uuid', (h) => h.mutationId],
  ['concurrent', 'boolean', (h) => h.concurrent],
  ['version', 'bigint', (h) => h.version],
];

export const CONFLICT_COLUMNS: readonly Column<Conflict>[] = [
  ['id', 'uuid', (c) => c.id],
  ['ticket_id', 'uuid', (c) => c.ticketId],
  ['field', 'text', (c) => c.field],
  ['sides', 'jsonb', (c) => c.sides],
  ['participants', 'jsonb', (c) => c.participants],
  ['status', 'text', (c) => c.status],
  ['resolved_by', 'uuid', (c) => c.resolvedBy],
  ['resolution', 'jsonb', (c) => c.resolution],
  ['created_at', 'timestamptz', (c) => c.createdAt],
  ['version', 'bigint', (c) => c.version],
];
