/**
 * The ticket lifecycle (BRIEF: report → diagnose → assign → resolve → callback → close).
 *
 * ```
 *            ┌──────────── cancelled (terminal) ◄──────────┐
 *            │                                              │
 *   new ──► assigned ──► in_progress ──► resolved ──► callback_done ──► closed
 *    │          │              ▲             │  ▲            │              │
 *    └──────────┴──────────────┘             │  └─ reopened ◄┴──────────────┘
 *                                            └──────► closed
 * ```
 * new, assigned, in_progress and reopened may also go straight to resolved (solved on the
 * first line) or be cancelled. Assigning a new or reopened ticket moves it to assigned.
 */
export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'resolved',
  'callback_done',
  'closed',
  'reopened',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  assigned: ['in_progress', 'resolved', 'cancelled'],
  in_progress: ['resolved', 'cancelled'],
  resolved: ['callback_done', 'closed', 'reopened'],
  callback_done: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  cancelled: [],
};

/** The statuses a ticket in `from` may move to. */
export const nextStatuses = (from: TicketStatus): readonly TicketStatus[] => MOVES[from];

/** Whether `from → to` is a legal move. */
export const canMove = (from: TicketStatus, to: TicketStatus): boolean => MOVES[from].includes(to);

/** Statuses in which the ticket is still someone's work. */
export const isOpenStatus = (s: TicketStatus): boolean => !['resolved', 'callback_done', 'closed', 'cancelled'].includes(s);

/** The status a ticket takes when it is assigned: new and reopened tickets become assigned. */
export const statusAfterAssign = (s: TicketStatus): TicketStatus => (s === 'new' || s === 'reopened' ? 'assigned' : s);
