/**
 * Serves the lab's phone page over http://127.0.0.1 (a secure context, so
 * getUserMedia works): `/` the page, `/browser/<name>.js` lab/browser/<name>.ts
 * transpiled on the fly (TypeScript's transpileModule, no bundler),
 * `/vendor/sip.js/…` the ES modules of the installed sip.js.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const sipjsDir = dirname(createRequire(import.meta.url).resolve('sip.js'));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lab phone</title>
<script type="importmap">{"imports":{"sip.js":"/vendor/sip.js/index.js"}}</script>
<script type="module" src="/browser/phone.js"></script>
</head><body><h1>Firstline lab phone</h1></body></html>`;

const cache = new Map<string, string>();

function transpile(name: string): string {
  const hit = cache.get(name);
  if (hit) return hit;
  const src = readFileSync(join(here, `${name}.ts`), 'utf8');
  const out = ts.transpileModule(src, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false, isolatedModules: true },
    fileName: `${name}.ts`,
  }).outputText;
  cache.set(name, out);
  return out;
}

export type PageServer = { url: string; close: () => Promise<void> };

export async function startPageServer(): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', PAGE);
      const mod = /^\/browser\/([a-z-]+)\.js$/.exec(path);
      if (mod?.[1]) return send(200, 'text/javascript; charset=utf-8', transpile(mod[1]));
      if (path.startsWith('/vendor/sip.js/')) {
        const rel = normalize(path.slice('/vendor/sip.js/'.length));
        if (rel.startsWith('..') || !rel.endsWith('.js')) return send(404, 'text/plain', 'not found');
        return send(200, 'text/javascript; charset=utf-8', readFileSync(join(sipjsDir, rel)));
      }
      return send(404, 'text/plain', 'not found');
    } catch (err) {
      return send(500, 'text/plain', String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
