/**
 * The search worker's message protocol: one request map, shared by the worker side
 * (`serveSearch`) and the client (`createSearchClient`). A request carries an id; its answer
 * carries the same id and a `Result` (never a thrown error).
 */
import type { Result } from '../../../../src-shared/result';
import type { IndexSnapshot, ReconcileReport, SearchDoc, SearchHit, SearchQuery, UpsertReport } from './types';

/** How a search was answered: by the index, or by a plain scan while the index is being built. */
export type SearchAnswer = { hits: SearchHit[]; via: 'index' | 'scan'; /** Time inside the worker, ms. */ ms: number };

/** What the worker holds. `building` while a reconcile or a large upsert is running. */
export type SearchStatus = { size: number; key: string; building: boolean };

/** Every request: its arguments and the value of a successful answer. */
export type SearchRequests = {
  /** Reads a persisted snapshot (a snapshot of another format is refused: `imported: false`). */
  importSnapshot: { args: [snapshot: IndexSnapshot]; value: { imported: boolean; size: number } };
  /** Makes the index hold exactly these articles; only changed ones are indexed again. */
  reconcile: { args: [docs: SearchDoc[]]; value: ReconcileReport };
  upsert: { args: [docs: SearchDoc[]]; value: UpsertReport };
  remove: { args: [ids: string[]]; value: { removed: number } };
  search: { args: [query: SearchQuery]; value: SearchAnswer };
  exportSnapshot: { args: []; value: IndexSnapshot };
  status: { args: []; value: SearchStatus };
};

/** A request's name. */
export type SearchMethod = keyof SearchRequests;

/** The message the client posts. */
export type SearchRequestMessage<M extends SearchMethod = SearchMethod> = { id: number; method: M; args: SearchRequests[M]['args'] };

/** The message the worker posts back. */
export type SearchResponseMessage = { id: number; result: Result<unknown> };

/** Every method name (for checking requests). */
export const SEARCH_METHODS: readonly SearchMethod[] = ['importSnapshot', 'reconcile', 'upsert', 'remove', 'search', 'exportSnapshot', 'status'];

/** What both ends need of a Worker, a MessagePort or the worker's own global scope. */
export type PortLike = { postMessage: (message: unknown) => void; onmessage: ((ev: MessageEvent) => void) | null };
