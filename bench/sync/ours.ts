/**
 * Our side of `bench:sync`: the workstation's own sync engine, commands and in-memory store
 * (src-renderer/features/sync, Node-safe modules only) against the real desk server (the CLI in
 * its own process, PGlite on disk in a temp folder).
 *
 * 1. sign in as 1001 and sync once (the directory and settings a workstation has cached);
 * 2. the network goes down (the engine's fetch fails like an unplugged cable);
 * 3. N tickets are captured with `createTicket` (each one store transaction: view + outbox);
 * 4. the network comes back: timed from `syncNow()` to its end with the outbox empty
 *    (every mutation pushed, acknowledged, and its result pulled back and applied).
 *    The push phase alone (until the last push answer is taken) is reported too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignInResponse } from '../../src-shared/api';
import { MAX_PUSH, type PullResponse, type PushResponse } from '../../src-shared/sync/protocol';
import type { Ticket } from '../../src-shared/ticket/model';
import { createCommands, type Assignment } from '../../src-renderer/features/sync/commands';
import { createSyncEngine } from '../../src-renderer/features/sync/engine';
import type { FetchLike } from '../../src-renderer/features/sync/desk-api';
import { createMemoryStore } from '../../src-renderer/features/sync/memory-store';
import { freePort, processCpuMs, selfCpuMs, startTsx, threadCpuMs, threadCpuSince, waitForHttp, type Child } from './proc';
import { ticketFields } from './tickets';

export type RequestTiming = { kind: 'push' | 'pull'; start: number; end: number; items: number; requestBytes: number; responseBytes: number };

export type OursResult = {
  docs: number;
  /** Reconnect → outbox empty (push + acknowledgements + pull back). */
  ms: number;
  docsPerSec: number;
  /** Reconnect → last push answer taken (every mutation acknowledged). */
  pushMs: number;
  pushDocsPerSec: number;
  createMs: number;
  serverTickets: number;
  serverCpuMs: number;
  clientCpuMs: number;
  /** CPU time of the server / of this process in the push phase alone (null: no pull was asked for). */
  pushServerCpuMs: number | null;
  pushClientCpuMs: number | null;
  requests: RequestTiming[];
  batchSize: number;
};

/** The desk server alone: the same mutations pushed by a plain HTTP client (no store, no engine). */
export type ServerOnlyResult = {
  ms: number;
  docsPerSec: number;
  serverCpuMs: number;
  /** The server's CPU by thread: its main thread (HTTP, validation, decisions), the others busiest first (PGlite's worker, V8's helpers). */
  serverThreadsCpuMs: { main: number; others: number[] };
  clientCpuMs: number;
  requestMs: number[];
  /** Pushes sent again because they reached the server before the one ahead of them (SEQ_GAP). */
  resent: number;
};

