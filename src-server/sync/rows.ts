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
 * Records for the set-based writes (`push-batch.ts`): plain JSON objects keyed by column name,
 * read back by PostgreSQL's `json_to_recordset` with the column types of `*_COLUMNS`.
 * Timestamps stay ISO strings, json(b) columns nested JSON.
 */

/** [column, type] pairs, in the order the records below name them. */
export type Columns = readonly (readonly [string, string])[];

export const TICKET_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['type', 'text'],
  ['touchpoint', 'text'],
  ['impact', 'text'],
  ['urgency', 'text'],
  ['caller_name', 'text'],
  ['organisation', 'text'],
  ['phone', 'text'],
  ['email', 'text'],
  ['device_model', 'text'],
  ['device_serial', 'text'],
  ['subject', 'text'],
  ['description', 'text'],
  ['priority', 'text'],
  ['status', 'text'],
  ['group_id', 'uuid'],
  ['assignee_id', 'uuid'],
  ['assigned_by', 'uuid'],
  ['assigned_at', 'timestamptz'],
  ['escalation_level', 'integer'],
  ['created_by', 'uuid'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['version', 'bigint'],
  ['field_versions', 'jsonb'],
];

/** A ticket's columns except its server-given number. */
export const ticketRecord = (t: Ticket) => ({
  id: t.id,
  type: t.type,
  touchpoint: t.touchpoint,
  impact: t.impact,
  urgency: t.urgency,
  caller_name: t.callerName,
  organisation: t.organisation,
  phone: t.phone,
  email: t.email,
  device_model: t.deviceModel,
  device_serial: t.deviceSerial,
  subject: t.subject,
  description: t.description,
  priority: t.priority,
  status: t.status,
  group_id: t.groupId,
  assignee_id: t.assigneeId,
  assigned_by: t.assignedBy,
  assigned_at: t.assignedAt,
  escalation_level: t.escalationLevel,
  created_by: t.createdBy,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  version: t.version,
  field_versions: t.fieldVersions,
});

export const WORKLOG_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['ticket_id', 'uuid'],
  ['author_id', 'uuid'],
  ['body', 'text'],
  ['at', 'timestamptz'],
  ['version', 'bigint'],
];

export const worklogRecord = (w: WorklogEntry) => ({ id: w.id, ticket_id: w.ticketId, author_id: w.authorId, body: w.body, at: w.at, version: w.version });

export const HISTORY_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['ticket_id', 'uuid'],
  ['user_id', 'uuid'],
  ['field', 'text'],
  ['from_value', 'jsonb'],
  ['to_value', 'jsonb'],
  ['at', 'timestamptz'],
  ['mutation_id', 'uuid'],
  ['concurrent', 'boolean'],
  ['version', 'bigint'],
];

/** A history row; `from`/`to` undefined or null are stored as SQL NULL, as the Drizzle insert does. */
export const historyRecord = (h: HistoryEntry) => ({
  id: h.id,
  ticket_id: h.ticketId,
  user_id: h.userId,
  field: h.field,
  from_value: h.from ?? null,
  to_value: h.to ?? null,
  at: h.at,
  mutation_id: h.mutationId,
  concurrent: h.concurrent,
  version: h.version,
});

export const CONFLICT_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['ticket_id', 'uuid'],
  ['field', 'text'],
  ['sides', 'jsonb'],
  ['participants', 'jsonb'],
  ['status', 'text'],
  ['resolved_by', 'uuid'],
  ['resolution', 'jsonb'],
  ['created_at', 'timestamptz'],
  ['version', 'bigint'],
];

export const conflictRecord = (c: Conflict) => ({
  id: c.id,
  ticket_id: c.ticketId,
  field: c.field,
  sides: c.sides,
  participants: c.participants,
  status: c.status,
  resolved_by: c.resolvedBy,
  resolution: c.resolution,
  created_at: c.createdAt,
  version: c.version,
});
