/**
 * The demo knowledge base (resources/knowledge/articles/*.md), imported into a new desk on
 * its first run together with the demo people, and by `npm run knowledge:import`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkdownFiles, type ImportBatch } from '../../src-shared/knowledge/import';

/** Where the demo articles are shipped. */
export const DEMO_KNOWLEDGE_DIR = fileURLToPath(new URL('../../resources/knowledge/articles', import.meta.url));

/** Reads every `*.md` file of a folder (not recursive) and parses it. */
export const readMarkdownFolder = (dir: string): ImportBatch => {
  const names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  return parseMarkdownFiles(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
};
