/** People and groups: the directory every workstation caches, and the admin's changes to it. */
import { and, eq, inArray } from 'drizzle-orm';
import type { CreateUserRequest } from '../../src-shared/api';
import type { DirectoryUser, Group, Role } from '../../src-shared/desk/directory';
import { newId } from '../../src-shared/ids';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/open';
import { groupMembers, groups, sessions, users } from '../db/schema';
import { HttpError } from '../http/errors';
import { audit } from './audit';
import { bumpVersion } from './version';

/** The signed-in person a request acts for. */
export type Actor = { id: string; workNumber: string; name: string; role: Role; groupIds: string[] };

type UserRow = typeof users.$inferSelect;
type GroupRow = typeof groups.$inferSelect;

/** user id → the ids of the groups they belong to. */
export const groupIdsOf = async (db: Db, userIds: string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db.select().from(groupMembers).where(inArray(groupMembers.userId, userIds));
  for (const r of rows) out.get(r.userId)?.push(r.groupId);
  for (const list of out.values()) list.sort();
  return out;
};

export const toDirectoryUser = (r: UserRow, groupIds: string[]): DirectoryUser => ({
  id: r.id,
  workNumber: r.workNumber,
  name: r.name,
  role: r.role,
  active: r.active,
  groupIds,
  version: r.version,
});

export const toGroup = (r: GroupRow): Group => ({ id: r.id, name: r.name, nameZh: r.nameZh, kind: r.kind, contacts: r.contacts, version: r.version });

export const directoryUsers = async (db: Db, rows: UserRow[]): Promise<DirectoryUser[]> => {
  const gids = await groupIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDirectoryUser(r, gids.get(r.id) ?? []));
};

/** Creates a person (admin). The work number must not be held by an active user. */
export const createUser = async (db: Db, actorId: string, req: CreateUserRequest): Promise<{ user: DirectoryUser; version: number }> => {
  const { hash, salt } = await hashPassword(req.password);
  const groupIds = [...new Set(req.groupIds)];
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx);
    if (groupIds.length) {
      const found = await tx.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds));
      const missing = groupIds.filter((g) => !found.some((f) => f.id === g));
      if (missing.length) throw new HttpError('UNKNOWN_GROUP', 'Some groups do not exist', { groupIds: missing });
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workNumber, req.workNumber), eq(users.active, true)));
    if (taken) throw new HttpError('WORK_NUMBER_TAKEN', `Work number ${req.workNumber} belongs to an active user`, { userId: taken.id });
    const id = newId();
    const [row] = await tx
      .insert(users)
      .values({ id, workNumber: req.workNumber, name: req.name, role: req.role, passwordHash: hash, passwordSalt: salt, version })
      .returning();
    if (groupIds.length) await tx.insert(groupMembers).values(groupIds.map((groupId) => ({ groupId, userId: id })));
    await audit(tx, { actorId, action: 'user.create', target: id, details: { workNumber: req.workNumber, role: req.role, groupIds } });
    return { user: toDirectoryUser(row!, groupIds.sort()), version };
  });
};

/** Deactivates a person (admin): they can no longer sign in, their sessions end, their work number is free again. */
export const deactivateUser = async (db: Db, actorId: string, userId: string): Promise<{ user: DirectoryUser; version: number | null }> =>
  db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!current) throw new HttpError('NOT_FOUND', 'No such user');
    if (current.id === actorId) throw new HttpError('FORBIDDEN', 'You cannot deactivate your own account');
    const gids = (await groupIdsOf(tx, [userId])).get(userId) ?? [];
    if (!current.active) return { user: toDirectoryUser(current, gids), version: null };
    const version = await bumpVersion(tx);
    const [row] = await tx.update(users).set({ active: false, deactivatedAt: new Date(), version }).where(eq(users.id, userId)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, { actorId, action: 'user.deactivate', target: userId, details: { workNumber: current.workNumber } });
    return { user: toDirectoryUser(row!, gids), version };
  });
