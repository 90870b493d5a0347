/** Sign-in, bearer-token sessions and sign-out. */
import { and, eq, gt } from 'drizzle-orm';
import type { SignInRequest, SignInResponse } from '../../src-shared/api';
import type { Db } from '../db/open';
import { sessions, users } from '../db/schema';
import { audit } from '../desk/audit';
import { type Actor, groupIdsOf } from '../desk/directory';
import { HttpError } from '../http/errors';
import { burnVerification, newToken, tokenHash, verifyPassword } from './passwords';

/** How long a session lasts (a workstation keeps working offline past it and signs in again). */
export const DEFAULT_SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * Checks the password against the active holder of the work number first, then against former
 * holders (so a deactivated person is told ACCOUNT_DISABLED, never given another person's account).
 */
export const signIn = async (db: Db, deskId: string, req: SignInRequest, ttlMs = DEFAULT_SESSION_TTL_MS): Promise<SignInResponse> => {
  const candidates = (await db.select().from(users).where(eq(users.workNumber, req.workNumber))).sort(
    (a, b) => Number(b.active) - Number(a.active) || b.createdAt.getTime() - a.createdAt.getTime(),
  );
  if (candidates.length === 0) {
    await burnVerification(req.password);
    await audit(db, { actorId: null, action: 'auth.sign_in_failed', details: { workNumber: req.workNumber } });
    throw new HttpError('BAD_CREDENTIALS', 'Wrong work number or password');
  }
  for (const u of candidates.slice(0, 5)) {
    if (!(await verifyPassword(req.password, { hash: u.passwordHash, salt: u.passwordSalt }))) continue;
    if (!u.active) {
      await audit(db, { actorId: u.id, action: 'auth.sign_in_disabled', details: { workNumber: req.workNumber } });
      throw new HttpError('ACCOUNT_DISABLED', 'This account has been deactivated');
    }
    const token = newToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: u.id, expiresAt });
    await audit(db, { actorId: u.id, action: 'auth.sign_in', details: { workNumber: req.workNumber } });
    const groupIds = (await groupIdsOf(db, [u.id])).get(u.id) ?? [];
    return { token, expiresAt: expiresAt.toISOString(), user: { id: u.id, workNumber: u.workNumber, name: u.name, role: u.role, groupIds }, deskId };
  }
  await audit(db, { actorId: null, action: 'auth.sign_in_failed', details: { workNumber: req.workNumber } });
  throw new HttpError('BAD_CREDENTIALS', 'Wrong work number or password');
};

export type Session = { actor: Actor; tokenHash: string; expiresAt: string };

/** The session of a bearer token, or null when unknown, expired or the person was deactivated. */
export const authenticate = async (db: Db, token: string): Promise<Session | null> => {
  if (!token || token.length > 200) return null;
  const hash = tokenHash(token);
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
  if (!row) return null;
  const u = row.user;
  const groupIds = (await groupIdsOf(db, [u.id])).get(u.id) ?? [];
  return { actor: { id: u.id, workNumber: u.workNumber, name: u.name, role: u.role, groupIds }, tokenHash: hash, expiresAt: row.expiresAt.toISOString() };
};

export const signOut = async (db: Db, session: Session): Promise<void> => {
  await db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
  await audit(db, { actorId: session.actor.id, action: 'auth.sign_out' });
};
