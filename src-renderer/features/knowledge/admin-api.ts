/**
 * The desk server's knowledge endpoints for admins (online only: editing and import are not
 * offline work). Answers are `CallOutcome`s; nothing throws.
 */
import type { ArticleDetail, ImportRequest, ImportResponse, UsageRow } from '../../../src-shared/knowledge/api';
import type { Article, ArticleInput } from '../../../src-shared/knowledge/model';
import { getHost } from '../../host';
import { getSessionToken } from '../auth';
import { apiUrl, requestJson, type CallOutcome } from '../sync';

const call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<CallOutcome<T>> =>
  requestJson<T>((i, init) => fetch(i, init), method, apiUrl(getHost().serverUrl(), path), body, { token: getSessionToken(), timeoutMs: 30_000 });

export type ArticleSummary = Omit<Article, 'body'>;

export const listArticlesOnServer = () => call<{ articles: ArticleSummary[] }>('GET', '/api/knowledge/articles');
export const getArticleOnServer = (id: string) => call<ArticleDetail>('GET', `/api/knowledge/articles/${encodeURIComponent(id)}`);
export const createArticleOnServer = (a: ArticleInput) => call<Article>('POST', '/api/knowledge/articles', a);
export const saveArticleOnServer = (id: string, a: ArticleInput, baseRevision: number) => call<Article>('PUT', `/api/knowledge/articles/${encodeURIComponent(id)}`, { ...a, baseRevision });
export const importOnServer = (body: ImportRequest) => call<ImportResponse>('POST', '/api/knowledge/import', body);

/** Files chosen in the import field → one import request per format (Markdown files, each JSON, each CSV). */
export const importRequestsOf = async (files: readonly File[]): Promise<ImportRequest[]> => {
  const md: { name: string; text: string }[] = [];
  const out: ImportRequest[] = [];
  for (const f of files) {
    const text = await f.text();
    if (/\.(md|markdown)$/i.test(f.name)) md.push({ name: f.name, text });
    else if (/\.json$/i.test(f.name)) {
      try {
        const v: unknown = JSON.parse(text);
        out.push({ articles: Array.isArray(v) ? v : ((v as { articles?: unknown[] }).articles ?? []) });
      } catch {
        out.push({ articles: [text] });
      }
    } else if (/\.csv$/i.test(f.name)) out.push({ csv: text });
  }
  if (md.length) out.unshift({ markdown: md });
  return out;
};

/** The usage search as typed (datetime-local values, empty = no filter). */
export type UsageFilter = { content: string; title: string; workNumber: string; from: string; to: string };

/** GET /api/knowledge/usage with the filters given (local datetime-local values are sent as UTC). */
export const searchUsageOnServer = (f: UsageFilter) => {
  const q = new URLSearchParams();
  for (const k of ['content', 'title', 'workNumber'] as const) if (f[k].trim()) q.set(k, f[k].trim());
  for (const k of ['from', 'to'] as const) {
    const ms = f[k] ? new Date(f[k]).getTime() : NaN;
    if (Number.isFinite(ms)) q.set(k, new Date(ms).toISOString());
  }
  return call<{ rows: UsageRow[] }>('GET', `/api/knowledge/usage?${q.toString()}`);
};
