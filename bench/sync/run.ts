/**
 * `npm run bench:sync`: 10,000 tickets captured offline by one workstation, then the time to
 * push them and have every one acknowledged after reconnecting (ours), against PouchDB
 * replicating the same 10,000 documents to express-pouchdb (the peer), in the same run.
 * Both servers run as child processes on 127.0.0.1. The last line printed is ONE JSON object.
 * Target: ours ≥ 3× the peer (printed, never asserted).
 *
 * Options: --docs N (default 10000).
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { prepareOurs, type RequestTiming } from './ours';
import { runPeer } from './peer';
import { averageFieldsBytes } from './tickets';

const DEADLINE_MS = 12 * 60_000;
const TARGET_RATIO = 3;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1 || v > 100_000) throw new Error(`--${name} must be an integer 1…100000`);
  return v;
};

const r1 = (v: number): number => Math.round(v * 10) / 10;
const r2 = (v: number): number => Math.round(v * 100) / 100;
const log = (s: string): void => console.log(s);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
};

/** Per-kind request statistics: how long the server took per batch and how long the client spent between batches. */
const phase = (reqs: RequestTiming[], kind: 'push' | 'pull', from: number, to: number) => {
  const rs = reqs.filter((r) => r.kind === kind);
  const times = rs.map((r) => r.end - r.start);
  const inRequests = times.reduce((a, b) => a + b, 0);
  const items = rs.reduce((a, r) => a + r.items, 0);
  return {
    requests: rs.length,
    items,
    wallMs: r1(to - from),
    inRequestsMs: r1(inRequests),
    clientBetweenMs: r1(to - from - inRequests),
    medianRequestMs: r1(median(times)),
    maxRequestMs: r1(Math.max(0, ...times)),
    msPerItemInRequests: items ? r2(inRequests / items) : 0,
    medianRequestKB: r1(median(rs.map((r) => r.requestBytes)) / 1024),
    medianResponseKB: r1(median(rs.map((r) => r.responseBytes)) / 1024),
    /** Each request's time (request sent → answer read), in order. */
    requestMs: times.map(Math.round),
    /** Client time before each request (reading the outbox / applying the previous answer). */
    gapBeforeMs: rs.map((r, i) => Math.round(r.start - (i === 0 ? from : rs[i - 1]!.end))),
  };
};

const fsOf = (path: string): string => {
  try {
    return execFileSync('df', ['-T', path], { encoding: 'utf8' }).trim().split('\n').at(-1)!.split(/\s+/)[1] ?? '?';
  } catch {
    return '?';
  }
};

