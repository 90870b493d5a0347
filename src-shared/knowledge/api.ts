/** The desk server's knowledge endpoints: request schemas and answers (shared by server, workstation and tools). */
import { z } from 'zod';
import { ARTICLE_LANGUAGES, articleInputSchema, type Article } from './model';

/** Most articles one import request may carry. */
export const MAX_IMPORT = 2000;

/**
 * POST /api/knowledge/import (admin). One of: `articles` (JSON objects), `csv` (text with a
 * header row), `markdown` (files with front matter). Items are validated one by one: the good
 * ones are saved, each bad one is reported in `problems` by its place.
 */
export const importRequestSchema = z
  .object({
    articles: z.array(z.unknown()).max(MAX_IMPORT).optional(),
    csv: z.string().max(64 * 1024 * 1024).optional(),
    markdown: z
      .array(z.object({ name: z.string().min(1).max(300), text: z.string().max(1024 * 1024) }))
      .max(MAX_IMPORT)
      .optional(),
  })
  .refine((b) => [b.articles, b.csv, b.markdown].filter((x) => x !== undefined).length === 1, 'give exactly one of articles, csv or markdown');
export type ImportRequest = z.infer<typeof importRequestSchema>;

export type ImportResponse = {
  created: number;
  updated: number;
  unchanged: number;
  items: { slug: string; id: string; outcome: 'created' | 'updated' | 'unchanged' }[];
  problems: { item: string; message: string }[];
};

/** PUT /api/knowledge/articles/:id (admin): the edited article and the revision the edit started from. */
export const saveArticleSchema = articleInputSchema.extend({ baseRevision: z.number().int().min(1) });

/** GET /api/knowledge/search (any signed-in user): the database search. */
export const serverSearchQuerySchema = z.object({
  q: z.string().max(200),
  category: z.string().max(60).optional(),
  language: z.enum(ARTICLE_LANGUAGES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type ServerSearchHit = { id: string; slug: string; title: string; snippet: string; category: string; language: string; revision: number };
export type ServerSearchResponse = { hits: ServerSearchHit[] };

/** GET /api/knowledge/usage (supervisor, admin): usage by content, time, work number and title. */
export const usageQuerySchema = z.object({
  content: z.string().trim().max(200).optional(),
  title: z.string().trim().max(200).optional(),
  workNumber: z.string().trim().max(20).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export type ArticleDetail = Article & { revisions: { revision: number; authorId: string | null; at: string; title: string; status: string }[] };

/** GET /api/knowledge/usage (supervisors, admins): one opening, use or feedback, newest first. */
export type UsageRow = {
  id: string;
  at: string;
  action: 'opened' | 'used' | 'feedback';
  articleId: string;
  articleTitle: string | null;
  revision: number;
  ticketId: string | null;
  user: { id: string; name: string; workNumber: string };
  helpful: boolean | null;
  comment: string | null;
};
