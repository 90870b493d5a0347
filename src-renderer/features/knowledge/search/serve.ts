/**
 * The worker side of the search: one index, served on a port (the worker's global scope in
 * `search.worker.ts`; a MessageChannel port in Node tests). DOM-free.
 *
 * Changes (snapshot import, reconcile, upsert, remove, export) run one at a time, in order.
 * Large ones are indexed in slices of about `SLICE_MS`, yielding in between, so searches are
 * answered while they run: by the index, or — while it holds less than 90 % of the articles
 * being loaded (first start, no snapshot) — by a plain scan of those articles.
 */
import { err, ok, type Result } from '../../../../src-shared/result';
import { createSearchIndex, readSnapshot, type SearchIndex } from './engine';
import { SEARCH_METHODS, type PortLike, type SearchMethod, type SearchRequests, type SearchResponseMessage } from './protocol';
import { scanSearch } from './scan';
import type { ReconcileReport, SearchDoc, UpsertReport } from './types';

const SLICE_MS = 25;
/** A load of this many articles or more, of which the index holds less than `SCAN_BELOW`, is answered by a scan meanwhile. */
const SCAN_FROM = 500;
const SCAN_BELOW = 0.9;

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Handlers = { [M in SearchMethod]: (...args: SearchRequests[M]['args']) => Promise<SearchRequests[M]['value']> | SearchRequests[M]['value'] };

const isDocList = (v: unknown): v is SearchDoc[] =>
  Array.isArray(v) &&
  v.every((d: Partial<SearchDoc> | null) => !!d && typeof d.id === 'string' && typeof d.title === 'string' && typeof d.body === 'string' && typeof d.category === 'string' && Array.isArray(d.tags) && Array.isArray(d.touchpoints));

/** Why a request's arguments are unusable, or null when they are fine. */
const badArgs = (method: SearchMethod, args: unknown[]): string | null => {
  const [a] = args;
  switch (method) {
    case 'reconcile':
    case 'upsert':
      return isDocList(a) ? null : 'expected a list of articles (id, slug, title, body, category, language, tags, touchpoints, revision)';
    case 'remove':
      return Array.isArray(a) && a.every((x) => typeof x === 'string') ? null : 'expected a list of ids';
    case 'search':
      return a && typeof a === 'object' && typeof (a as { text?: unknown }).text === 'string' ? null : 'expected { text, category?, language?, limit? }';
    case 'importSnapshot':
      return a && typeof a === 'object' && typeof (a as { meta?: unknown }).meta === 'string' ? null : 'expected a snapshot { format, key, size, meta, texts, postings }';
    default:
      return null;
  }
};

/** Serves a search index on `port`. Returns the detach. */
export const serveSearch = (port: PortLike): (() => void) => {
  let index: SearchIndex = createSearchIndex();
  let loading: readonly SearchDoc[] | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Upserts in time slices (and removes what `docs` lacks when `exact`), answering searches in between. */
  const load = async (docs: readonly SearchDoc[], exact: boolean): Promise<ReconcileReport> => {
    const report: ReconcileReport = { added: 0, updated: 0, unchanged: 0, removed: 0 };
    if (exact) {
      const keep = new Set(docs.map((d) => d.id));
      report.removed = index.remove(index.ids().filter((id) => !keep.has(id)));
    }
    if (docs.length >= SCAN_FROM) {
      const ids = new Set(index.ids());
      const held = docs.reduce((n, d) => n + (ids.has(d.id) ? 1 : 0), 0);
      loading = held < SCAN_BELOW * docs.length ? docs : null;
    }
    try {
      let start = performance.now();
      const CHUNK = 16;
      for (let i = 0; i < docs.length; i += CHUNK) {
        const r: UpsertReport = index.upsert(docs.slice(i, i + CHUNK));
        report.added += r.added;
        report.updated += r.updated;
        report.unchanged += r.unchanged;
        if (performance.now() - start > SLICE_MS) {
          await pause();
          start = performance.now();
        }
      }
    } finally {
      loading = null;
    }
    return report;
  };

  const handlers: Handlers = {
    importSnapshot: (snapshot) =>
      serial(() => {
        const read = readSnapshot(snapshot);
        if (read) index = read;
        return { imported: read !== null, size: index.size };
      }),
    reconcile: (docs) => serial(() => load(docs, true)),
    upsert: (docs) => serial(async () => (({ removed: _r, ...rest }) => rest)(await load(docs, false))),
    remove: (ids) => serial(() => ({ removed: index.remove(ids) })),
    search: (query) => {
      const t0 = performance.now();
      const via = loading ? 'scan' : 'index';
      const hits = loading ? scanSearch(loading, query) : index.search(query);
      return { hits, via, ms: performance.now() - t0 };
    },
    exportSnapshot: () => serial(() => index.exportSnapshot()),
    status: () => ({ size: index.size, key: index.key(), building: loading !== null }),
  };

  const send = (m: SearchResponseMessage): void => {
    try {
      port.postMessage(m);
    } catch {
      /* the page went away */
    }
  };

  port.onmessage = (ev) => {
    const m = ev.data as { id?: unknown; method?: unknown; args?: unknown } | null;
    if (!m || typeof m.id !== 'number') return;
    const id = m.id;
    const method = m.method as SearchMethod;
    const args = Array.isArray(m.args) ? (m.args as unknown[]) : null;
    if (!SEARCH_METHODS.includes(method) || !args) {
      send({ id, result: err('VALIDATION_FAILED', `unknown search request ${String(m.method)}`) });
      return;
    }
    const bad = badArgs(method, args);
    if (bad) {
      send({ id, result: err('VALIDATION_FAILED', `${method}: ${bad}`) });
      return;
    }
    const run = handlers[method] as (...a: unknown[]) => unknown;
    void (async (): Promise<Result<unknown>> => {
      try {
        return ok(await run(...args));
      } catch (e) {
        return err('INTERNAL', `${method}: ${e instanceof Error ? e.message : String(e)}`);
      }
    })().then((result) => send({ id, result }));
  };
  return () => {
    port.onmessage = null;
  };
};