const main = async (): Promise<void> => {
  const deadline = setTimeout(() => {
    console.error(`bench:sync did not finish within ${DEADLINE_MS / 1000} s`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();
  const n = arg('docs', 10_000);
  const loadBefore = loadavg().map(r2);
  log(`bench:sync: ${n} tickets; node ${process.version}; ${cpus().length} cpus`);

  const ours = await prepareOurs(n, log);
  // A second desk server with the same capture, for the server-only figure (a fresh database, as ours).
  const alone = await prepareOurs(n, () => undefined).catch(async (e: unknown) => {
    await ours.stop();
    throw e;
  });
  try {
    const docs = ours.docs.map((t) => ({ _id: t.id, ...t }));
    const bytes = Math.round(docs.reduce((a, d) => a + Buffer.byteLength(JSON.stringify(d)), 0) / docs.length);

    // The peer runs while our workstation is "offline" (our server idles in its own process).
    const peer = await runPeer(docs, log, 'leveldb');
    log(`peer (leveldb on disk): ${n} docs replicated in ${r1(peer.ms)} ms → ${Math.round(peer.docsPerSec)} docs/s (server CPU ${Math.round(peer.serverCpuMs)} ms, client CPU ${Math.round(peer.clientCpuMs)} ms)`);
    const peerMem = await runPeer(docs, log, 'memory');
    log(`peer (memory): ${n} docs replicated in ${r1(peerMem.ms)} ms → ${Math.round(peerMem.docsPerSec)} docs/s`);

    log('ours: reconnecting…');
    const o = await ours.sync();
    const cpuOf = (ms: number | null): string => (ms === null ? '?' : String(Math.round(ms)));
    log(`ours: ${n} mutations pushed and acknowledged in ${r1(o.pushMs)} ms → ${Math.round(o.pushDocsPerSec)} docs/s (server CPU ${cpuOf(o.pushServerCpuMs)} ms, client CPU ${cpuOf(o.pushClientCpuMs)} ms)`);
    log(`ours: outbox empty (results pulled back and applied) after ${r1(o.ms)} ms → ${Math.round(o.docsPerSec)} docs/s (server CPU ${Math.round(o.serverCpuMs)} ms, client CPU ${Math.round(o.clientCpuMs)} ms)`);
    const so = await alone.pushServerOnly();
    log(`server only (plain HTTP client, no workstation): ${n} mutations applied in ${r1(so.ms)} ms → ${Math.round(so.docsPerSec)} docs/s (server CPU ${Math.round(so.serverCpuMs)} ms: main thread ${so.serverThreadsCpuMs.main}, others ${so.serverThreadsCpuMs.others.join(', ')})`);
    const firstPull = o.requests.find((r) => r.kind === 'pull')?.start ?? o.pushMs;
    const push = phase(o.requests, 'push', 0, o.pushMs);
    const pull = phase(o.requests, 'pull', firstPull, o.ms);
    log(`ours: push ${push.requests} × ~${o.batchSize}: median ${push.medianRequestMs} ms per request (${push.msPerItemInRequests} ms per mutation on the wire+server), client between batches ${push.clientBetweenMs} ms in total`);
    log(`ours: pull ${pull.requests} pages, ${pull.items} changes: median ${pull.medianRequestMs} ms per page, client applying ${pull.clientBetweenMs} ms in total`);

    // The figure: reconnect → every mutation pushed and acknowledged (the peer's
    // replicate() completion is the same moment for PouchDB). The full round trip (results
    // pulled back into the workstation's cache) is reported beside it.
    const ratio = o.pushDocsPerSec / peer.docsPerSec;
    const ratioRoundTrip = o.docsPerSec / peer.docsPerSec;
    const result = {
      bench: 'sync',
      docs: n,
      avgDocBytes: bytes,
      avgFieldsBytes: averageFieldsBytes(Math.min(n, 1000)),
      ours: {
        docsPerSec: Math.round(o.pushDocsPerSec),
        ms: r1(o.pushMs),
        what: 'reconnect → every mutation pushed and acknowledged by the server (engine batches of MAX_PUSH)',
        roundTripDocsPerSec: Math.round(o.docsPerSec),
        roundTripMs: r1(o.ms),
        roundTripWhat: 'reconnect → outbox empty: acknowledged, then the results pulled back and applied in the cache',
        captureMs: r1(o.createMs),
        batchSize: o.batchSize,
        push,
        pull,
        serverCpuMs: Math.round(o.serverCpuMs),
        clientCpuMs: Math.round(o.clientCpuMs),
        pushServerCpuMs: o.pushServerCpuMs === null ? null : Math.round(o.pushServerCpuMs),
        pushClientCpuMs: o.pushClientCpuMs === null ? null : Math.round(o.pushClientCpuMs),
        serverHolds: o.serverTickets,
        store: 'server: PGlite on disk (temp dir); client: the engine’s in-memory LocalStore',
      },
      peer: {
        docsPerSec: Math.round(peer.docsPerSec),
        ms: r1(peer.ms),
        what: `PouchDB ${peer.pouchVersion} local (memory) → replicate.to(express-pouchdb on LevelDB, its default), replicate() start → completion`,
        batchSize: peer.batchSize,
        serverCpuMs: Math.round(peer.serverCpuMs),
        clientCpuMs: Math.round(peer.clientCpuMs),
        serverHolds: peer.remoteDocCount,
        store: 'server: LevelDB on disk (express-pouchdb default)',
      },
      serverOnly: {
        docsPerSec: Math.round(so.docsPerSec),
        ms: r1(so.ms),
        what: 'the same mutations posted to a second, fresh desk server by a plain HTTP client (bodies built beforehand, two pushes in flight): the desk server alone, no workstation store or engine',
        serverCpuMs: Math.round(so.serverCpuMs),
        serverThreadsCpuMs: so.serverThreadsCpuMs,
        clientCpuMs: Math.round(so.clientCpuMs),
        requestMs: so.requestMs,
        resent: so.resent,
        ratio: r2(so.docsPerSec / peer.docsPerSec),
      },
      peerMemory: { docsPerSec: Math.round(peerMem.docsPerSec), ms: r1(peerMem.ms), store: 'server: PouchDB memory adapter (memdown), no disk' },
      ratio: r2(ratio),
      ratioVsMemoryPeer: r2(o.pushDocsPerSec / peerMem.docsPerSec),
      ratioRoundTrip: r2(ratioRoundTrip),
      target: `ours/peer ≥ ${TARGET_RATIO}`,
      meetsTarget: ratio >= TARGET_RATIO,
      env: {
        node: process.version,
        os: `${process.platform} ${release()}`,
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
        memGB: Math.round(totalmem() / 2 ** 30),
        loadavgBefore: loadBefore,
        loadavgAfter: loadavg().map(r2),
        tmpFs: fsOf(tmpdir()),
        notes:
          'both servers are child processes on 127.0.0.1 (ours: tsx src-server/cli.ts on PGlite files; peer: express-pouchdb minimumForPouchDB on LevelDB files, and again in memory), both clients in this process; same documents; PouchDB default batch_size 100',
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await Promise.all([ours.stop(), alone.stop()]);
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
