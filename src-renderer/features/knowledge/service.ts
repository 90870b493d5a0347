/**
 * The workstation's knowledge index, kept in step with the cache (DESIGN §6). At sign-in the
 * search worker first reads the index snapshot kept in the cache (searchable at once, even
 * with 20,000 articles), then is reconciled with the cached articles (only changed ones are
 * indexed again). After that it follows the cache: when a pull brings article changes (the
 * cache's `articlesVersion` moves), the articles and tombstones above the indexed version go
 * to the worker — never a full rebuild; a reset of the cache (new `serverEpoch`) reconciles
 * again. The snapshot is saved again a little after changes. No search needs the desk server.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { Article, ArticleLanguage } from '../../../src-shared/knowledge/model';
import { parseTouchpoint } from '../../../src-shared/desk/touchpoint';
import type { LocalStore } from '../sync';
import { setIndexState } from './store';
import { createSearchClient, type IndexSnapshot, type SearchClient, type SearchDoc, type SearchHit } from './search';

/** A search result as the screens show it. */
export type KnowledgeHit = SearchHit & { revision: number; touchpoints: readonly string[] };

export type KnowledgeQuery = { text: string; category?: string; language?: ArticleLanguage | ''; touchpoint?: string; limit?: number };

type Meta = { category: string; language: ArticleLanguage; revision: number; touchpoints: readonly string[]; title: string; slug: string };

type Running = {
  store: LocalStore;
  client: SearchClient;
  meta: Map<string, Meta>;
  indexedVersion: number;
  epoch: string | null;
  unwatch: (() => void) | null;
  stopped: boolean;
  queue: Promise<unknown>;
  saveTimer: ReturnType<typeof setTimeout> | null;
};

/** The derived-data key of the index snapshot. */
const SNAPSHOT_KEY = 'knowledgeIndex';
/** How long after the last change the snapshot is saved again. */
const SAVE_AFTER_MS = 5_000;

let run: Running | null = null;

const docOf = (a: Article): SearchDoc => ({ id: a.id, slug: a.slug, title: a.title, body: a.body, category: a.category, language: a.language, tags: a.tags, touchpoints: a.touchpoints, revision: a.revision });
const metaOf = (a: Article): Meta => ({ category: a.category, language: a.language, revision: a.revision, touchpoints: a.touchpoints, title: a.title, slug: a.slug });

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const readMarks = (store: LocalStore) =>
  store.read(async (tx) => {
    const [v, e] = await Promise.all([tx.meta.get('articlesVersion'), tx.meta.get('serverEpoch')]);
    return { version: (v?.value as number | undefined) ?? 0, epoch: (e?.value as string | null | undefined) ?? null };
  });

const saveSoon = (r: Running): void => {
  if (r.saveTimer) clearTimeout(r.saveTimer);
  r.saveTimer = setTimeout(() => {
    r.saveTimer = null;
    void serial(r, async () => {
      if (r.stopped) return;
      const snap = await r.client.exportSnapshot();
      if (snap.ok && !r.stopped) await r.store.write((tx) => tx.derived.put({ key: SNAPSHOT_KEY, value: snap.value }));
    }).catch(() => undefined);
  }, SAVE_AFTER_MS);
};

/** Makes the index hold exactly the cached articles (after a snapshot import: only what changed since). */
const reconcileAll = async (r: Running): Promise<void> => {
  const { articles, version, epoch } = await r.store.read(async (tx) => {
    const [all, v, e] = await Promise.all([tx.articles.all(), tx.meta.get('articlesVersion'), tx.meta.get('serverEpoch')]);
    return { articles: all, version: (v?.value as number | undefined) ?? 0, epoch: (e?.value as string | null | undefined) ?? null };
  });
  const report = unwrap(await r.client.reconcile(articles.map(docOf)));
  r.meta = new Map(articles.map((a) => [a.id, metaOf(a)]));
  r.indexedVersion = Math.max(version, ...articles.map((a) => a.version));
  r.epoch = epoch;
  if (report.added || report.updated || report.removed) saveSoon(r);
};

/** Brings the index up to the cache: the articles and tombstones above the indexed version. */
const follow = async (r: Running, version: number, epoch: string | null): Promise<void> => {
  if (r.stopped) return;
  if (epoch !== r.epoch) await reconcileAll(r);
  else if (version > r.indexedVersion) {
    const from = r.indexedVersion;
    const [changed, gone] = await r.store.read((tx) => Promise.all([tx.articles.whereAbove('version', from), tx.articleTombstones.whereAbove('version', from)]));
    if (gone.length) unwrap(await r.client.remove(gone.map((g) => g.id)));
    for (const g of gone) r.meta.delete(g.id);
    if (changed.length) unwrap(await r.client.upsert(changed.map(docOf)));
    for (const a of changed) r.meta.set(a.id, metaOf(a));
    r.indexedVersion = Math.max(version, ...changed.map((a) => a.version), ...gone.map((g) => g.version));
    if (changed.length || gone.length) saveSoon(r);
  } else return;
  if (!r.stopped) setIndexState({ kind: 'ready', size: r.meta.size });
};

const serial = (r: Running, fn: () => Promise<void>): Promise<void> => {
  const next = r.queue.then(fn);
  r.queue = next.catch(() => undefined);
  return next;
};

const defaultClient = (): SearchClient => createSearchClient(new Worker(new URL('./search/search.worker.ts', import.meta.url), { type: 'module', name: 'firstline-search' }));

const failed = (e: unknown): void => setIndexState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });

