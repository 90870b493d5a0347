/**
 * The peer of `bench:sync`: PouchDB replication (CouchDB protocol) of the same documents from a
 * local PouchDB to express-pouchdb on 127.0.0.1 in its own process.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processCpuMs, selfCpuMs, startTsx, waitForHttp } from './proc';

const require = createRequire(import.meta.url);

type PouchInfo = { doc_count: number; update_seq: number | string; backend_adapter?: string };
type ReplicationResult = { ok: boolean; docs_read: number; docs_written: number; doc_write_failures: number; errors: unknown[] };
type PouchDB = {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<PouchInfo>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
  replicate: { to(target: PouchDB, opts?: object): Promise<ReplicationResult> };
};
type PouchStatic = { new (name: string, opts?: object): PouchDB; plugin(p: unknown): PouchStatic; version: string };

export type PeerResult = {
  docs: number;
  ms: number;
  docsPerSec: number;
  remoteDocCount: number;
  docsWritten: number;
  serverCpuMs: number;
  clientCpuMs: number;
  batchSize: number;
  pouchVersion: string;
};

/** PouchDB's default `batch_size` for replication (pouchdb-replication); we keep it. */
const POUCH_DEFAULT_BATCH_SIZE = 100;

/**
 * Loads `docs` into a local memory PouchDB (not timed), replicates them to a fresh
 * express-pouchdb process (timed: from `replicate.to` to its completion), then checks the
 * remote `doc_count`.
 */
export type PeerStorage = 'leveldb' | 'memory';

export const runPeer = async (docs: readonly (object & { _id: string })[], log: (s: string) => void, storage: PeerStorage = 'leveldb'): Promise<PeerResult> => {
  const PouchDB = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
  const dir = mkdtempSync(join(tmpdir(), 'firstline-bench-peer-'));
  const script = fileURLToPath(new URL('./peer-server.ts', import.meta.url));
  const server = startTsx(script, [dir, storage], { cwd: dir });
  try {
    const [, port] = await server.waitForLine(/^LISTENING (\d+)$/, 30_000);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/`, 10_000, server);
    // The adapter is given to this instance, not through PouchDB.defaults: replicate.to(url)
    // would build the target with a memory-defaulted constructor and never reach the server.
    const local = new PouchDB(`bench-local-${Date.now()}`, { adapter: 'memory' });
    const remoteUrl = `${base}/tickets`;
    const remote = new PouchDB(remoteUrl); // http adapter (a URL and no adapter option)
    await remote.info(); // creates the database (not timed)
    for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000) as object[]);
    const localInfo = await local.info();
    if (localInfo.doc_count !== docs.length) throw new Error(`local PouchDB holds ${localInfo.doc_count}, expected ${docs.length}`);
    log(`peer: ${docs.length} docs in a local memory PouchDB; replicating to ${remoteUrl}`);

    const cpu0 = selfCpuMs();
    const scpu0 = processCpuMs(server.pid);
    const t0 = performance.now();
    const r = await local.replicate.to(remote); // default batch_size (100) and batches_limit (10)
    const ms = performance.now() - t0;
    const clientCpuMs = selfCpuMs() - cpu0;
    const serverCpuMs = processCpuMs(server.pid) - scpu0;

    if (!r.ok || r.doc_write_failures > 0) throw new Error(`replication failed: ${JSON.stringify(r).slice(0, 500)}`);
    // Ask the server itself (plain HTTP), not a PouchDB object that could be local.
    const info = (await (await fetch(remoteUrl)).json()) as PouchInfo;
    if (info.doc_count !== docs.length) throw new Error(`the peer server holds ${info.doc_count} docs, expected ${docs.length}`);
    await local.destroy();
    await remote.close();
    return {
      docs: docs.length,
      ms,
      docsPerSec: docs.length / (ms / 1000),
      remoteDocCount: info.doc_count,
      docsWritten: r.docs_written,
      serverCpuMs,
      clientCpuMs,
      batchSize: POUCH_DEFAULT_BATCH_SIZE,
      pouchVersion: PouchDB.version,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
