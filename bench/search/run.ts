/**
 * `npm run bench:search` (`--docs N`, default 20000; `--queries N`, default 500): the
 * workstation's offline knowledge search in Debian's Chromium — index build, start-up with and
 * without a snapshot, memory, p50/p95 per query inside the worker and round trip — against two
 * peers measured in the same run: a plain substring scan of the cached articles in the page,
 * and the desk server's own database search over HTTP. The last line printed is one JSON
 * object. Targets (printed, never asserted): p95 ≤ 2 ms; ≥ 20× faster than the server search;
 * searchable within 1 s of start.
 */
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, release } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servePage } from '../static-page';
import { chromium, type CDPSession } from 'playwright-core';
import { build } from 'vite';
import { generateArticles, generateQueries } from './corpus';
import { readDemoArticles, readQualityQueries } from './inputs';
import type { InPageResult, PrepareOptions, Prepared, ScanResult, WorkerResult } from './page';
import { runServerPeer, type ServerPeerResult } from './server-peer';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(here, '../../.tmp/bench/search');
const CHROMIUM = '/usr/bin/chromium';
const DEADLINE_MS = 12 * 60_000;
const TARGET_P95_MS = 2;
const TARGET_RATIO = 20;
const TARGET_START_MS = 1000;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};


/** JS heap in use in the page after a full GC, MB. */
const heapMb = async (cdp: CDPSession): Promise<number> => {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return Math.round((usedSize / 1e6) * 10) / 10;
};

const r2 = (v: number): number => Math.round(v * 100) / 100;

