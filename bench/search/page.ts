/**
 * The page of `bench:search`, run in Chromium: the workstation's real search worker
 * (src-renderer/features/knowledge/search, built by Vite) over N generated articles, and the
 * in-page peer (a plain lowercased-substring scan), measured in the same page. The steps are
 * separate window functions so that the runner can read the heap (CDP) between them: the
 * index's memory is read by importing the worker's snapshot into the page itself.
 */
import { Dexie, type Table } from 'dexie';
import type { ArticleInput } from '../../src-shared/knowledge/model';
import { createSearchClient, type SearchClient } from '../../src-renderer/features/knowledge/search/client';
import { readSnapshot, type SearchIndex } from '../../src-renderer/features/knowledge/search/engine';
import type { IndexSnapshot, SearchDoc } from '../../src-renderer/features/knowledge/search/types';
import { generateArticles, generateQueries, type BenchArticle, type BenchQuery, type QualityQuery } from './corpus';
import { stats, type Stats } from './stats';

/** What the runner passes in: the demo articles, the quality queries, how many articles and queries. */
export type PrepareOptions = { demo: ArticleInput[]; quality: QualityQuery[]; docs: number; queries: number; warmup: number };
/** What was generated. */
export type Prepared = { docs: number; bodyBytes: number; zh: number; queries: number; crossOriginIsolated: boolean; userAgent: string };

/** The worker's figures: start-up cold and warm, the snapshot, the queries, an incremental update. */
export type WorkerResult = {
  cold: {
    what: string;
    /** reconcile(N) posted → first search answered (by the scan). */
    firstAnswerMs: number;
    firstAnswerVia: string;
    /** reconcile(N) posted → index complete. */
    buildMs: number;
    /** A search right after: answered by the index. */
    afterVia: string;
  };
  snapshot: { exportMs: number; metaChars: number; textChars: number; postingsBytes: number; persistMs: number };
  warm: {
    what: string;
    /** Snapshot read from IndexedDB, posted and imported, first search answered. */
    searchableMs: number;
    readSnapshotMs: number;
    importMs: number;
    /** Then the N cached articles read from IndexedDB and reconciled (unchanged: none re-indexed). */
    readArticlesMs: number;
    reconcileMs: number;
    inStepMs: number;
    reconciled: { added: number; updated: number; unchanged: number; removed: number };
  };
  /** 500 queries, one at a time: inside the worker and round trip from the page. */
  inside: Stats;
  roundTrip: Stats;
  /** An empty request (status) round trip: the messaging cost alone, same run. */
  ping: Stats;
  hitsPerQuery: number;
  emptyAnswers: number;
  /** The slowest queries inside the worker (diagnostics). */
  slowest: { text: string; category?: string; language?: string; insideMs: number; roundTripMs: number }[];
  incremental: { what: string; ms: number; report: { added: number; updated: number; unchanged: number } };
};

/** The scan peer's figures. */
export type ScanResult = { perQuery: Stats; hitsPerQuery: number };
/** The snapshot imported into the page itself (for its memory) and the queries run there. */
export type InPageResult = { importMs: number; perQuery: Stats };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
  interface Window {
    benchPrepare: (o: PrepareOptions) => Promise<Prepared>;
    benchWorker: () => Promise<WorkerResult>;
    benchInPageIndex: () => Promise<InPageResult>;
    benchDropInPageIndex: () => void;
    benchScan: () => Promise<ScanResult>;
  }
}

type Cache = Dexie & { articles: Table<BenchArticle, string>; meta: Table<{ key: string; snapshot: IndexSnapshot }, string> };

let docs: BenchArticle[] = [];
let queries: BenchQuery[] = [];
let warm: BenchQuery[] = [];
let inPage: SearchIndex | null = null;

const newWorker = (): Worker => new Worker(new URL('../../src-renderer/features/knowledge/search/search.worker.ts', import.meta.url), { type: 'module' });

const openCache = (): Cache => {
  const db = new Dexie('bench-search') as Cache;
  db.version(1).stores({ articles: 'id', meta: 'key' });
  return db;
};

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

const toSearchDoc = ({ status: _s, ...d }: BenchArticle): SearchDoc => d;

window.benchPrepare = async (o) => {
  docs = generateArticles(o.docs, o.demo);
  queries = generateQueries(o.queries, o.quality);
  warm = generateQueries(o.warmup, o.quality, 7);
  const db = openCache();
  await db.articles.clear();
  for (let i = 0; i < docs.length; i += 2000) await db.articles.bulkPut(docs.slice(i, i + 2000));
  db.close();
  return {
    docs: docs.length,
    bodyBytes: docs.reduce((n, d) => n + new TextEncoder().encode(d.body).length, 0),
    zh: docs.filter((d) => d.language === 'zh-CN').length,
    queries: queries.length,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
  };
};

const runQueries = async (client: SearchClient): Promise<{ inside: number[]; round: number[]; hits: number; empty: number; slowest: WorkerResult['slowest'] }> => {
  for (const q of warm) must(await client.search({ ...q, limit: 10 }), 'warm-up search');
  const inside: number[] = [];
  const round: number[] = [];
  let hits = 0;
  let empty = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const a = must(await client.search({ ...q, limit: 10 }), 'search');
    round.push(performance.now() - t0);
    inside.push(a.ms);
    hits += a.hits.length;
    if (!a.hits.length) empty++;
    if (a.via !== 'index') throw new Error(`a measured search was answered by ${a.via}`);
  }
  const slowest = queries
    .map((q, i) => ({ ...q, insideMs: Math.round(inside[i]! * 1000) / 1000, roundTripMs: Math.round(round[i]! * 1000) / 1000 }))
    .sort((a, b) => b.insideMs - a.insideMs)
    .slice(0, 8);
  return { inside, round, hits, empty, slowest };
};

