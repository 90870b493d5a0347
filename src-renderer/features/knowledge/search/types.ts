/** The shapes of the knowledge search: what is indexed, asked and answered. */
import type { Article, ArticleLanguage } from '../../../../src-shared/knowledge/model';

/** What the index needs of an article (published ones only: the caller filters). */
export type SearchDoc = Pick<Article, 'id' | 'slug' | 'title' | 'body' | 'category' | 'language' | 'tags' | 'touchpoints' | 'revision'>;

/** A query: free text (Chinese, English or both, half-typed words welcome) and optional filters. */
export type SearchQuery = {
  text: string;
  /** Only articles of this category key (business type). */
  category?: string;
  /** Only articles in this language. */
  language?: ArticleLanguage;
  /** How many hits at most (default 10, at most 100). */
  limit?: number;
};

/** One article found. */
export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  category: string;
  language: ArticleLanguage;
  /** Higher is better; only comparable within one answer. */
  score: number;
  /** A short plain-text excerpt around the first match (Markdown stripped), `…` where cut. */
  snippet: string;
  /** The query's words this article matched, folded (lowercase); give them to `highlight`. */
  terms: string[];
};

/** What `upsert` did. Unchanged articles (same content) are not re-indexed. */
export type UpsertReport = { added: number; updated: number; unchanged: number };

/** What `reconcile` did: the index now holds exactly the given articles. */
export type ReconcileReport = UpsertReport & { removed: number };

/**
 * A serialized index the caller may persist (structured-cloneable: store it in IndexedDB as
 * it is, post it to a worker). `key` is the content key of the articles it holds (see
 * `contentKey`): equal keys mean the snapshot is current. `meta` (JSON) and `texts` (the
 * articles' plain text, joined) are strings; `postings` is binary.
 */
export type IndexSnapshot = { format: string; key: string; size: number; meta: string; texts: string; postings: Uint8Array };

/** A piece of text for display: `match` pieces are the highlighted ones. */
export type TextPart = { text: string; match: boolean };
