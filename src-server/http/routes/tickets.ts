/** Read access to tickets (tests, web-mode resolvers): scoped exactly like pull. */
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TICKET_STATUSES } from '../../../src-shared/ticket/status';
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../../../src-shared/ticket/model';
import { conflicts, history, tickets, worklog } from '../../db/schema';
import { toConflict, toHistory, toTicket, toWorklog } from '../../sync/rows';
import { canSeeTicket, conflictScope, ticketScope } from '../../sync/scope';
import { type RouteContext, requireSession } from '../context';
import { HttpError } from '../errors';
import { parse } from '../validate';

/** GET /api/tickets/:id */
export type TicketDetail = { ticket: Ticket; worklog: WorklogEntry[]; history: HistoryEntry[]; conflicts: Conflict[] };

const listQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  groupId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ticketRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  const db = ctx.handle.db;

  app.get('/api/tickets', async (request): Promise<Ticket[]> => {
    const { actor } = await requireSession(ctx, request);
    const q = parse(listQuery, request.query, 'query');
    const conds: (SQL | undefined)[] = [
      ticketScope(actor),
      q.status ? eq(tickets.status, q.status) : undefined,
      q.groupId ? eq(tickets.groupId, q.groupId) : undefined,
      q.assigneeId ? eq(tickets.assigneeId, q.assigneeId) : undefined,
    ];
    const rows = await db
      .select()
      .from(tickets)
      .where(and(...conds))
      .orderBy(desc(tickets.number))
      .limit(q.limit)
      .offset(q.offset);
    return rows.map(toTicket);
  });

  app.get('/api/tickets/:id', async (request): Promise<TicketDetail> => {
    const { actor } = await requireSession(ctx, request);
    const { id } = parse(z.object({ id: z.uuid() }), request.params, 'ticket id');
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
    if (!row || !canSeeTicket(actor, row)) throw new HttpError('TICKET_NOT_FOUND', 'No such ticket');
    const [notes, hist, confl] = await Promise.all([
      db.select().from(worklog).where(eq(worklog.ticketId, id)).orderBy(asc(worklog.version), asc(worklog.at)),
      db.select().from(history).where(eq(history.ticketId, id)).orderBy(asc(history.version), asc(history.at)),
      db
        .select()
        .from(conflicts)
        .where(and(eq(conflicts.ticketId, id), conflictScope(actor)))
        .orderBy(asc(conflicts.createdAt)),
    ]);
    return { ticket: toTicket(row), worklog: notes.map(toWorklog), history: hist.map(toHistory), conflicts: confl.map(toConflict) };
  });
};
