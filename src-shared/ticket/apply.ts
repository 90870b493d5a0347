import { err, ok, type Result } from '../result';
import { isKnownTouchpoint } from '../desk/touchpoint';
import type { DeskSettings } from '../sync/protocol';
import type { Mutation } from '../sync/mutations';
import { DEFAULT_PRIORITY_MATRIX, priorityOf } from './priority';
import { canMove, statusAfterAssign } from './status';
import { type Conflict, type EditableField, type Ticket, type WorklogEntry } from './model';

/** What the applying side knows. Lookups answer `undefined` when the side cannot tell (cold cache). */
export type ApplyContext = {
  actorId: string;
  now: string;
  /** Desk version the change is given (the server's counter; 0 on a workstation). */
  version: number;
  settings: DeskSettings | null;
  groupExists: (groupId: string) => boolean | undefined;
  isMember: (userId: string, groupId: string) => boolean | undefined;
  conflict: (conflictId: string) => Conflict | undefined;
  newId: () => string;
};

export type HistoryDraft = { field: string; from: unknown; to: unknown; concurrent: boolean };

/** The effect of one applied mutation. */
export type Applied = {
  ticket: Ticket;
  history: HistoryDraft[];
  note?: WorklogEntry;
  /** A conflict opened by a concurrent reassignment. */
  opened?: Conflict;
  /** A conflict closed by `resolveConflict`. */
  closed?: Conflict;
};

const stale = (t: Ticket, field: string, base: Record<string, number>): boolean =>
  (base[field] ?? 0) < (t.fieldVersions[field] ?? 0);

const checkAssignment = (groupId: string | null, assigneeId: string | null, ctx: ApplyContext): Result<null> => {
  if (groupId !== null && ctx.groupExists(groupId) === false) return err('UNKNOWN_GROUP', 'That group no longer exists');
  if (assigneeId !== null && groupId !== null && ctx.isMember(assigneeId, groupId) === false)
    return err('NOT_A_MEMBER', 'The assignee is not a member of that group');
  return ok(null);
};

const checkTouchpoint = (code: string | undefined, ctx: ApplyContext): Result<null> =>
  code !== undefined && ctx.settings !== null && !isKnownTouchpoint(code, ctx.settings.touchpoints)
    ? err('UNKNOWN_TOUCHPOINT', `Touchpoint code ${code} is not in the desk's list`)
    : ok(null);

const touch = (t: Ticket, fields: string[], ctx: ApplyContext): Ticket => {
  const fieldVersions: Record<string, number> = {};
  for (const k in t.fieldVersions) fieldVersions[k] = t.fieldVersions[k]!;
  for (const f of fields) fieldVersions[f] = ctx.version;
  return { ...t, fieldVersions, version: ctx.version, updatedAt: ctx.now };
};

const assign = (t: Ticket, groupId: string | null, assigneeId: string | null, ctx: ApplyContext): Ticket =>
  touch(
    { ...t, groupId, assigneeId, assignedBy: ctx.actorId, assignedAt: ctx.now, status: statusAfterAssign(t.status) },
    ['assignment', 'status'],
    ctx,
  );

/**
 * Applies one intent mutation to a ticket (undefined when none exists yet). The same function
 * runs on the workstation (the optimistic local view) and on the server (the decision):
 * plain fields are last-writer-wins in arrival order, with the overwritten value kept in
 * history; status goes through the state machine; escalation takes the max; a reassignment
 * made from a stale copy is applied and opens a conflict record.
 */
