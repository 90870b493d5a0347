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