/** Calls `onChange` whenever the cache's article marks may have moved; answers the unsubscribe. */
export type WatchMarks = (store: LocalStore, onChange: (marks: { version: number; epoch: string | null }) => void) => () => void;

/** The product's watch: a Dexie live query on the two meta rows (fires in every tab, whoever pulled). */
const watchWithDexie: WatchMarks = (store, onChange) => {
  const sub: Subscription = liveQuery(() => readMarks(store)).subscribe({ next: onChange, error: () => undefined });
  return () => sub.unsubscribe();
};

export type KnowledgeOptions = {
  /** The search client (tests: one served on a MessageChannel). Default: a Web Worker. */
  open?: () => SearchClient;
  /** How cache changes are noticed. Default: a Dexie live query. */
  watch?: WatchMarks;
};

/** Builds the index for the signed-in agent's cache and keeps it up to date (again for the same cache: nothing). */
export const startKnowledge = async (store: LocalStore, opts: KnowledgeOptions = {}): Promise<void> => {
  const open = opts.open ?? defaultClient;
  const watch = opts.watch ?? watchWithDexie;
  if (run?.store === store) return;
  stopKnowledge();
  setIndexState({ kind: 'building' });
  let client: SearchClient;
  try {
    client = open();
  } catch (e) {
    failed(e);
    return;
  }
  const r: Running = { store, client, meta: new Map(), indexedVersion: 0, epoch: null, unwatch: null, stopped: false, queue: Promise.resolve(), saveTimer: null };
  run = r;
  try {
    await serial(r, async () => {
      const saved = await store.read((tx) => tx.derived.get(SNAPSHOT_KEY));
      if (saved) {
        const imported = await client.importSnapshot(saved.value as IndexSnapshot);
        // Searchable now; the metadata the screens need comes with the reconcile right after.
        if (imported.ok && imported.value.imported && !r.stopped) setIndexState({ kind: 'ready', size: imported.value.size });
      }
      await reconcileAll(r);
    });
  } catch (e) {
    if (!r.stopped) failed(e);
    return;
  }
  if (r.stopped) return;
  setIndexState({ kind: 'ready', size: r.meta.size });
  r.unwatch = watch(store, (m) => void serial(r, () => follow(r, m.version, m.epoch)).catch(failed));
};

/** Checks the cache for article changes now (what the watch does by itself). Resolves when the index has them. */
export const refreshKnowledge = async (): Promise<void> => {
  const r = run;
  if (!r) return;
  const m = await readMarks(r.store);
  await serial(r, () => follow(r, m.version, m.epoch));
};

/** Stops following and drops the index (sign-out). */
export const stopKnowledge = (): void => {
  const r = run;
  if (!r) return;
  run = null;
  r.stopped = true;
  if (r.saveTimer) clearTimeout(r.saveTimer);
  r.unwatch?.();
  r.client.close();
  setIndexState({ kind: 'off' });
};

/** Business kind (W of WXYZ) → the knowledge category that usually serves it, for suggestions with nothing typed yet. */
const CATEGORY_OF_KIND: Readonly<Record<string, string>> = { '1': 'plans', '2': 'billing', '3': 'billing', '4': 'plans', '5': 'complaints' };

const business = (code: string): string | null => parseTouchpoint(code)?.business ?? null;

/**
 * Searches the index. With no text but a touchpoint, answers the articles for that touchpoint's
 * business (exact code first, then the same business code, then the business kind's category);
 * with both, articles serving the touchpoint's business come first.
 */
export const searchKnowledge = async (q: KnowledgeQuery): Promise<KnowledgeHit[]> => {
  const r = run;
  if (!r) return [];
  const limit = q.limit ?? 20;
  const text = q.text.trim();
  if (!text) return q.touchpoint ? byTouchpoint(r, q.touchpoint, limit) : [];
  const res = await r.client.search({ text, ...(q.category ? { category: q.category } : {}), ...(q.language ? { language: q.language } : {}), limit });
  if (!res.ok) return [];
  const hits = res.value.hits.flatMap((h): KnowledgeHit[] => {
    const m = r.meta.get(h.id);
    return [{ ...h, revision: m?.revision ?? 1, touchpoints: m?.touchpoints ?? [] }];
  });
  return q.touchpoint ? boostTouchpoint(hits, q.touchpoint) : hits;
};

/** Stable: hits for the touchpoint's business first, the rest in their order. */
const boostTouchpoint = (hits: KnowledgeHit[], touchpoint: string): KnowledgeHit[] => {
  const b = business(touchpoint);
  const serves = (h: KnowledgeHit) => h.touchpoints.some((t) => t === touchpoint || (b !== null && business(t) === b));
  return [...hits.filter(serves), ...hits.filter((h) => !serves(h))];
};

const byTouchpoint = (r: Running, touchpoint: string, limit: number): KnowledgeHit[] => {
  const p = parseTouchpoint(touchpoint);
  if (!p) return [];
  const score = (m: Meta): number =>
    m.touchpoints.includes(touchpoint) ? 3 : m.touchpoints.some((t) => business(t) === p.business) ? 2 : m.category === CATEGORY_OF_KIND[p.kind] ? 1 : 0;
  return [...r.meta.entries()]
    .map(([id, m]) => ({ id, m, s: score(m) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.m.title.localeCompare(b.m.title))
    .slice(0, limit)
    .map(({ id, m, s }) => ({ id, slug: m.slug, title: m.title, snippet: '', score: s, terms: [], category: m.category, language: m.language, revision: m.revision, touchpoints: m.touchpoints }));
};
