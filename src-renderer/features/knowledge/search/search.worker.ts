/**
 * The search worker's entry (built by Vite:
 * `new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })`).
 * The only file of this folder that touches a browser global: the worker's own scope.
 */
import type { PortLike } from './protocol';
import { serveSearch } from './serve';

serveSearch(self as unknown as PortLike);
