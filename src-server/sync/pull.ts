/**
 * POST /api/sync/pull: the changes after a cursor, in version order, scoped to the user.
 *
 * Runs in one REPEATABLE READ snapshot. The big sources (tickets, worklog, history, conflicts) are
 * read as one JSON document each (`db/json-select.ts`), the rest through Drizzle. Each source (tickets, worklog, history, conflicts,
 * users, groups, settings, articles, tombstones, scope grants) gives its first `limit + 1` rows after
 * the cursor; the merged list is cut at `limit`. A page never splits one version: when the
 * cut falls inside a version, that version is left for the next page (or, if it is the only
 * one, fetched whole). The answered cursor is the last version in the page, or the desk's
 * version when nothing more is visible, so invisible versions are skipped.
 *
 * A grant (the ticket entered this user's scope) also carries the ticket's worklog and
 * history at or below the cursor, which the user could not see before.
 */
import { and, asc, gt, inArray, lt, lte, max, sql, type SQL } from 'drizzle-orm';
import { isFloorRole } from '../../src-shared/desk/directory';
import type { Change, PullRequest, PullResponse } from '../../src-shared/sync/protocol';
import type { Db } from '../db/open';
import { articles, conflicts, deskState, groups, history, settings, ticketGrants, tickets, tombstones, users, worklog } from '../db/schema';
import { toArticle } from '../knowledge/articles';
import { type Actor, directoryUsers, toGroup } from '../desk/directory';
import { loadSettings } from '../desk/settings';
import { currentVersion } from '../desk/version';
import { selectAsJson } from '../db/json-select';
import { toConflict, toHistory, toTicket, toWorklog } from './rows';
import { canSeeTicket, conflictScope, inAudience, ticketScope } from './scope';

export const DEFAULT_PULL_LIMIT = 500;

/** Versions (gt, lte]; `limit` rows at most, in version order. */
type Range = { gt: number; lte?: number; limit?: number };
/** A change, plus (for a grant) the rows that travel with it. */
type Item = { version: number; rank: number; change: Change; grantTicketId?: string };
type Source = (r: Range) => Promise<Item[]>;

/** `LIMIT` for a range (a version's rows are few, so "all" is a large number). */
const cap = (r: Range): number => r.limit ?? 1_000_000;

const between = (col: Parameters<typeof gt>[0], r: Range): SQL => and(gt(col, r.gt), r.lte === undefined ? undefined : lte(col, r.lte))!;

const sources = (db: Db, actor: Actor): Source[] => {
  const floor = isFloorRole(actor.role);
  const list: Source[] = [
    async (r) => {
      const rows = await db.select().from(settings).where(between(settings.version, r)).orderBy(asc(settings.version)).limit(cap(r));
      if (!rows.length) return [];
      const version = Math.max(...rows.map((x) => x.version));
      return [{ version, rank: 0, change: { entity: 'settings', op: 'put', version, row: (await loadSettings(db)).value } }];
    },
    async (r) => {
      const rows = await db.select().from(groups).where(between(groups.version, r)).orderBy(asc(groups.version)).limit(cap(r));
      return rows.map((g) => ({ version: g.version, rank: 1, change: { entity: 'group', op: 'put', version: g.version, row: toGroup(g) } }));
    },
    async (r) => {
      const rows = await db.select().from(users).where(between(users.version, r)).orderBy(asc(users.version)).limit(cap(r));
      return (await directoryUsers(db, rows)).map((u) => ({ version: u.version, rank: 2, change: { entity: 'user', op: 'put', version: u.version, row: u } }));
    },
    async (r) => {
      const rows = await selectAsJson(db, tickets, { where: and(between(tickets.version, r), ticketScope(actor))!, orderBy: tickets.version, limit: cap(r) });
      return rows.map((t) => ({ version: t.version, rank: 4, change: { entity: 'ticket', op: 'put', version: t.version, row: toTicket(t) } }));
    },
    async (r) => {
      const rows = await selectAsJson(db, conflicts, { where: and(between(conflicts.version, r), conflictScope(actor))!, orderBy: conflicts.version, limit: cap(r) });
      return rows.map((c) => ({ version: c.version, rank: 5, change: { entity: 'conflict', op: 'put', version: c.version, row: toConflict(c) } }));
    },
    async (r) => {
      const rows = await selectAsJson(db, worklog, {
        join: sql`inner join ${tickets} on ${tickets.id} = ${worklog.ticketId}`,
        where: and(between(worklog.version, r), ticketScope(actor))!,
        orderBy: worklog.version,
        limit: cap(r),
      });
      return rows.map((w) => ({ version: w.version, rank: 6, change: { entity: 'worklog', op: 'put', version: w.version, row: toWorklog(w) } }));
    },
    async (r) => {
      const rows = await selectAsJson(db, history, {
        join: sql`inner join ${tickets} on ${tickets.id} = ${history.ticketId}`,
        where: and(between(history.version, r), ticketScope(actor))!,
        orderBy: history.version,
        limit: cap(r),
      });
      return rows.map((h) => ({ version: h.version, rank: 7, change: { entity: 'history', op: 'put', version: h.version, row: toHistory(h) } }));
    },
    // Knowledge goes to everyone: published articles as puts, unpublished ones as deletes.
    async (r) => {
      const rows = await db.select().from(articles).where(between(articles.version, r)).orderBy(asc(articles.version)).limit(cap(r));
      return rows.map(
        (a): Item =>
          a.status === 'published'
            ? { version: a.version, rank: 8, change: { entity: 'article', op: 'put', version: a.version, row: toArticle(a) } }
            : { version: a.version, rank: 8, change: { entity: 'article', op: 'delete', version: a.version, id: a.id } },
      );
    },
  ];
  if (!floor) {
    list.push(
      async (r) => {
        const rows = await db
          .select()
          .from(tombstones).where(and(between(tombstones.version, r), inAudience(tombstones.audience, actor.id))).orderBy(asc(tombstones.version)).limit(cap(r));
        return rows.map((t) => ({ version: t.version, rank: 3, change: { entity: t.entity, op: 'delete', version: t.version, id: t.recordId } }));
      },
      async (r) => {
        const rows = await db
          .select()
          .from(ticketGrants).where(and(between(ticketGrants.version, r), inAudience(ticketGrants.audience, actor.id))).orderBy(asc(ticketGrants.version)).limit(cap(r));
        // Placeholder change; replaced by the ticket and its older rows when the page is built.
        return rows.map((g) => ({ version: g.version, rank: 3.5, grantTicketId: g.ticketId, change: { entity: 'ticket', op: 'delete', version: g.version, id: g.ticketId } }));
      },
    );
  }
  return list;
};

