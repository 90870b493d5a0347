/** Offline knowledge search (see README.md): the index, its worker client and display helpers. */
export type { SearchDoc, SearchQuery, SearchHit, UpsertReport, ReconcileReport, IndexSnapshot, TextPart } from './types';
export type { SearchAnswer, SearchStatus, SearchRequests, SearchMethod, PortLike } from './protocol';
export { createSearchIndex, readSnapshot, SNAPSHOT_FORMAT, type SearchIndex } from './engine';
export { createSearchClient, type SearchClient, type SearchClientOptions, type WorkerLike } from './client';
export { serveSearch } from './serve';
export { highlight } from './highlight';
export { makeSnippet } from './snippet';
export { stripMarkdown } from './markdown';
export { contentKey } from './hash';
export { tokenize, queryTerms } from './tokenize';
