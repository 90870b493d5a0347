/** Agent states: each workstation reports its agent's; supervisors see the floor and the history. */
import type { FastifyInstance } from 'fastify';
import { historyQuerySchema, presenceReportSchema, type Floor, type PresenceState, type StateRecord } from '../../telephony/presence';
import { PHONE_ROLES } from '../../telephony/settings';
import { type RouteContext, requireRole } from '../context';
import { parse } from '../validate';

const FLOOR = ['supervisor', 'admin'] as const;

export const presenceRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.post('/api/presence', async (request): Promise<PresenceState> => {
    const { actor } = await requireRole(ctx, request, PHONE_ROLES);
    return ctx.presence.report(actor, parse(presenceReportSchema, request.body));
  });

  app.get('/api/presence', async (request): Promise<Floor> => {
    await requireRole(ctx, request, FLOOR);
    return ctx.presence.floor();
  });

  app.get('/api/presence/history', async (request): Promise<StateRecord[]> => {
    await requireRole(ctx, request, FLOOR);
    return ctx.presence.history(parse(historyQuerySchema, request.query, 'query'));
  });
};
