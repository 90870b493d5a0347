/**
 * Knowledge: import and editing (admins), the database search (anyone signed in), usage
 * reports (supervisors, admins). Agents get published articles by sync and search offline;
 * their use and feedback arrive as records (`/api/sync/records`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { importRequestSchema, saveArticleSchema, serverSearchQuerySchema, usageQuerySchema, type ImportResponse } from '../../../src-shared/knowledge/api';
import { parseCsvArticles, parseJsonArticles, parseMarkdownFiles, type ImportBatch } from '../../../src-shared/knowledge/import';
import { articleInputSchema } from '../../../src-shared/knowledge/model';
import { audit } from '../../desk/audit';
import { createArticle, getArticle, importArticles, listArticles, listRevisions, saveArticle } from '../../knowledge/articles';
import { searchArticles } from '../../knowledge/search';
import { articleTotals, searchUsage } from '../../knowledge/usage';
import { type RouteContext, requireRole, requireSession } from '../context';
import { parse } from '../validate';

const ADMIN = ['admin'] as const;
const MANAGERS = ['supervisor', 'admin'] as const;
/** An import of 2,000 long articles is large. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const batchOf = (b: z.infer<typeof importRequestSchema>): ImportBatch =>
  b.articles ? parseJsonArticles(JSON.stringify(b.articles)) : b.csv !== undefined ? parseCsvArticles(b.csv) : parseMarkdownFiles(b.markdown ?? []);

export const knowledgeRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  const db = ctx.handle.db;
  const idParam = z.object({ id: z.uuid() });

  app.post('/api/knowledge/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request): Promise<ImportResponse> => {
    const { actor } = await requireRole(ctx, request, ADMIN);
    const batch = batchOf(parse(importRequestSchema, request.body));
    const r = await importArticles(db, actor.id, batch.articles);
    await audit(db, { actorId: actor.id, action: 'knowledge.import', details: { created: r.created, updated: r.updated, unchanged: r.unchanged, problems: batch.problems.length } });
    if (r.version !== null) ctx.hub.publish(r.version);
    const { version: _version, ...answer } = r;
    return { ...answer, problems: batch.problems };
  });

  app.get('/api/knowledge/articles', async (request) => {
    await requireRole(ctx, request, ADMIN);
    return { articles: await listArticles(db) };
  });

  app.get('/api/knowledge/articles/:id', async (request) => {
    await requireRole(ctx, request, ADMIN);
    const { id } = parse(idParam, request.params, 'article id');
    return { ...(await getArticle(db, id)), revisions: await listRevisions(db, id) };
  });

  app.post('/api/knowledge/articles', async (request, reply) => {
    const { actor } = await requireRole(ctx, request, ADMIN);
    const a = await createArticle(db, actor.id, parse(articleInputSchema, request.body));
    ctx.hub.publish(a.version);
    return reply.status(201).send(a);
  });

  app.put('/api/knowledge/articles/:id', async (request) => {
    const { actor } = await requireRole(ctx, request, ADMIN);
    const { id } = parse(idParam, request.params, 'article id');
    const { baseRevision, ...input } = parse(saveArticleSchema, request.body);
    const before = await getArticle(db, id);
    const a = await saveArticle(db, actor.id, id, input, baseRevision);
    if (a.version !== before.version) ctx.hub.publish(a.version);
    return a;
  });

  app.get('/api/knowledge/search', async (request) => {
    await requireSession(ctx, request);
    const q = parse(serverSearchQuerySchema, request.query, 'search');
    return { hits: await searchArticles(db, q) };
  });

  app.get('/api/knowledge/usage', async (request) => {
    await requireRole(ctx, request, MANAGERS);
    return { rows: await searchUsage(db, parse(usageQuerySchema, request.query, 'usage query')) };
  });

  app.get('/api/knowledge/usage/totals', async (request) => {
    await requireRole(ctx, request, MANAGERS);
    return { totals: await articleTotals(db) };
  });
};
