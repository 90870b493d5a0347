/** The softphone's configuration with short-lived SIP credentials (Kamailio auth_ephemeral). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IceServer } from '../../../src-shared/calls/protocol';
import { listCalls } from '../../telephony/call-log';
import { issueEphemeralCredential } from '../../telephony/credentials';
import { PHONE_ROLES, aorOf, sipUserOf } from '../../telephony/settings';
import { type RouteContext, requireSession } from '../context';
import { HttpError } from '../errors';
import { parse } from '../validate';

/** GET /api/telephony/config */
export type TelephonyConfigResponse = {
  wsUrl: string;
  /** `sip:<user id>@<domain>`: the SIP user is the person's id (stable; work numbers get reused). */
  aor: string;
  displayName: string;
  iceServers: IceServer[];
  /** Every queue number of the desk (to tell a queue call from a direct one, and to label it). */
  queues: { number: string; name: string; nameZh: string }[];
  /** username `<expiry unix seconds>:<sip user>`, password base64(HMAC-SHA1(secret, username)); expiresAt ISO 8601. */
  credentials: { username: string; password: string; expiresAt: string };
};

export const telephonyRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get('/api/telephony/config', async (request, reply): Promise<TelephonyConfigResponse> => {
    const session = await requireSession(ctx, request);
    const t = ctx.telephony;
    if (!t) throw new HttpError('NOT_FOUND', 'This desk has no telephony configured');
    const { actor } = session;
    if (!PHONE_ROLES.includes(actor.role)) throw new HttpError('FORBIDDEN', `A softphone needs the ${PHONE_ROLES.join(', ')} role`);
    const q = parse(z.object({ userId: z.string().optional() }), request.query, 'query');
    if (q.userId !== undefined && q.userId.toLowerCase() !== actor.id.toLowerCase())
      throw new HttpError('FORBIDDEN', 'SIP credentials are issued only for your own SIP user');
    // Never valid past the session that asked for them.
    const now = Date.now();
    const sessionLeft = Math.floor((Date.parse(session.expiresAt) - now) / 1000);
    const ttl = Math.max(1, Math.min(t.credentialTtlSeconds, sessionLeft));
    const c = issueEphemeralCredential(t.secret, sipUserOf(actor.id), ttl, now);
    reply.header('Cache-Control', 'no-store');
    return {
      wsUrl: t.wsUrl,
      aor: aorOf(t, actor.id),
      displayName: actor.name,
      iceServers: t.iceServers,
      queues: t.queues.map((x) => ({ number: x.number, name: x.name, nameZh: x.nameZh })),
      credentials: { username: c.username, password: c.password, expiresAt: new Date(c.expiresAt * 1000).toISOString() },
    };
  });

  // The call log the workstations pushed (records): one's own calls, or everyone's for supervisors and admins.
  app.get('/api/calls', async (request) => {
    const { actor } = await requireSession(ctx, request);
    const q = parse(
      z.object({
        workNumber: z.string().trim().max(20).optional(),
        number: z.string().trim().max(80).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      request.query,
      'call log query',
    );
    return { calls: await listCalls(ctx.handle.db, actor, q) };
  });
};
