/**
 * Reading knowledge articles from the formats desks have them in: Markdown files with YAML
 * front matter, a JSON array, or CSV with a header row. Pure: the caller reads the files.
 * Every item is validated with `articleInputSchema`; a bad item is reported by its place
 * (file name, index or CSV line) and never stops the good ones.
 */
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { articleInputSchema, type ArticleInput } from './model';

/** One item that could not be read, and why (in English; the path names the field). */
export type ImportProblem = { item: string; message: string };
export type ImportBatch = { articles: ArticleInput[]; problems: ImportProblem[] };

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** `Printer Offline.md` → `printer-offline`; characters outside a–z, 0–9 are dropped. */
export const slugOf = (fileName: string): string =>
  fileName
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Tags and touchpoints may be given as a list or as one string split on commas, semicolons or `|`. */
const listOf = (v: unknown): unknown =>
  typeof v === 'string'
    ? v
        .split(/[,;|，；]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

const validate = (raw: Record<string, unknown>, item: string): ArticleInput | ImportProblem => {
  const candidate = { ...raw, tags: listOf(raw.tags), touchpoints: listOf(raw.touchpoints) };
  if (candidate.tags === undefined) delete candidate.tags;
  if (candidate.touchpoints === undefined) delete candidate.touchpoints;
  const r = articleInputSchema.safeParse(candidate);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  return { item, message: `${first?.path.join('.') || 'article'}: ${first?.message ?? 'invalid'}` };
};

const collect = (out: ImportBatch, v: ArticleInput | ImportProblem): void => {
  if ('message' in v && 'item' in v) out.problems.push(v);
  else out.articles.push(v);
};

/**
 * One Markdown file. Front matter gives the fields; `slug` defaults to the file name and
 * `title` to the body's first `# ` heading (which is then left out of the body).
 */
export const parseMarkdownArticle = (fileName: string, text: string): ArticleInput | ImportProblem => {
  const m = FRONT_MATTER.exec(text);
  let meta: Record<string, unknown> = {};
  if (m) {
    try {
      const y: unknown = parseYaml(m[1]!);
      if (y !== null && typeof y === 'object' && !Array.isArray(y)) meta = y as Record<string, unknown>;
      else if (y !== null) return { item: fileName, message: 'front matter: expected key: value pairs' };
    } catch (e) {
      return { item: fileName, message: `front matter: ${e instanceof Error ? e.message.split('\n')[0] : 'not YAML'}` };
    }
  }
  let body = (m ? text.slice(m[0].length) : text.replace(/^\uFEFF/, '')).replace(/^\s*\n/, '');
  if (meta.title === undefined) {
    const h = /^#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|$)/.exec(body);
    if (h) {
      meta.title = h[1];
      body = body.slice(h[0].length).replace(/^\s*\n/, '');
    }
  }
  return validate({ slug: slugOf(fileName), ...meta, body: body.trimEnd() + '\n' }, fileName);
};

/** Many Markdown files (name → text). */
export const parseMarkdownFiles = (files: { name: string; text: string }[]): ImportBatch => {
  const out: ImportBatch = { articles: [], problems: [] };
  for (const f of files) collect(out, parseMarkdownArticle(f.name, f.text));
  return out;
};

/** A JSON array of articles (or `{ "articles": [...] }`). */
export const parseJsonArticles = (text: string): ImportBatch => {
  const out: ImportBatch = { articles: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    out.problems.push({ item: 'JSON', message: e instanceof Error ? e.message : 'not JSON' });
    return out;
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { articles?: unknown }).articles) ? (data as { articles: unknown[] }).articles : null;
  if (!list) {
    out.problems.push({ item: 'JSON', message: 'expected an array of articles or {"articles": [...]}' });
    return out;
  }
  list.forEach((x, i) => {
    if (!x || typeof x !== 'object' || Array.isArray(x)) out.problems.push({ item: `#${i + 1}`, message: 'expected an object' });
    else collect(out, validate(x as Record<string, unknown>, `#${i + 1}`));
  });
  return out;
};

/**
 * CSV with a header row naming the fields (`slug,title,body,category,language,touchpoints,tags,status`);
 * lists inside a cell are separated by `;`, `,` or `|`. Items are named by their line number.
 */
export const parseCsvArticles = (text: string): ImportBatch => {
  const out: ImportBatch = { articles: [], problems: [] };
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  for (const e of res.errors) out.problems.push({ item: `line ${(e.row ?? 0) + 2}`, message: e.message });
  const bad = new Set(res.errors.map((e) => e.row));
  res.data.forEach((row, i) => {
    if (bad.has(i)) return;
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== '') raw[k] = v;
    collect(out, validate(raw, `line ${i + 2}`));
  });
  return out;
};
