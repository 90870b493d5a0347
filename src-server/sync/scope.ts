/**
 * Who sees what. Floor roles (supervisor, admin) see every ticket and conflict. Everyone else
 * sees the tickets whose group is one of theirs, or that are assigned to them, or that they
 * created; a ticket's worklog and history travel with it. Conflicts go to their participants.
 * Users, groups and settings go to everyone.
 */
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isFloorRole } from '../../src-shared/desk/directory';
import type { Ticket } from '../../src-shared/ticket/model';
import type { Db } from '../db/open';
import { conflicts, groupMembers, tickets, users } from '../db/schema';
import type { Actor } from '../desk/directory';

/** The SQL condition on `tickets` for what `actor` may see. */
export const ticketScope = (actor: Actor): SQL => {
  if (isFloorRole(actor.role)) return sql`true`;
  const conds = [eq(tickets.assigneeId, actor.id), eq(tickets.createdBy, actor.id)];
  if (actor.groupIds.length) conds.push(inArray(tickets.groupId, actor.groupIds));
  return or(...conds)!;
};

/** Whether `actor` may see (and so act on) the ticket. */
export const canSeeTicket = (actor: Actor, t: Pick<Ticket, 'groupId' | 'assigneeId' | 'createdBy'>): boolean =>
  isFloorRole(actor.role) ||
  t.assigneeId === actor.id ||
  t.createdBy === actor.id ||
  (t.groupId !== null && actor.groupIds.includes(t.groupId));

/** The SQL condition on `conflicts` for what `actor` may see. */
export const conflictScope = (actor: Actor): SQL =>
  isFloorRole(actor.role) ? sql`true` : sql`${conflicts.participants} @> jsonb_build_array(${actor.id}::text)`;

/** The SQL condition on a jsonb `audience` column (array of user ids) naming `userId`. */
export const inAudience = (column: unknown, userId: string): SQL => sql`${column} @> jsonb_build_array(${userId}::text)`;

/**
 * The people (other than floor roles, who see everything anyway) who see a ticket with this
 * group, assignee and creator, from directory facts: the members of a group and whether a
 * person has a floor role (a person the directory does not know stays in the audience).
 */
export const audienceFrom = (
  t: Pick<Ticket, 'groupId' | 'assigneeId' | 'createdBy'>,
  membersOf: (groupId: string) => Iterable<string>,
  isFloor: (userId: string) => boolean,
): Set<string> => {
  const ids = new Set<string>([t.createdBy]);
  if (t.assigneeId) ids.add(t.assigneeId);
  if (t.groupId) for (const m of membersOf(t.groupId)) ids.add(m);
  for (const id of ids) if (isFloor(id)) ids.delete(id);
  return ids;
};

/** `audienceFrom`, asking the database (one ticket at a time: the per-mutation push path). */
export const audienceOf = async (db: Db, t: Pick<Ticket, 'groupId' | 'assigneeId' | 'createdBy'>): Promise<Set<string>> => {
  const members = t.groupId ? (await db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, t.groupId))).map((m) => m.userId) : [];
  const ids = [...new Set([t.createdBy, ...(t.assigneeId ? [t.assigneeId] : []), ...members])];
  const floor = new Set(
    (await db.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids))).filter((r) => isFloorRole(r.role)).map((r) => r.id),
  );
  return audienceFrom(t, () => members, (id) => floor.has(id));
};
