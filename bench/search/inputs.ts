/** The benchmark's inputs read from the repository (Node only): the demo articles and the quality queries. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkdownFiles } from '../../src-shared/knowledge/import';
import type { ArticleInput } from '../../src-shared/knowledge/model';
import type { QualityQuery } from './corpus';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The demo articles (resources/knowledge/articles/*.md), parsed with the shared import parser. */
export const readDemoArticles = (): ArticleInput[] => {
  const dir = join(root, 'resources/knowledge/articles');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  return parseMarkdownFiles(files).articles;
};

/** The quality set's queries (src-renderer/features/knowledge/search/quality.queries.json). */
export const readQualityQueries = (): QualityQuery[] =>
  JSON.parse(readFileSync(join(root, 'src-renderer/features/knowledge/search/quality.queries.json'), 'utf8')) as QualityQuery[];