export const applyMutation = (ticket: Ticket | undefined, m: Mutation, ctx: ApplyContext): Result<Applied> => {
  if (m.kind === 'createTicket') {
    if (ticket) return err('TICKET_EXISTS', 'A ticket with this id already exists');
    const tp = checkTouchpoint(m.fields.touchpoint, ctx);
    if (!tp.ok) return tp;
    const a = checkAssignment(m.groupId, m.assigneeId, ctx);
    if (!a.ok) return a;
    const matrix = ctx.settings?.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
    const assigned = m.groupId !== null || m.assigneeId !== null;
    const f = m.fields;
    const v = ctx.version;
    const status = assigned ? 'assigned' : 'new';
    // Explicit literals (not spreads): this runs once per created ticket on every push, and a
    // literal of known shape is several times cheaper than copying through `...`. The fields
    // are the parsed mutation's (exactly the editable fields, in schema order).
    const t: Ticket = {
      type: f.type,
      touchpoint: f.touchpoint,
      impact: f.impact,
      urgency: f.urgency,
      callerName: f.callerName,
      organisation: f.organisation,
      phone: f.phone,
      email: f.email,
      deviceModel: f.deviceModel,
      deviceSerial: f.deviceSerial,
      subject: f.subject,
      description: f.description,
      id: m.ticketId,
      number: null,
      priority: priorityOf(f.impact, f.urgency, matrix),
      status,
      groupId: m.groupId,
      assigneeId: m.assigneeId,
      assignedBy: assigned ? ctx.actorId : null,
      assignedAt: assigned ? ctx.now : null,
      escalationLevel: 0,
      createdBy: ctx.actorId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      version: v,
      // Every editable field, then assignment, status and priority (what `touch` would give).
      fieldVersions: {
        type: v,
        touchpoint: v,
        impact: v,
        urgency: v,
        callerName: v,
        organisation: v,
        phone: v,
        email: v,
        deviceModel: v,
        deviceSerial: v,
        subject: v,
        description: v,
        assignment: v,
        status: v,
        priority: v,
      } satisfies Record<EditableField | 'assignment' | 'status' | 'priority', number>,
    };
    return ok({ ticket: t, history: [{ field: 'created', from: null, to: status, concurrent: false }] });
  }
  if (!ticket) return err('TICKET_NOT_FOUND', 'No such ticket');

  switch (m.kind) {
    case 'setFields': {
      const tp = checkTouchpoint(m.fields.touchpoint, ctx);
      if (!tp.ok) return tp;
      const changed = (Object.keys(m.fields) as EditableField[]).filter((f) => m.fields[f] !== undefined && m.fields[f] !== ticket[f]);
      const history: HistoryDraft[] = changed.map((f) => ({ field: f, from: ticket[f], to: m.fields[f], concurrent: stale(ticket, f, m.base) }));
      let next: Ticket = { ...ticket, ...m.fields };
      const touched: string[] = [...changed];
      if (changed.includes('impact') || changed.includes('urgency')) {
        const priority = priorityOf(next.impact, next.urgency, ctx.settings?.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX);
        if (priority !== ticket.priority) {
          history.push({ field: 'priority', from: ticket.priority, to: priority, concurrent: false });
          touched.push('priority');
        }
        next = { ...next, priority };
      }
      return ok({ ticket: changed.length ? touch(next, touched, ctx) : ticket, history });
    }
    case 'addNote':
      return ok({
        ticket: { ...ticket, updatedAt: ctx.now, version: ctx.version || ticket.version },
        history: [],
        note: { id: m.noteId, ticketId: ticket.id, authorId: ctx.actorId, body: m.body, at: ctx.now, version: ctx.version },
      });
    case 'assign': {
      const a = checkAssignment(m.groupId, m.assigneeId, ctx);
      if (!a.ok) return a;
      if (ticket.status === 'cancelled' || ticket.status === 'closed')
        return err('INVALID_TRANSITION', `A ${ticket.status} ticket cannot be reassigned`);
      const concurrent = stale(ticket, 'assignment', m.base) && (ticket.assignedBy ?? ticket.createdBy) !== ctx.actorId;
      const next = assign(ticket, m.groupId, m.assigneeId, ctx);
      const history: HistoryDraft[] = [
        { field: 'assignment', from: { groupId: ticket.groupId, assigneeId: ticket.assigneeId }, to: { groupId: m.groupId, assigneeId: m.assigneeId }, concurrent },
      ];
      if (next.status !== ticket.status) history.push({ field: 'status', from: ticket.status, to: next.status, concurrent: false });
      if (!concurrent) return ok({ ticket: next, history });
      const opened: Conflict = {
        id: ctx.newId(),
        ticketId: ticket.id,
        field: 'assignment',
        sides: [
          { userId: ticket.assignedBy ?? ticket.createdBy, groupId: ticket.groupId, assigneeId: ticket.assigneeId, at: ticket.assignedAt ?? ticket.updatedAt },
          { userId: ctx.actorId, groupId: m.groupId, assigneeId: m.assigneeId, at: m.at },
        ],
        participants: [...new Set([ticket.assignedBy ?? ticket.createdBy, ctx.actorId])],
        status: 'open',
        resolvedBy: null,
        resolution: null,
        createdAt: ctx.now,
        version: ctx.version,
      };
      return ok({ ticket: next, history, opened });
    }
    case 'changeStatus': {
      if (ticket.status === m.to) return ok({ ticket, history: [] });
      if (!canMove(ticket.status, m.to))
        return err('INVALID_TRANSITION', `A ticket cannot go from ${ticket.status} to ${m.to}`, { from: ticket.status, to: m.to });
      return ok({ ticket: touch({ ...ticket, status: m.to }, ['status'], ctx), history: [{ field: 'status', from: ticket.status, to: m.to, concurrent: false }] });
    }
    case 'escalate': {
      if (m.level <= ticket.escalationLevel) return ok({ ticket, history: [] });
      return ok({
        ticket: touch({ ...ticket, escalationLevel: m.level }, ['escalationLevel'], ctx),
        history: [{ field: 'escalationLevel', from: ticket.escalationLevel, to: m.level, concurrent: false }],
      });
    }
    case 'resolveConflict': {
      const c = ctx.conflict(m.conflictId);
      if (!c || c.ticketId !== ticket.id) return err('CONFLICT_NOT_FOUND', 'No such conflict on this ticket');
      if (c.status !== 'open') return err('CONFLICT_CLOSED', 'This conflict was already resolved');
      const a = checkAssignment(m.choice.groupId, m.choice.assigneeId, ctx);
      if (!a.ok) return a;
      const same = ticket.groupId === m.choice.groupId && ticket.assigneeId === m.choice.assigneeId;
      const next = same ? ticket : assign(ticket, m.choice.groupId, m.choice.assigneeId, ctx);
      const closed: Conflict = { ...c, status: 'resolved', resolvedBy: ctx.actorId, resolution: m.choice, version: ctx.version };
      const history: HistoryDraft[] = [
        { field: 'conflictResolved', from: { groupId: ticket.groupId, assigneeId: ticket.assigneeId }, to: m.choice, concurrent: false },
      ];
      return ok({ ticket: next, history, closed });
    }
  }
};
