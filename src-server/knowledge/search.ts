/**
 * The desk server's own article search, in the database: what a server-side helpdesk does
 * (every word of the query must occur in the title, the body or the tags, case-insensitive;
 * title matches rank first). Used by web-mode users and as the peer the workstation's offline
 * index is measured against (bench:search). Published articles only.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ArticleLanguage } from '../../src-shared/knowledge/model';
import type { Db } from '../db/open';
import { articles } from '../db/schema';

export type ServerSearch = { q: string; category?: string | undefined; language?: ArticleLanguage | undefined; limit: number };
export type ServerHit = { id: string; slug: string; title: string; snippet: string; category: string; language: ArticleLanguage; revision: number };

/** `%word%` for ILIKE, with LIKE's wildcards escaped. */
const pattern = (w: string): string => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Words of a query: split on white space and punctuation, at most 8. */
export const queryWords = (q: string): string[] =>
  q
    .toLowerCase()
    .split(/[\s,.;:!?，。；：！？、()（）"'“”‘’]+/u)
    .filter(Boolean)
    .slice(0, 8);

const snippetOf = (body: string, word: string | undefined): string => {
  const plain = body.replace(/[#*_`>|[\]-]+/g, ' ').replace(/\s+/g, ' ').trim();
  const at = word ? plain.toLowerCase().indexOf(word) : -1;
  const start = Math.max(0, at - 40);
  return (start > 0 ? '…' : '') + plain.slice(start, start + 160) + (plain.length > start + 160 ? '…' : '');
};

/** Answers the best `limit` published articles for the query (see the module comment). */
export const searchArticles = async (db: Db, s: ServerSearch): Promise<ServerHit[]> => {
  const words = queryWords(s.q);
  if (!words.length) return [];
  const conds: SQL[] = [eq(articles.status, 'published')];
  if (s.category) conds.push(eq(articles.category, s.category));
  if (s.language) conds.push(eq(articles.language, s.language));
  for (const w of words) conds.push(sql`(${articles.title} ilike ${pattern(w)} or ${articles.body} ilike ${pattern(w)} or ${articles.tags}::text ilike ${pattern(w)})`);
  const titleHits = sql.join(
    words.map((w) => sql`(case when ${articles.title} ilike ${pattern(w)} then 1 else 0 end)`),
    sql` + `,
  );
  const rows = await db
    .select({ id: articles.id, slug: articles.slug, title: articles.title, body: articles.body, category: articles.category, language: articles.language, revision: articles.revision })
    .from(articles)
    .where(and(...conds))
    .orderBy(sql`${titleHits} desc`, sql`${articles.updatedAt} desc`)
    .limit(s.limit);
  return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, snippet: snippetOf(r.body, words[0]), category: r.category, language: r.language, revision: r.revision }));
};
