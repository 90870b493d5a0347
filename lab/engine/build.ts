/**
 * Builds the engine lab page (lab/engine/page) with Vite, once per process,
 * and serves it on 127.0.0.1 (a secure context: getUserMedia works). The page
 * bundles the real engine module, sip.js and the lab's tone detector.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('./page', import.meta.url));
const PREFIX = 'firstline-engine-page-';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Builds of test workers that are gone (a worker killed at the end of a run skips its exit hook). */
function removeStaleBuilds(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}
let built: Promise<string> | undefined;

/** The folder holding the built page (built on the first call). */
export function buildEnginePage(): Promise<string> {
  built ??= (async () => {
    removeStaleBuilds();
    const outDir = join(tmpdir(), `${PREFIX}${process.pid}`);
    await build({ root, base: './', logLevel: 'warn', configFile: false, build: { outDir, emptyOutDir: true, sourcemap: true, minify: false, target: 'es2022' } });
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    return outDir;
  })();
  return built;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css' };

export type EnginePageServer = { url: string; close: () => Promise<void> };

export async function serveEnginePage(): Promise<EnginePageServer> {
  const dir = await buildEnginePage();
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    if (path.startsWith('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