const byVersion = (a: Item, b: Item): number => a.version - b.version || a.rank - b.rank;

/**
 * What the grants of a page bring: for each granted ticket the user still sees, the ticket and
 * its worklog and history at or below the cursor (the rows the user could not see before), in
 * the page's order. Three queries for the whole page, whatever the number of grants.
 */
const expandGrants = async (db: Db, actor: Actor, ticketIds: string[], cursor: number): Promise<Map<string, Change[]>> => {
  const out = new Map<string, Change[]>();
  const ids = [...new Set(ticketIds)];
  if (!ids.length) return out;
  const seen = (await db.select().from(tickets).where(inArray(tickets.id, ids))).filter((t) => canSeeTicket(actor, t));
  const visible = seen.map((t) => t.id);
  const [notes, hist] = visible.length
    ? await Promise.all([
        db.select().from(worklog).where(and(inArray(worklog.ticketId, visible), lte(worklog.version, cursor))).orderBy(asc(worklog.version)),
        db.select().from(history).where(and(inArray(history.ticketId, visible), lte(history.version, cursor))).orderBy(asc(history.version)),
      ])
    : [[], []];
  for (const t of seen) out.set(t.id, [{ entity: 'ticket', op: 'put', version: t.version, row: toTicket(t) }]);
  for (const w of notes) out.get(w.ticketId)!.push({ entity: 'worklog', op: 'put', version: w.version, row: toWorklog(w) });
  for (const h of hist) out.get(h.ticketId)!.push({ entity: 'history', op: 'put', version: h.version, row: toHistory(h) });
  return out;
};

/** One page of changes for `actor` after `req.cursor` (see the module comment). */
export const pull = async (db: Db, actor: Actor, req: PullRequest): Promise<PullResponse> =>
  db.transaction(
    async (tx) => {
      const limit = req.limit ?? DEFAULT_PULL_LIMIT;
      const desk = await currentVersion(tx);
      if (req.cursor > desk.version || (req.cursor > 0 && req.cursor < desk.minCursor))
        return { changes: [], cursor: 0, hasMore: false, reset: true };

      const srcs = sources(tx, actor);
      const first = (await Promise.all(srcs.map((s) => s({ gt: req.cursor, limit: limit + 1 })))).flat().sort(byVersion);
      let page: Item[];
      let hasMore = false;
      if (first.length <= limit) page = first;
      else {
        hasMore = true;
        page = first.slice(0, limit);
        const lastV = page[page.length - 1]!.version;
        if (first[limit]!.version === lastV) {
          // The cut falls inside one version: leave it whole for the next page, or take it whole now.
          const before = page.filter((i) => i.version < lastV);
          page = before.length ? before : (await Promise.all(srcs.map((s) => s({ gt: lastV - 1, lte: lastV })))).flat().sort(byVersion);
        }
      }
      const cursor = hasMore ? page[page.length - 1]!.version : desk.version;

      const grants = await expandGrants(
        tx,
        actor,
        page.flatMap((i) => (i.grantTicketId ? [i.grantTicketId] : [])),
        req.cursor,
      );
      const changes: Change[] = [];
      for (const item of page) {
        if (item.grantTicketId) changes.push(...(grants.get(item.grantTicketId) ?? []));
        else changes.push(item.change);
      }
      return { changes, cursor, hasMore, reset: false };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

/** The newest settings version (used by health checks and tests). */
export const settingsVersion = async (db: Db): Promise<number> => {
  const [row] = await db.select({ v: max(settings.version) }).from(settings);
  return row?.v ?? 0;
};

/** Users by id (for tests and admin screens). */
export const usersById = async (db: Db, ids: string[]) => (ids.length ? directoryUsers(db, await db.select().from(users).where(inArray(users.id, ids))) : []);

/**
 * Deletes tombstones and grants made before `olderThan` and remembers the newest version it
 * deleted: a workstation whose cursor is below it may have missed a delete, so its next pull
 * answers `reset`. Run it from maintenance (not scheduled by the server itself).
 */
export const pruneTombstones = async (db: Db, olderThan: Date): Promise<{ deleted: number; minCursor: number }> =>
  db.transaction(async (tx) => {
    const gone = await tx.delete(tombstones).where(lt(tombstones.createdAt, olderThan)).returning({ version: tombstones.version });
    const goneGrants = await tx.delete(ticketGrants).where(lt(ticketGrants.createdAt, olderThan)).returning({ version: ticketGrants.version });
    const newest = Math.max(0, ...gone.map((r) => r.version), ...goneGrants.map((r) => r.version));
    const [row] = await tx
      .update(deskState)
      .set({ minCursor: sql`greatest(${deskState.minCursor}, ${newest})` })
      .returning({ minCursor: deskState.minCursor });
    return { deleted: gone.length + goneGrants.length, minCursor: row?.minCursor ?? newest };
  });
