/**
 * Knowledge articles on the server: import (upsert by slug), edits by admins with optimistic
 * revision checks, reads. Every save that changes an article makes a new revision (kept with
 * its author and time in `article_revisions`) and gives the article its own desk version, so
 * workstations pull it (published: a put; draft: a delete).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../../src-shared/ids';
import type { Article, ArticleInput } from '../../src-shared/knowledge/model';
import type { Db } from '../db/open';
import { articleRevisions, articles, deskState } from '../db/schema';
import { HttpError } from '../http/errors';

type Row = typeof articles.$inferSelect;

/** A database row as the shared type. */
export const toArticle = (r: Row): Article => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  body: r.body,
  category: r.category,
  touchpoints: r.touchpoints,
  language: r.language,
  tags: r.tags,
  status: r.status,
  revision: r.revision,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
  version: r.version,
});

const CONTENT_KEYS = ['title', 'body', 'category', 'touchpoints', 'language', 'tags', 'status'] as const;

/** Whether saving `input` over `row` changes anything (the slug is the identity, not content). */
const sameContent = (row: Row, input: ArticleInput): boolean =>
  CONTENT_KEYS.every((k) => JSON.stringify(row[k]) === JSON.stringify(input[k]));

/** Takes `n` consecutive desk versions (desk_state's row lock is held until commit); answers the first. */
const takeVersions = async (tx: Db, n: number): Promise<number> => {
  const [row] = await tx
    .update(deskState)
    .set({ version: sql`${deskState.version} + ${n}` })
    .returning({ version: deskState.version });
  if (!row) throw new Error('desk_state row is missing');
  return row.version - n + 1;
};

export type ImportOutcome = {
  created: number;
  updated: number;
  unchanged: number;
  /** The last desk version this import took (null: nothing changed). */
  version: number | null;
  /** Per article, in input order: its id and what happened. */
  items: { slug: string; id: string; outcome: 'created' | 'updated' | 'unchanged' }[];
};

/**
 * Creates or updates articles by slug, in one transaction. An article whose content is the
 * same as stored is left alone (no new revision, no new version). Two inputs with the same
 * slug: the last one wins.
 */
export const importArticles = async (db: Db, authorId: string | null, inputs: readonly ArticleInput[]): Promise<ImportOutcome> => {
  const bySlug = new Map<string, ArticleInput>();
  for (const a of inputs) bySlug.set(a.slug, a);
  return db.transaction(async (tx) => {
    const slugs = [...bySlug.keys()];
    const existing = slugs.length ? await tx.select().from(articles).where(inArray(articles.slug, slugs)).for('update') : [];
    const rowOf = new Map(existing.map((r) => [r.slug, r]));
    const changed = slugs.filter((s) => {
      const row = rowOf.get(s);
      return !row || !sameContent(row, bySlug.get(s)!);
    });
    const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, version: null, items: [] };
    const ids = new Map(existing.map((r) => [r.slug, r.id]));
    const now = new Date();
    if (changed.length) {
      const first = await takeVersions(tx, changed.length);
      outcome.version = first + changed.length - 1;
      const inserts: (typeof articles.$inferInsert)[] = [];
      const revisions: (typeof articleRevisions.$inferInsert)[] = [];
      for (const [i, slug] of changed.entries()) {
        const input = bySlug.get(slug)!;
        const row = rowOf.get(slug);
        const id = row?.id ?? newId();
        ids.set(slug, id);
        const revision = (row?.revision ?? 0) + 1;
        const values = { id, slug, ...pick(input), revision, updatedAt: now, updatedBy: authorId, version: first + i };
        if (row) await tx.update(articles).set(values).where(eq(articles.id, id));
        else inserts.push(values);
        revisions.push({ articleId: id, revision, ...pick(input), authorId, at: now });
      }
      if (inserts.length) await tx.insert(articles).values(inserts);
      await tx.insert(articleRevisions).values(revisions);
    }
    const changedSet = new Set(changed);
    for (const slug of slugs) {
      const o = !changedSet.has(slug) ? 'unchanged' : rowOf.has(slug) ? 'updated' : 'created';
      outcome[o]++;
      outcome.items.push({ slug, id: ids.get(slug)!, outcome: o });
    }
    return outcome;
  });
};

const pick = (a: ArticleInput) => ({
  title: a.title,
  body: a.body,
  category: a.category,
  touchpoints: a.touchpoints,
  language: a.language,
  tags: a.tags,
  status: a.status,
});

/**
 * Saves an admin's edit of one article. `baseRevision` is the revision the editor started
 * from: if someone saved since, 409 STALE_REVISION (nothing is lost: the editor keeps the
 * text and can reload). A slug used by another article: 409 SLUG_TAKEN.
 */
export const saveArticle = async (db: Db, authorId: string, id: string, input: ArticleInput, baseRevision: number): Promise<Article> =>
  db.transaction(async (tx) => {
    const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for('update');
    if (!row) throw new HttpError('NOT_FOUND', 'No such article');
    if (row.revision !== baseRevision)
      throw new HttpError('STALE_REVISION', `This article was saved by someone else meanwhile (revision ${row.revision}, you edited ${baseRevision})`, { revision: row.revision });
    if (input.slug !== row.slug) {
      const [other] = await tx.select({ id: articles.id }).from(articles).where(eq(articles.slug, input.slug));
      if (other) throw new HttpError('SLUG_TAKEN', `Another article already has the key ${input.slug}`);
    }
    if (input.slug === row.slug && sameContent(row, input)) return toArticle(row);
    const version = await takeVersions(tx, 1);
    const now = new Date();
    const revision = row.revision + 1;
    const [saved] = await tx
      .update(articles)
      .set({ slug: input.slug, ...pick(input), revision, updatedAt: now, updatedBy: authorId, version })
      .where(eq(articles.id, id))
      .returning();
    await tx.insert(articleRevisions).values({ articleId: id, revision, ...pick(input), authorId, at: now });
    return toArticle(saved!);
  });

/** Creates one article (admin editor). 409 SLUG_TAKEN when the slug is in use. */
export const createArticle = async (db: Db, authorId: string, input: ArticleInput): Promise<Article> => {
  const [taken] = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, input.slug));
  if (taken) throw new HttpError('SLUG_TAKEN', `Another article already has the key ${input.slug}`);
  const r = await importArticles(db, authorId, [input]);
  return getArticle(db, r.items[0]!.id);
};

/** One article, or 404. */
export const getArticle = async (db: Db, id: string): Promise<Article> => {
  const [row] = await db.select().from(articles).where(eq(articles.id, id));
  if (!row) throw new HttpError('NOT_FOUND', 'No such article');
  return toArticle(row);
};

/** Every article without its body (the admin list), newest change first. */
export const listArticles = async (db: Db): Promise<Omit<Article, 'body'>[]> =>
  (await db.select().from(articles).orderBy(sql`${articles.updatedAt} desc`)).map((r) => {
    const { body: _body, ...rest } = toArticle(r);
    return rest;
  });

export type RevisionInfo = { revision: number; authorId: string | null; at: string; title: string; status: string };

/** The saved revisions of an article, oldest first (without bodies). */
export const listRevisions = async (db: Db, id: string): Promise<RevisionInfo[]> =>
  (
    await db
      .select({ revision: articleRevisions.revision, authorId: articleRevisions.authorId, at: articleRevisions.at, title: articleRevisions.title, status: articleRevisions.status })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, id))
      .orderBy(asc(articleRevisions.revision))
  ).map((r) => ({ ...r, at: r.at.toISOString() }));
