/** Health, sign-in, sign-out and "who am I". */
import type { FastifyInstance } from 'fastify';
import type { Health, SessionUser } from '../../../src-shared/api';
import { signInSchema } from '../../../src-shared/api';
import { signIn, signOut } from '../../auth/sessions';
import { type RouteContext, requireSession } from '../context';
import { parse } from '../validate';

/** GET /api/me */
export type MeResponse = { user: SessionUser; deskId: string; expiresAt: string };

export const authRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get('/api/health', async (): Promise<Health> => ({ ok: true, db: ctx.handle.kind, version: ctx.version }));

  app.post('/api/auth/sign-in', async (request) => signIn(ctx.handle.db, ctx.handle.deskId, parse(signInSchema, request.body), ctx.sessionTtlMs));

  app.post('/api/auth/sign-out', async (request) => {
    const session = await requireSession(ctx, request);
    await signOut(ctx.handle.db, session);
    // The person's last session ended: Offline (and out of the queues). Never fails the sign-out.
    await ctx.presence.endIfNoSession(session.actor.id, 'signed_out').catch((e: unknown) => ctx.log.error({ err: e }, 'could not set the agent Offline at sign-out'));
    return { ok: true };
  });

  app.get('/api/me', async (request): Promise<MeResponse> => {
    const { actor, expiresAt } = await requireSession(ctx, request);
    return { user: { id: actor.id, workNumber: actor.workNumber, name: actor.name, role: actor.role, groupIds: actor.groupIds }, deskId: ctx.handle.deskId, expiresAt };
  });
};
