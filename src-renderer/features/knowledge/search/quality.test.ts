/**
 * Search quality on the desk's demo articles: every query of quality.queries.json must have
 * one of its expected articles in the top 3, for at least 95 % of the queries. The misses are
 * printed when it fails (and listed in the test output when it passes with some).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdownFiles } from '../../../../src-shared/knowledge/import';
import type { ArticleLanguage } from '../../../../src-shared/knowledge/model';
import { createSearchIndex } from './engine';

type QualityQuery = { query: string; expect: string[]; category?: string; language?: ArticleLanguage; note?: string };

const here = fileURLToPath(new URL('.', import.meta.url));
const articlesDir = resolve(here, '../../../../resources/knowledge/articles');
const TARGET = 0.95;

const load = () => {
  const files = readdirSync(articlesDir)
    .filter((f) => f.endsWith('.md'))
    .map((name) => ({ name, text: readFileSync(join(articlesDir, name), 'utf8') }));
  const batch = parseMarkdownFiles(files);
  const queries = JSON.parse(readFileSync(join(here, 'quality.queries.json'), 'utf8')) as QualityQuery[];
  return { files, batch, queries };
};

describe('search quality on the demo articles', () => {
  const { files, batch, queries } = load();
  const published = batch.articles.filter((a) => a.status === 'published');
  const index = createSearchIndex();
  index.upsert(published.map((a, i) => ({ ...a, id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, revision: 1 })));

  it('reads every article and has enough queries', () => {
    expect(batch.problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(queries.length).toBeGreaterThanOrEqual(75);
    const slugs = new Set(published.map((a) => a.slug));
    expect(queries.flatMap((q) => q.expect).filter((s) => !slugs.has(s))).toEqual([]);
  });

  it(`finds an expected article in the top 3 for at least ${TARGET * 100} % of the queries`, () => {
    const misses: string[] = [];
    for (const q of queries) {
      const hits = index.search({ text: q.query, limit: 3, ...(q.category ? { category: q.category } : {}), ...(q.language ? { language: q.language } : {}) });
      if (!hits.some((h) => q.expect.includes(h.slug)))
        misses.push(`  ${JSON.stringify(q.query)}${q.category ? ` [${q.category}]` : ''}${q.language ? ` [${q.language}]` : ''}: got ${hits.map((h) => h.slug).join(', ') || 'nothing'}; expected ${q.expect.join(' | ')}`);
    }
    const share = (queries.length - misses.length) / queries.length;
    const summary = `search quality: ${queries.length - misses.length}/${queries.length} = ${(share * 100).toFixed(1)} % in the top 3 (target ${TARGET * 100} %)`;
    if (share < TARGET || misses.length) process.stdout.write(`${summary}\n${misses.join('\n')}\n`);
    expect(share, `${summary}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(TARGET);
  });

  it('never shows drafts', () => {
    const drafts = batch.articles.filter((a) => a.status === 'draft').map((a) => a.slug);
    expect(drafts.length).toBeGreaterThan(0);
    for (const q of queries) expect(index.search({ text: q.query, limit: 10 }).filter((h) => drafts.includes(h.slug))).toEqual([]);
  });
});
