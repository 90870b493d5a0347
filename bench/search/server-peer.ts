/**
 * The server peer of `bench:search`: the desk server's own database search
 * (`GET /api/knowledge/search`, ILIKE over title, body and tags in PGlite) over HTTP from Node.
 * The real server as a child process (as bench/sync does), the N articles imported as admin
 * through `POST /api/knowledge/import` in batches of MAX_IMPORT, then the queries one at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignInResponse } from '../../src-shared/api';
import { MAX_IMPORT, type ImportResponse, type ServerSearchResponse } from '../../src-shared/knowledge/api';
import { freePort, processCpuMs, startTsx, waitForHttp, type Child } from '../sync/proc';
import type { BenchArticle, BenchQuery } from './corpus';
import { stats, type Stats } from './stats';

/** The server peer's figures. */
export type ServerPeerResult = {
  importMs: number;
  imported: { created: number; updated: number; unchanged: number; problems: number };
  perQuery: Stats;
  hitsPerQuery: number;
  serverCpuMs: number;
};

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Starts the desk server, imports `articles`, times `queries` (after `warmup`), stops it. */
export const runServerPeer = async (articles: readonly BenchArticle[], queries: readonly BenchQuery[], warmup: readonly BenchQuery[], log: (s: string) => void): Promise<ServerPeerResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-bench-search-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const scrub = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('FIRSTLINE_')).map((k) => [k, undefined]));
  let server: Child | null = startTsx(join(root, 'src-server/cli.ts'), ['--data-dir', join(dir, 'data'), '--port', String(port), '--host', '127.0.0.1', '--static', join(dir, 'no-static')], { cwd: dir, env: scrub });
  try {
    await waitForHttp(`${base}/api/health`, 60_000, server);
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber: 'admin', password: 'admin1234' }) });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
    const { token } = (await signIn.json()) as SignInResponse;
    const auth = { authorization: `Bearer ${token}` };

    const imported = { created: 0, updated: 0, unchanged: 0, problems: 0 };
    const i0 = performance.now();
    for (let i = 0; i < articles.length; i += MAX_IMPORT) {
      const batch = articles.slice(i, i + MAX_IMPORT).map(({ id: _id, revision: _r, ...input }) => input);
      const res = await fetch(`${base}/api/knowledge/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ articles: batch }) });
      if (!res.ok) throw new Error(`import answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      const r = (await res.json()) as ImportResponse;
      imported.created += r.created;
      imported.updated += r.updated;
      imported.unchanged += r.unchanged;
      imported.problems += r.problems.length;
      log(`server: imported ${Math.min(i + MAX_IMPORT, articles.length)}/${articles.length} (${((performance.now() - i0) / 1000).toFixed(1)} s)`);
    }
    const importMs = performance.now() - i0;

    const ask = async (q: BenchQuery): Promise<number> => {
      const qs = new URLSearchParams({ q: q.text, limit: '10', ...(q.category ? { category: q.category } : {}), ...(q.language ? { language: q.language } : {}) });
      const res = await fetch(`${base}/api/knowledge/search?${qs.toString()}`, { headers: auth });
      if (!res.ok) throw new Error(`search ${JSON.stringify(q)} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as ServerSearchResponse).hits.length;
    };
    for (const q of warmup) await ask(q);
    const cpu0 = processCpuMs(server.pid);
    const xs: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      hits += await ask(q);
      xs.push(performance.now() - t0);
    }
    return { importMs, imported, perQuery: stats(xs), hitsPerQuery: hits / queries.length, serverCpuMs: processCpuMs(server.pid) - cpu0 };
  } finally {
    await server?.stop();
    server = null;
    rmSync(dir, { recursive: true, force: true });
  }
};
