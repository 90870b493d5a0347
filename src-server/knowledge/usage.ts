/**
 * Knowledge usage for managers (BRIEF: search usage by content, time, work number and
 * title): every article opened, used for a ticket, or given feedback, with who and when.
 * People are shown by name and work number at the time of the query; a work number that was
 * reused matches everyone who held it, and each row says which person it was.
 */
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { UsageRow } from '../../src-shared/knowledge/api';
import type { Db } from '../db/open';
import { articleFeedback, articleUses, articles, users } from '../db/schema';

export type UsageQuery = {
  /** Words in the article's title or body, or in the feedback comment. */
  content?: string | undefined;
  /** Words in the article's title. */
  title?: string | undefined;
  workNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
};

export type ArticleTotals = { articleId: string; title: string | null; opened: number; used: number; helpful: number; notHelpful: number };

const like = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Usage rows matching every given filter, newest first. */
export const searchUsage = async (db: Db, q: UsageQuery): Promise<UsageRow[]> => {
  const common = (at: unknown, comment: SQL | null): SQL[] => {
    const c: SQL[] = [];
    if (q.from) c.push(gte(at as never, new Date(q.from)));
    if (q.to) c.push(lte(at as never, new Date(q.to)));
    if (q.workNumber) c.push(eq(users.workNumber, q.workNumber));
    if (q.title) c.push(sql`${articles.title} ilike ${like(q.title)}`);
    if (q.content) {
      const p = like(q.content);
      c.push(comment ? sql`(${articles.title} ilike ${p} or ${articles.body} ilike ${p} or ${comment} ilike ${p})` : sql`(${articles.title} ilike ${p} or ${articles.body} ilike ${p})`);
    }
    return c;
  };
  const [uses, feedback] = await Promise.all([
    db
      .select({ u: articleUses, title: articles.title, name: users.name, workNumber: users.workNumber })
      .from(articleUses)
      .innerJoin(users, eq(users.id, articleUses.userId))
      .leftJoin(articles, eq(articles.id, articleUses.articleId))
      .where(and(...common(articleUses.at, null)))
      .orderBy(desc(articleUses.at))
      .limit(q.limit),
    db
      .select({ f: articleFeedback, title: articles.title, name: users.name, workNumber: users.workNumber })
      .from(articleFeedback)
      .innerJoin(users, eq(users.id, articleFeedback.userId))
      .leftJoin(articles, eq(articles.id, articleFeedback.articleId))
      .where(and(...common(articleFeedback.at, sql`${articleFeedback.comment}`)))
      .orderBy(desc(articleFeedback.at))
      .limit(q.limit),
  ]);
  const rows: UsageRow[] = [
    ...uses.map((r) => ({
      id: r.u.id,
      at: r.u.at.toISOString(),
      action: r.u.action,
      articleId: r.u.articleId,
      articleTitle: r.title,
      revision: r.u.revision,
      ticketId: r.u.ticketId,
      user: { id: r.u.userId, name: r.name, workNumber: r.workNumber },
      helpful: null,
      comment: null,
    })),
    ...feedback.map((r) => ({
      id: r.f.id,
      at: r.f.at.toISOString(),
      action: 'feedback' as const,
      articleId: r.f.articleId,
      articleTitle: r.title,
      revision: r.f.revision,
      ticketId: r.f.ticketId,
      user: { id: r.f.userId, name: r.name, workNumber: r.workNumber },
      helpful: r.f.helpful,
      comment: r.f.comment,
    })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, q.limit);
};

/** Opened / used / helpful / not helpful counts per article (articles never used are left out). */
export const articleTotals = async (db: Db): Promise<ArticleTotals[]> => {
  const uses = await db
    .select({
      articleId: articleUses.articleId,
      opened: sql<number>`count(*) filter (where ${articleUses.action} = 'opened')::int`,
      used: sql<number>`count(*) filter (where ${articleUses.action} = 'used')::int`,
    })
    .from(articleUses)
    .groupBy(articleUses.articleId);
  const fb = await db
    .select({
      articleId: articleFeedback.articleId,
      helpful: sql<number>`count(*) filter (where ${articleFeedback.helpful})::int`,
      notHelpful: sql<number>`count(*) filter (where not ${articleFeedback.helpful})::int`,
    })
    .from(articleFeedback)
    .groupBy(articleFeedback.articleId);
  const titles = new Map((await db.select({ id: articles.id, title: articles.title }).from(articles)).map((a) => [a.id, a.title]));
  const out = new Map<string, ArticleTotals>();
  const get = (id: string) => out.get(id) ?? out.set(id, { articleId: id, title: titles.get(id) ?? null, opened: 0, used: 0, helpful: 0, notHelpful: 0 }).get(id)!;
  for (const u of uses) Object.assign(get(u.articleId), { opened: u.opened, used: u.used });
  for (const f of fb) Object.assign(get(f.articleId), { helpful: f.helpful, notHelpful: f.notHelpful });
  return [...out.values()].sort((a, b) => b.used - a.used || b.opened - a.opened);
};
