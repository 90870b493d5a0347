/**
 * The plain scan that answers searches while the index is being built (first start on a
 * workstation with no snapshot): every article's title, tags and body are searched for the
 * query's terms as substrings. Slower than the index (tens of ms on 20,000 articles) and
 * cruder, but available the moment the articles are.
 */
import { stripMarkdown } from './markdown';
import { makeSnippet } from './snippet';
import { queryTerms } from './tokenize';
import type { SearchDoc, SearchHit, SearchQuery } from './types';

/** The best hits for `q` among `docs`, by a substring scan. */
export const scanSearch = (docs: readonly SearchDoc[], q: SearchQuery): SearchHit[] => {
  const terms = queryTerms(q.text);
  const limit = Math.max(1, Math.min(100, Math.floor(q.limit ?? 10)));
  if (!terms.length) return [];
  const found: { d: SearchDoc; score: number; matched: string[] }[] = [];
  for (const d of docs) {
    if ((q.category !== undefined && d.category !== q.category) || (q.language !== undefined && d.language !== q.language)) continue;
    const title = d.title.toLowerCase();
    const tags = `${d.tags.join(' ')} ${d.touchpoints.join(' ')}`.toLowerCase();
    const body = d.body.toLowerCase();
    let score = 0;
    const matched: string[] = [];
    for (const t of terms) {
      const s = (title.includes(t) ? 3 : 0) + (tags.includes(t) ? 2 : 0) + (body.includes(t) ? 1 : 0);
      if (s) {
        score += s * t.length;
        matched.push(t);
      }
    }
    if (score) found.push({ d, score: score * (matched.length / terms.length), matched });
  }
  found.sort((a, b) => b.score - a.score);
  return found.slice(0, limit).map(({ d, score, matched }) => ({
    id: d.id,
    slug: d.slug,
    title: d.title,
    category: d.category,
    language: d.language,
    score,
    snippet: makeSnippet(stripMarkdown(d.body), matched),
    terms: matched,
  }));
};
