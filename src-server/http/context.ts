/** What every route needs: the database, the poke hub, the logger and a few settings. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../src-shared/desk/directory';
import { authenticate, type Session } from '../auth/sessions';
import type { DbHandle } from '../db/open';
import type { Logger } from '../log';
import type { PokeHub } from '../sync/pokes';
import type { PresenceService } from '../telephony/presence';
import type { TelephonySettings } from '../telephony/settings';
import { HttpError } from './errors';

export type Fault = 'exit-after-commit';

export type RouteContext = {
  handle: DbHandle;
  hub: PokeHub;
  log: Logger;
  /** package.json version, reported by /api/health. */
  version: string;
  sessionTtlMs: number;
  /** Test-only fault injection (see README). */
  fault: Fault | null;
  /** The desk's telephony (null: not configured, the config endpoint answers 404). */
  telephony: TelephonySettings | null;
  presence: PresenceService;
};

/** The bearer token of a request: `Authorization: Bearer …`, or `?token=` (WebSocket only, browsers cannot set headers there). */
export const tokenOf = (request: FastifyRequest, allowQuery = false): string | null => {
  const h = request.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
    return m ? m[1]! : null;
  }
  if (allowQuery) {
    const q = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof q === 'string') return q;
  }
  return null;
};

/** The request's session, or throws 401 UNAUTHENTICATED. */
export const requireSession = async (ctx: RouteContext, request: FastifyRequest, allowQuery = false): Promise<Session> => {
  const token = tokenOf(request, allowQuery);
  const session = token ? await authenticate(ctx.handle.db, token) : null;
  if (!session) throw new HttpError('UNAUTHENTICATED', token ? 'Your session has ended; sign in again' : 'Sign in first (Authorization: Bearer <token>)');
  return session;
};

/** The request's session if its role is one of `roles`, else 403 FORBIDDEN. */
export const requireRole = async (ctx: RouteContext, request: FastifyRequest, roles: readonly Role[]): Promise<Session> => {
  const session = await requireSession(ctx, request);
  if (!roles.includes(session.actor.role)) throw new HttpError('FORBIDDEN', `This needs the ${roles.join(' or ')} role`);
  return session;
};
