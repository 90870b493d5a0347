/**
 * Serves the built renderer (web mode) with a single-page-app fallback: a GET outside /api that
 * matches no file answers index.html. index.html and sw.js are `no-cache` (a new build must be
 * seen at once); Vite's hashed files under assets/ are immutable. engine.html (the phone engine's
 * page) may be framed only by a page of this desk under a loopback name: the browser host runs
 * the engine in a frame from the desk's other loopback name (src-renderer/host/engine-frame.ts);
 * Electron opens it as a window of its own, where framing rules do not apply.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Who may frame the engine page (CSP `frame-ancestors`). */
export const ENGINE_FRAME_ANCESTORS = "frame-ancestors 'self' http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*";

const cacheHeaders = (res: SetHeadersResponse, path: string): void => {
  const name = basename(path);
  if (name === 'engine.html') res.setHeader('Content-Security-Policy', ENGINE_FRAME_ANCESTORS);
  if (name === 'index.html' || name === 'sw.js') res.setHeader('Cache-Control', 'no-cache');
  else if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
};

/** Registers the static folder when it has an index.html; answers whether it did. */
export const registerStatic = async (app: FastifyInstance, dir: string): Promise<boolean> => {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, { root, cacheControl: false, setHeaders: cacheHeaders, wildcard: true, serveDotFiles: false });
  return true;
};

/** Whether a not-found request should get the SPA's index.html. */
export const wantsSpa = (method: string, url: string): boolean =>
  (method === 'GET' || method === 'HEAD') && !url.startsWith('/api/') && url !== '/api';
