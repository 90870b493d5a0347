/**
 * The page's handle on the search worker: one typed, promise-based method per request, each
 * answering a `Result` (a worker that fails, is closed or does not answer in time gives an
 * `INTERNAL` error, never a rejected promise).
 *
 * ```ts
 * const search = createSearchClient(new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }));
 * const saved = await loadSnapshot();                  // the caller persists it (e.g. in Dexie)
 * if (saved) await search.importSnapshot(saved);      // searchable at once
 * const r = await search.reconcile(cachedArticles);   // only changed articles are indexed
 * if (r.ok && (r.value.added || r.value.updated || r.value.removed)) {
 *   const s = await search.exportSnapshot();
 *   if (s.ok) await saveSnapshot(s.value);
 * }
 * const hits = await search.search({ text: '打印机 脱机', category: 'printing' });
 * ```
 */
import { err, type Result } from '../../../../src-shared/result';
import type { PortLike, SearchMethod, SearchRequestMessage, SearchRequests, SearchResponseMessage } from './protocol';

/** A Worker (or a MessagePort) to talk to; `terminate` is called by `close` when present. */
export type WorkerLike = PortLike & { terminate?: () => void; onerror?: ((ev: ErrorEvent) => void) | null };

/** The client: `request` and a named method for each request of the protocol. */
export type SearchClient = {
  [M in SearchMethod]: (...args: SearchRequests[M]['args']) => Promise<Result<SearchRequests[M]['value']>>;
} & {
  /** Ends every pending request with an error and terminates the worker. */
  close: () => void;
};

/** Options: how long a request may wait for its answer (a reconcile of 20,000 articles takes seconds). */
export type SearchClientOptions = { timeoutMs?: number };

/** Wraps a search worker (`search.worker.ts`) or a port served by `serveSearch`. */
export const createSearchClient = (worker: WorkerLike, options: SearchClientOptions = {}): SearchClient => {
  const timeoutMs = options.timeoutMs ?? 120_000;
  let seq = 0;
  let closed = false;
  const pending = new Map<number, (r: Result<unknown>) => void>();

  const failAll = (message: string): void => {
    for (const [, resolve] of pending) resolve(err('INTERNAL', message));
    pending.clear();
  };

  worker.onmessage = (ev) => {
    const m = ev.data as SearchResponseMessage | null;
    if (!m || typeof m.id !== 'number') return;
    pending.get(m.id)?.(m.result);
    pending.delete(m.id);
  };
  if ('onerror' in worker) worker.onerror = () => failAll('the search worker failed');

  const request = <M extends SearchMethod>(method: M, args: SearchRequests[M]['args']): Promise<Result<SearchRequests[M]['value']>> =>
    new Promise((resolve) => {
      if (closed) {
        resolve(err('INTERNAL', `${method}: the search client is closed`));
        return;
      }
      const id = ++seq;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(err('INTERNAL', `${method}: no answer from the search worker in ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r as Result<SearchRequests[M]['value']>);
      });
      const message: SearchRequestMessage<M> = { id, method, args };
      try {
        worker.postMessage(message);
      } catch (e) {
        pending.delete(id);
        clearTimeout(timer);
        resolve(err('INTERNAL', `${method}: ${e instanceof Error ? e.message : String(e)}`));
      }
    });

  return {
    importSnapshot: (...a) => request('importSnapshot', a),
    reconcile: (...a) => request('reconcile', a),
    upsert: (...a) => request('upsert', a),
    remove: (...a) => request('remove', a),
    search: (...a) => request('search', a),
    exportSnapshot: (...a) => request('exportSnapshot', a),
    status: (...a) => request('status', a),
    close: () => {
      if (closed) return;
      closed = true;
      worker.onmessage = null;
      failAll('the search client was closed');
      worker.terminate?.();
    },
  };
};