window.benchWorker = async () => {
  const all = docs.map(toSearchDoc);
  // Cold: no snapshot. The articles are posted; searches are answered by a scan until the index is built.
  const cold = createSearchClient(newWorker());
  must(await cold.status(), 'worker start');
  const c0 = performance.now();
  const building = cold.reconcile(all);
  const first = must(await cold.search({ text: '打印机 脱机' }), 'first search');
  const firstAnswerMs = performance.now() - c0;
  must(await building, 'reconcile');
  const buildMs = performance.now() - c0;
  const after = must(await cold.search({ text: '打印机 脱机' }), 'search after build');

  const s0 = performance.now();
  const snapshot = must(await cold.exportSnapshot(), 'export');
  const exportMs = performance.now() - s0;
  cold.close();
  const db = openCache();
  const p0 = performance.now();
  await db.meta.put({ key: 'search', snapshot });
  const persistMs = performance.now() - p0;
  db.close();

  // Warm: what a workstation does at every later start.
  const client = createSearchClient(newWorker());
  must(await client.status(), 'worker start');
  const w0 = performance.now();
  const cache = openCache();
  const saved = await cache.meta.get('search');
  const readSnapshotMs = performance.now() - w0;
  if (!saved) throw new Error('no snapshot in IndexedDB');
  const imported = must(await client.importSnapshot(saved.snapshot), 'import');
  if (!imported.imported || imported.size !== all.length) throw new Error(`snapshot not imported: ${JSON.stringify(imported)}`);
  const importMs = performance.now() - w0 - readSnapshotMs;
  must(await client.search({ text: '打印机 脱机' }), 'first warm search');
  const searchableMs = performance.now() - w0;
  const r0 = performance.now();
  const cached = (await cache.articles.toArray()).map(toSearchDoc);
  const readArticlesMs = performance.now() - r0;
  cache.close();
  const reconciled = must(await client.reconcile(cached), 'warm reconcile');
  const inStepMs = performance.now() - w0;
  const reconcileMs = performance.now() - r0 - readArticlesMs;

  const q = await runQueries(client);
  const pings: number[] = [];
  for (let i = 0; i < queries.length; i++) {
    const t0 = performance.now();
    must(await client.status(), 'status');
    pings.push(performance.now() - t0);
  }

  // Incremental: ten articles edited on the desk arrive by sync.
  const edited = all.slice(100, 110).map((d) => ({ ...d, revision: d.revision + 1, title: `${d.title}（修订）`, body: `${d.body}\n更新：请先核实身份。\n` }));
  const i0 = performance.now();
  const report = must(await client.upsert(edited), 'incremental upsert');
  const incMs = performance.now() - i0;
  client.close();

  return {
    cold: { what: 'no snapshot: reconcile(N) posted, searches answered by a scan until the index is built', firstAnswerMs, firstAnswerVia: first.via, buildMs, afterVia: after.via },
    snapshot: { exportMs, metaChars: snapshot.meta.length, textChars: snapshot.texts.length, postingsBytes: snapshot.postings.byteLength, persistMs },
    warm: {
      what: 'snapshot read from IndexedDB and imported → searchable; then the N cached articles read from IndexedDB and reconciled (none changed)',
      searchableMs,
      readSnapshotMs,
      importMs,
      readArticlesMs,
      reconcileMs,
      inStepMs,
      reconciled,
    },
    inside: stats(q.inside),
    roundTrip: stats(q.round),
    ping: stats(pings),
    hitsPerQuery: q.hits / queries.length,
    emptyAnswers: q.empty,
    slowest: q.slowest,
    incremental: { what: 'upsert of 10 edited articles (only they are re-indexed)', ms: incMs, report },
  };
};

window.benchInPageIndex = async () => {
  const cache = openCache();
  const saved = await cache.meta.get('search');
  cache.close();
  if (!saved) throw new Error('no snapshot in IndexedDB');
  const t0 = performance.now();
  inPage = readSnapshot(saved.snapshot);
  const importMs = performance.now() - t0;
  if (!inPage) throw new Error('the snapshot did not read back');
  for (const q of warm) inPage.search({ ...q, limit: 10 });
  const xs: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    inPage.search({ ...q, limit: 10 });
    xs.push(performance.now() - s);
  }
  return { importMs, perQuery: stats(xs) };
};

window.benchDropInPageIndex = () => {
  inPage = null;
};

window.benchScan = async () => {
  // The naive way: every cached article lowercased once (not timed), each query's words looked for as substrings.
  const hay = docs.map((d) => ({ d, title: d.title.toLowerCase(), text: `${d.title}\n${d.tags.join(' ')}\n${d.body}`.toLowerCase() }));
  const run = (q: BenchQuery): number => {
    const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
    const found: { score: number; id: string }[] = [];
    for (const h of hay) {
      if ((q.category && h.d.category !== q.category) || (q.language && h.d.language !== q.language)) continue;
      let score = 0;
      for (const w of words) if (h.text.includes(w)) score += h.title.includes(w) ? 2 : 1;
      if (score) found.push({ score, id: h.d.id });
    }
    found.sort((a, b) => b.score - a.score);
    return found.slice(0, 10).length;
  };
  for (const q of warm) run(q);
  const xs: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s = performance.now();
    hits += run(q);
    xs.push(performance.now() - s);
  }
  return { perQuery: stats(xs), hitsPerQuery: hits / queries.length };
};
