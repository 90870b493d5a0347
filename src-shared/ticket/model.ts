import { z } from 'zod';
import type { PRIORITIES } from './priority';
import { LEVELS } from './priority';
import type { TICKET_STATUSES } from './status';
import { TOUCHPOINT_RE } from '../desk/touchpoint';

/** Ticket classification (BRIEF: 初步诊断; praise per ITIL 4). */
export const TICKET_TYPES = ['incident', 'service_request', 'complaint', 'consultation', 'praise'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

const text = (max: number) => z.string().trim().max(max);

/**
 * The fields an agent types or picks (the standard phrase asks for name, organisation,
 * phone, and device model and serial when a device is involved). Validated the same way
 * on the workstation and on the server.
 */
export const editableFieldsSchema = z.object({
  type: z.enum(TICKET_TYPES),
  touchpoint: z.string().regex(TOUCHPOINT_RE, 'touchpoint code is channel letter + brand letter + 4 digits, e.g. AA4001'),
  impact: z.enum(LEVELS),
  urgency: z.enum(LEVELS),
  callerName: text(100),
  organisation: text(200),
  phone: z.string().trim().max(40).regex(/^[0-9+\-() #*]*$/, 'phone may hold digits, spaces and + - ( ) # *'),
  email: z.union([z.literal(''), z.string().trim().max(200).pipe(z.email())]),
  deviceModel: text(100),
  deviceSerial: text(100),
  subject: z.string().trim().min(1, 'subject is required').max(200),
  description: text(20_000),
});
export type EditableFields = z.infer<typeof editableFieldsSchema>;
export type EditableField = keyof EditableFields;
export const EDITABLE_FIELDS = Object.keys(editableFieldsSchema.shape) as EditableField[];

/** A ticket as the server stores it and every workstation caches it. */
export type Ticket = EditableFields & {
  id: string;
  /** Human number given by the server (null until the server has it). */
  number: number | null;
  priority: (typeof PRIORITIES)[number];
  status: (typeof TICKET_STATUSES)[number];
  groupId: string | null;
  assigneeId: string | null;
  /** Who made the current assignment, and when (for conflict records). */
  assignedBy: string | null;
  assignedAt: string | null;
  escalationLevel: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Desk version of the last change (0 on a ticket only this workstation has seen). */
  version: number;
  /** Desk version at which each field (or `assignment`, `status`) last changed. */
  fieldVersions: Record<string, number>;
};

/** One append-only worklog entry (never edited, never conflicts). */
export type WorklogEntry = {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  at: string;
  version: number;
};

/** Who changed what (kept for every change, including values later overwritten). */
export type HistoryEntry = {
  id: string;
  ticketId: string;
  userId: string;
  field: string;
  from: unknown;
  to: unknown;
  at: string;
  mutationId: string;
  /** The change was made from a stale copy and overwrote someone else's value. */
  concurrent: boolean;
  version: number;
};

/** One side of a conflicting reassignment. */
export type ConflictSide = { userId: string; groupId: string | null; assigneeId: string | null; at: string };

/** Two people reassigned the same ticket without seeing each other's change. */
export type Conflict = {
  id: string;
  ticketId: string;
  field: 'assignment';
  /** [the assignment that was in place, the one that arrived later and was applied] */
  sides: [ConflictSide, ConflictSide];
  participants: string[];
  status: 'open' | 'resolved';
  resolvedBy: string | null;
  resolution: { groupId: string | null; assigneeId: string | null } | null;
  createdAt: string;
  version: number;
};