export type Ours = {
  /** The ticket documents as captured (the peer replicates the same bodies). */
  docs: Ticket[];
  /** Reconnects and measures. */
  sync: () => Promise<OursResult>;
  /**
   * Instead of `sync`: the captured mutations, their push bodies built beforehand (not timed),
   * posted by plain `fetch` two at a time (as the engine pipelines) — what the desk server
   * takes for the 10,000 when the workstation costs nothing. Checked: every one applied, and
   * the server holds exactly our ids.
   */
  pushServerOnly: () => Promise<ServerOnlyResult>;
  stop: () => Promise<void>;
};

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A fetch that fails while `offline`, like undici does when the server cannot be reached, and records timings. */
const gatedFetch = (
  onRequest: (r: RequestTiming) => void,
  onStart: (kind: 'push' | 'pull') => void = () => undefined,
): { fetch: FetchLike; gate: { offline: boolean }; log: RequestTiming[]; t0: () => number } => {
  const gate = { offline: false };
  const log: RequestTiming[] = [];
  const origin = performance.now();
  const fetchFn: FetchLike = async (input, init) => {
    if (gate.offline) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED (bench: network down)') });
    const kind = input.endsWith('/api/sync/push') ? 'push' : input.endsWith('/api/sync/pull') ? 'pull' : null;
    if (kind) onStart(kind);
    const start = performance.now() - origin;
    const res = await fetch(input, init);
    if (!kind) return res;
    const text = await res.text();
    const end = performance.now() - origin;
    const body = typeof init?.body === 'string' ? init.body : '';
    let items = 0;
    try {
      items =
        kind === 'push'
          ? ((JSON.parse(text) as PushResponse).results?.length ?? 0)
          : ((JSON.parse(text) as PullResponse).changes?.length ?? 0);
    } catch {
      // an error answer: items stay 0
    }
    const timing: RequestTiming = { kind, start, end, items, requestBytes: Buffer.byteLength(body), responseBytes: Buffer.byteLength(text) };
    log.push(timing);
    onRequest(timing);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  return { fetch: fetchFn, gate, log, t0: () => performance.now() - origin };
};

/** The ids of the tickets the server holds for this user, through the pull API from cursor 0. */
const serverTicketIds = async (base: string, token: string): Promise<Set<string>> => {
  const ids = new Set<string>();
  let cursor = 0;
  for (let round = 0; round < 1000; round++) {
    const res = await fetch(`${base}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ cursor }),
    });
    if (!res.ok) throw new Error(`verification pull answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    for (const c of page.changes) {
      if (c.entity !== 'ticket') continue;
      if (c.op === 'put') ids.add(c.row.id);
      else ids.delete(c.id);
    }
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
  throw new Error('verification pull did not finish');
};

/** Starts the desk server, signs in, syncs once, goes offline and captures `n` tickets. */
export const prepareOurs = async (n: number, log: (s: string) => void): Promise<Ours> => {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-bench-desk-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = process.env.BENCH_DATABASE_URL ? ['--database-url', process.env.BENCH_DATABASE_URL] : ['--data-dir', join(dir, 'data')];
  const args = [...db, '--port', String(port), '--host', '127.0.0.1', '--static', join(dir, 'no-static')];
  // The desk server's own environment settings must not leak in (FIRSTLINE_DATABASE_URL would switch it to PostgreSQL).
  const scrub = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('FIRSTLINE_')).map((k) => [k, undefined]));
  let server: Child | null = startTsx(join(root, 'src-server/cli.ts'), args, {
    cwd: dir,
    env: scrub,
    // BENCH_PROFILE_DIR=/some/dir writes a V8 CPU profile of the desk server (open it in Chrome DevTools).
    nodeArgs: process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`] : [],
  });
  const stop = async (): Promise<void> => {
    await server?.stop();
    server = null;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${base}/api/health`, 60_000, server);
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workNumber: '1001', password: 'agent1001' }),
    });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
    const session = (await signIn.json()) as SignInResponse;
    const actor = { id: session.user.id, role: session.user.role };

    let pushes = 0;
    let measuring = false;
    /** CPU times (this process, the server) when the push phase ends: the engine asks for its first pull. */
    let atPushEnd: { client: number; server: number } | null = null;
    const net = gatedFetch(
      (r) => {
        if (!measuring || r.kind !== 'push') return;
        pushes++;
        log(`ours: push ${pushes}/${Math.ceil(n / MAX_PUSH)}: ${r.items} results in ${Math.round(r.end - r.start)} ms`);
      },
      (kind) => {
        if (measuring && kind === 'pull' && !atPushEnd && server) atPushEnd = { client: selfCpuMs(), server: processCpuMs(server.pid) };
      },
    );
    const store = createMemoryStore('bench');
    const engine = createSyncEngine({
      store,
      actor,
      baseUrl: base,
      token: session.token,
      fetch: net.fetch,
      webSocket: null,
      locks: null,
      channel: null,
      events: null,
      pollMs: 0,
      backoff: { baseMs: 60_000, maxMs: 60_000 }, // no automatic retry inside the measured window
      // BENCH_SYNC_PIPELINE=0: one push at a time (the engine's default sends the next batch ahead)
      pipeline: process.env.BENCH_SYNC_PIPELINE !== '0',
    });
    engine.start();
    const first = await engine.syncNow();
    if (first !== 'ok') throw new Error(`the first sync ended ${first}`);
    const cached = await store.read(async (tx) => ({ groups: await tx.groups.count(), users: await tx.users.count(), settings: await tx.settings.count() }));
    log(`ours: signed in as 1001 (${session.user.name}); first sync cached ${cached.groups} groups, ${cached.users} users, ${cached.settings} settings row`);

    // The network goes down; the agent keeps working.
    net.gate.offline = true;
    const commands = createCommands({ store, actor });
    const l1 = session.user.groupIds[0] ?? null;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      // Realistic mix: kept in the agent's own group, assigned to themself, or left unassigned.
      const a: Assignment = i % 10 < 5 && l1 ? { groupId: l1, assigneeId: null } : i % 10 < 7 && l1 ? { groupId: l1, assigneeId: actor.id } : { groupId: null, assigneeId: null };
      const r = await commands.createTicket(ticketFields(i), a);
      if (!r.ok) throw new Error(`createTicket ${i} refused: ${r.error.code} ${r.error.message}`);
      if ((i + 1) % 2000 === 0) log(`ours: captured ${i + 1}/${n} tickets offline (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const createMs = performance.now() - t0;
    const { pending, docs } = await store.read(async (tx) => ({
      pending: await tx.outbox.countWhere('status', 'pending'),
      docs: (await tx.tickets.all()).map(({ pending: _p, rejected: _r, localOnly: _l, ...ticket }) => ticket as Ticket),
    }));
    if (pending !== n || docs.length !== n) throw new Error(`after capture: ${pending} pending mutations and ${docs.length} tickets, expected ${n}`);

    const sync = async (): Promise<OursResult> => {
      if (!server) throw new Error('server stopped');
      net.log.length = 0;
      atPushEnd = null;
      const cpu0 = selfCpuMs();
      const scpu0 = processCpuMs(server.pid);
      // The network is back.
      net.gate.offline = false;
      measuring = true;
      const start = net.t0();
      const outcome = await engine.syncNow();
      const end = net.t0();
      measuring = false;
      const clientCpuMs = selfCpuMs() - cpu0;
      const serverCpuMs = processCpuMs(server.pid) - scpu0;
      if (outcome !== 'ok') throw new Error(`the reconnecting sync ended ${outcome}\n${server.tail()}`);
      const left = await store.read(async (tx) => ({ outbox: await tx.outbox.count(), rejections: await tx.rejections.count(), serverTickets: await tx.serverTickets.count() }));
      if (left.outbox !== 0 || left.rejections !== 0 || left.serverTickets !== n)
        throw new Error(`after sync: outbox ${left.outbox}, rejections ${left.rejections}, server tickets cached ${left.serverTickets} (expected 0, 0, ${n})`);
      const pushes = net.log.filter((r) => r.kind === 'push');
      const firstPull = net.log.find((r) => r.kind === 'pull');
      // The push phase ends when the engine is done with the last answer, i.e. when it asks for the first pull.
      const pushEnd = firstPull ? firstPull.start : (pushes.at(-1)?.end ?? end);
      const held = await serverTicketIds(base, session.token);
      const serverTickets = held.size;
      if (serverTickets !== n || docs.some((d) => !held.has(d.id))) throw new Error(`the server holds ${serverTickets} tickets for 1001, expected exactly our ${n}`);
      const ms = end - start;
      const pushMs = pushEnd - start;
      const cpuAtPushEnd = atPushEnd as { client: number; server: number } | null;
      return {
        docs: n,
        ms,
        docsPerSec: n / (ms / 1000),
        pushMs,
        pushDocsPerSec: n / (pushMs / 1000),
        createMs,
        serverTickets,
        serverCpuMs,
        clientCpuMs,
        pushServerCpuMs: cpuAtPushEnd ? cpuAtPushEnd.server - scpu0 : null,
        pushClientCpuMs: cpuAtPushEnd ? cpuAtPushEnd.client - cpu0 : null,
        requests: net.log.map((r) => ({ ...r, start: r.start - start, end: r.end - start })),
        batchSize: pushes[0]?.items ?? 0,
      };
    };
    const pushServerOnly = async (): Promise<ServerOnlyResult> => {
      if (!server) throw new Error('server stopped');
      const clientId = await store.read(async (tx) => (await tx.meta.get('clientId'))?.value);
      const entries = await store.read((tx) => tx.outbox.above(0, n + 1));
      if (typeof clientId !== 'string' || entries.length !== n) throw new Error(`server-only: ${entries.length} outbox entries, client id ${String(clientId)}`);
      const bodies: string[] = [];
      for (let i = 0; i < n; i += MAX_PUSH) bodies.push(JSON.stringify({ clientId, mutations: entries.slice(i, i + MAX_PUSH).map((e) => e.mutation) }));
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
      const requestMs: number[] = [];
      const post = async (body: string): Promise<{ status: number; answer: PushResponse & { error?: { code?: string } } }> => {
        const t = performance.now();
        const res = await fetch(`${base}/api/sync/push`, { method: 'POST', headers, body });
        const answer = (await res.json()) as PushResponse & { error?: { code?: string } };
        requestMs.push(Math.round(performance.now() - t));
        return { status: res.status, answer };
      };
      let resent = 0;
      /** A push's answer; one that reached the server before the push ahead of it (SEQ_GAP) goes again, as the engine does. */
      const settle = async (sent: ReturnType<typeof post>, body: string): Promise<PushResponse> => {
        let { status, answer } = await sent;
        if (status === 409 && answer.error?.code === 'SEQ_GAP') {
          resent++;
          ({ status, answer } = await post(body));
        }
        if (status !== 200) throw new Error(`server-only push answered ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
        return answer;
      };
      const cpu0 = selfCpuMs();
      const scpu0 = processCpuMs(server.pid);
      const threads0 = threadCpuMs(server.pid);
      const t0 = performance.now();
      const answers: PushResponse[] = [];
      let ahead: { sent: ReturnType<typeof post>; body: string } | null = null;
      for (const body of bodies) {
        const sent = post(body);
        if (ahead) answers.push(await settle(ahead.sent, ahead.body));
        ahead = { sent, body };
      }
      if (ahead) answers.push(await settle(ahead.sent, ahead.body));
      const ms = performance.now() - t0;
      const serverCpuMs = processCpuMs(server.pid) - scpu0;
      const serverThreadsCpuMs = threadCpuSince(server.pid, threads0);
      const clientCpuMs = selfCpuMs() - cpu0;
      const applied = answers.flatMap((a) => a.results).filter((r) => r.status === 'applied' && !r.duplicate).length;
      if (applied !== n) throw new Error(`server-only: ${applied} of ${n} mutations applied`);
      const held = await serverTicketIds(base, session.token);
      if (held.size !== n || docs.some((d) => !held.has(d.id))) throw new Error(`server-only: the server holds ${held.size} tickets for 1001, expected exactly our ${n}`);
      return { ms, docsPerSec: n / (ms / 1000), serverCpuMs, serverThreadsCpuMs, clientCpuMs, requestMs, resent };
    };
    return {
      docs,
      sync,
      pushServerOnly,
      stop: async () => {
        await engine.stop();
        store.close();
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
};
