/** Admin: people, settings and the audit log. Every change bumps the desk version and pokes. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createUserSchema } from '../../../src-shared/api';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import { listAudit } from '../../desk/audit';
import { createUser, deactivateUser } from '../../desk/directory';
import { forgetSettings, loadSettings, priorityMatrixSchema, saveSetting, touchpointListsSchema, type SettingKey } from '../../desk/settings';
import { audit } from '../../desk/audit';
import { bumpVersion } from '../../desk/version';
import { type RouteContext, requireRole } from '../context';
import { parse } from '../validate';

const ADMIN = ['admin'] as const;

export const adminRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  const db = ctx.handle.db;

  app.post('/api/admin/users', async (request, reply) => {
    const { actor } = await requireRole(ctx, request, ADMIN);
    const { user, version } = await createUser(db, actor.id, parse(createUserSchema, request.body));
    ctx.hub.publish(version);
    return reply.status(201).send(user);
  });

  app.post('/api/admin/users/:id/deactivate', async (request) => {
    const { actor } = await requireRole(ctx, request, ADMIN);
    const { id } = parse(z.object({ id: z.uuid() }), request.params, 'user id');
    const { user, version } = await deactivateUser(db, actor.id, id);
    if (version !== null) ctx.hub.publish(version);
    // Their sessions ended with it: Offline, out of the queues.
    await ctx.presence.endIfNoSession(id, 'deactivated').catch((e: unknown) => ctx.log.error({ err: e }, 'could not set a deactivated person Offline'));
    return user;
  });

  const putSetting = (path: string, key: SettingKey, schema: z.ZodType) =>
    app.put(path, async (request): Promise<DeskSettings> => {
      const { actor } = await requireRole(ctx, request, ADMIN);
      const value = parse(schema, request.body);
      const version = await db.transaction(async (tx) => {
        const v = await bumpVersion(tx);
        await saveSetting(tx, key, value, v);
        await audit(tx, { actorId: actor.id, action: `settings.${key}`, details: { value } });
        return v;
      });
      forgetSettings();
      ctx.hub.publish(version);
      return (await loadSettings(db)).value;
    });
  putSetting('/api/admin/settings/touchpoints', 'touchpoints', touchpointListsSchema);
  putSetting('/api/admin/settings/priority-matrix', 'priorityMatrix', priorityMatrixSchema);

  app.get('/api/admin/audit', async (request) => {
    await requireRole(ctx, request, ADMIN);
    const q = parse(
      z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), before: z.coerce.number().int().min(1).optional() }),
      request.query,
      'query',
    );
    return listAudit(db, q);
  });
};