const main = async (): Promise<void> => {
  const deadline = setTimeout(() => {
    console.error(`bench:search did not finish within ${DEADLINE_MS / 60_000} min`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();
  const N = arg('docs', 20_000);
  const Q = arg('queries', 500);
  const WARMUP = 50;
  const demo = readDemoArticles();
  const quality = readQualityQueries();
  const log = (s: string): void => console.log(`bench:search: ${s}`);

  log('building the page and the search worker with Vite…');
  await build({ configFile: join(here, 'vite.config.ts') });
  const server = await servePage(outDir, { isolated: true });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let prepared: Prepared;
  let worker: WorkerResult;
  let inPage: InPageResult;
  let scan: ScanResult;
  const memory = { heapWithArticlesMb: 0, heapWithIndexMb: 0, indexMb: 0 };
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => typeof window.benchPrepare === 'function', undefined, { timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    log(`generating ${N} articles and ${Q} queries in the page (and caching the articles in IndexedDB) at ${url}`);
    const opts: PrepareOptions = { demo, quality, docs: N, queries: Q, warmup: WARMUP };
    prepared = await page.evaluate((o) => window.benchPrepare(o), opts);
    log(`${prepared.docs} articles (${prepared.zh} Chinese, ${(prepared.bodyBytes / 1e6).toFixed(1)} MB of Markdown), cross-origin isolated: ${prepared.crossOriginIsolated}`);

    log('the worker: cold start, snapshot, warm start, queries, an incremental update…');
    worker = await page.evaluate(() => window.benchWorker());
    log(`worker: cold first answer ${worker.cold.firstAnswerMs.toFixed(0)} ms (${worker.cold.firstAnswerVia}), built in ${worker.cold.buildMs.toFixed(0)} ms; warm searchable in ${worker.warm.searchableMs.toFixed(0)} ms`);
    log(`worker: inside p50 ${worker.inside.p50} ms p95 ${worker.inside.p95} ms; round trip p50 ${worker.roundTrip.p50} ms p95 ${worker.roundTrip.p95} ms`);

    memory.heapWithArticlesMb = await heapMb(cdp);
    log('the same index imported into the page (for its memory)…');
    inPage = await page.evaluate(() => window.benchInPageIndex());
    memory.heapWithIndexMb = await heapMb(cdp);
    memory.indexMb = r2(memory.heapWithIndexMb - memory.heapWithArticlesMb);
    await page.evaluate(() => window.benchDropInPageIndex());
    log(`in-page index: imported in ${inPage.importMs.toFixed(0)} ms, ${memory.indexMb} MB of heap`);

    log('peer 1: plain substring scan in the page…');
    scan = await page.evaluate(() => window.benchScan());
    log(`scan: p50 ${scan.perQuery.p50} ms p95 ${scan.perQuery.p95} ms`);
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }

  log('peer 2: the desk server’s database search over HTTP (importing the same articles first)…');
  const articles = generateArticles(N, demo);
  const serverPeer: ServerPeerResult = await runServerPeer(articles, generateQueries(Q, quality), generateQueries(WARMUP, quality, 7), log);
  log(`server: p50 ${serverPeer.perQuery.p50} ms p95 ${serverPeer.perQuery.p95} ms`);

  const ratio = (peer: number, ours: number): number => r2(peer / Math.max(ours, 0.001));
  const result = {
    bench: 'search',
    unit: 'ms per query (one at a time, limit 10)',
    docs: N,
    queries: Q,
    warmup: WARMUP,
    corpus: {
      what: 'generated, deterministic: 3/4 remixes of the demo articles (resources/knowledge/articles) by brand and region, 1/4 from topic templates; queries: the quality set as typed and half-typed, and topic words; some filtered by category or language',
      zhArticles: prepared.zh,
      markdownMB: r2(prepared.bodyBytes / 1e6),
    },
    ours: {
      what: 'the workstation search worker (src-renderer/features/knowledge/search) in Chromium',
      insideWorker: worker.inside,
      roundTrip: worker.roundTrip,
      emptyRoundTrip: { what: 'a status request, one at a time: the cost of the message hop alone', ...worker.ping },
      hitsPerQuery: r2(worker.hitsPerQuery),
      emptyAnswers: worker.emptyAnswers,
      slowest: worker.slowest,
      buildMs: Math.round(worker.cold.buildMs),
      inPageImportMs: Math.round(inPage.importMs),
      inPagePerQuery: inPage.perQuery,
      memory: { ...memory, what: 'JS heap of the page after a full GC, before and after importing the worker’s snapshot into the page (what a warm worker holds)' },
      startup: {
        cold: { ...worker.cold, firstAnswerMs: Math.round(worker.cold.firstAnswerMs), buildMs: Math.round(worker.cold.buildMs) },
        warm: Object.fromEntries(Object.entries(worker.warm).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])),
        snapshot: { exportMs: Math.round(worker.snapshot.exportMs), persistMs: Math.round(worker.snapshot.persistMs), metaMegaChars: r2(worker.snapshot.metaChars / 1e6), textMegaChars: r2(worker.snapshot.textChars / 1e6), postingsMB: r2(worker.snapshot.postingsBytes / 1e6) },
      },
      incremental: { ...worker.incremental, ms: r2(worker.incremental.ms) },
    },
    peers: {
      scan: { what: 'plain scan in the page: every cached article lowercased once, the query split on spaces, each word looked for as a substring', ...scan.perQuery, hitsPerQuery: r2(scan.hitsPerQuery) },
      server: {
        what: 'the desk server GET /api/knowledge/search over HTTP from Node (PGlite, ILIKE on title/body/tags, every word required), after POST /api/knowledge/import of the same articles',
        ...serverPeer.perQuery,
        hitsPerQuery: r2(serverPeer.hitsPerQuery),
        importMs: Math.round(serverPeer.importMs),
        imported: serverPeer.imported,
        serverCpuMs: Math.round(serverPeer.serverCpuMs),
      },
    },
    ratios: {
      what: 'peer / ours (higher is better for ours)',
      serverP95VsRoundTripP95: ratio(serverPeer.perQuery.p95, worker.roundTrip.p95),
      serverP50VsRoundTripP50: ratio(serverPeer.perQuery.p50, worker.roundTrip.p50),
      scanP95VsInsideP95: ratio(scan.perQuery.p95, worker.inside.p95),
      scanP50VsInsideP50: ratio(scan.perQuery.p50, worker.inside.p50),
    },
    targets: {
      p95Ms: TARGET_P95_MS,
      insideP95Met: worker.inside.p95 <= TARGET_P95_MS,
      roundTripP95Met: worker.roundTrip.p95 <= TARGET_P95_MS,
      ratioVsServer: TARGET_RATIO,
      ratioVsServerMet: serverPeer.perQuery.p95 / Math.max(worker.roundTrip.p95, 0.001) >= TARGET_RATIO,
      startMs: TARGET_START_MS,
      warmStartMet: worker.warm.searchableMs <= TARGET_START_MS,
      coldStartMet: worker.cold.firstAnswerMs <= TARGET_START_MS,
    },
    env: {
      browser: `${prepared.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'} (${CHROMIUM}, headless)`,
      node: process.version,
      os: `${process.platform} ${release()}`,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
      loadavg: loadavg().map((v) => r2(v)),
      notes: `page served over http on 127.0.0.1, cross-origin isolated (${prepared.crossOriginIsolated}: microsecond timers); fresh Chromium profile; the server also holds its ${demo.length} seeded demo articles; its queries go one at a time over keep-alive HTTP from this process`,
    },
  };
  console.log(JSON.stringify(result));
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
