/**
 * The sync engine: pushes the outbox, then pulls pages until the server has nothing more.
 * No DOM dependency beyond what is passed in (fetch, WebSocket, locks, event target), so it
 * runs in Node tests against a fake or real server.
 *
 * ```
 *            start ─► (wait for the 'firstline-sync' lock when navigator.locks exists)
 *                            │ leader
 *   triggers: local action, poke, 'online', timer, retry
 *                            ▼
 *   idle ──► run: push batches ─► push records ─► pull pages ─► online ──► idle
 *               │ network error / 5xx       │ 401 / 403
 *               ▼                           ▼
 *            offline ─ backoff (≤ maxMs) ─► run       signed_out ─ setToken() ─► run
 * ```
 * Other tabs (followers) only read the cache; their actions are forwarded to the leader and
 * they show the leader's connection state (BroadcastChannel).
 */
import { MAX_PUSH, type PullResponse, type PushResponse } from '../../../src-shared/sync/protocol';
import { MAX_RECORDS_PUSH, type RecordsPushResponse } from '../../../src-shared/sync/records';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../src-shared/sync/status';
import type { Mutation } from '../../../src-shared/sync/mutations';
import { applyPullPage, applyPushResults, requeueFrom, resetServerState } from './apply-server';
import { applyRecordResults } from './records';
import { apiUrl, postJson, type CallOutcome, type FetchLike } from './desk-api';
import { readCounts, type Actor } from './local';
import { getMeta, type LocalStore, type OutboxEntry, type StoreTx } from './store';
import type { Journal } from './commands';

/** The part of a WebSocket the engine uses. */
export type WebSocketLike = {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
};
export type WebSocketFactory = (url: string) => WebSocketLike;

/** The part of `navigator.locks` the engine uses. */
export type LocksLike = {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown>): Promise<unknown>;
};

/** The part of BroadcastChannel the engine uses. */
export type ChannelLike = {
  postMessage(message: unknown): void;
  listen(onMessage: (data: unknown) => void): void;
  close(): void;
};

const broadcastChannel = (name: string): ChannelLike | null => {
  if (typeof BroadcastChannel !== 'function') return null;
  const bc = new BroadcastChannel(name);
  return {
    postMessage: (m) => bc.postMessage(m),
    listen: (fn) => {
      bc.onmessage = (ev: MessageEvent<unknown>) => fn(ev.data);
    },
    close: () => bc.close(),
  };
};

/** Where `online` / `offline` events come from (the window in a browser). */
export type EventSourceLike = {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
};

export type EngineOptions = {
  store: LocalStore;
  actor: Actor;
  /** The desk server ('' = the page's own origin). */
  baseUrl: string;
  token: string | null;
  fetch?: FetchLike;
  /** null: no WebSocket (pokes off). Default: the global WebSocket when there is one. */
  webSocket?: WebSocketFactory | null;
  /** null: no election (this engine always runs). Default: `navigator.locks` when there is one. */
  locks?: LocksLike | null;
  /** Cross-tab messages; used only together with locks. Default: a BroadcastChannel when there is one. */
  channel?: ChannelLike | null;
  events?: EventSourceLike | null;
  journal?: Journal | undefined;
  onStatus?: (status: SyncStatus) => void;
  /** Periodic sync while idle (0 = off). Default 30 s. */
  pollMs?: number;
  /** Retry backoff when offline: base doubling up to max, with jitter. Default 500 ms … 10 s. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  batchSize?: number;
  /**
   * Sends the next batch while the server works on the one before (default on): at most two
   * pushes on the wire, the server taking them in seq order. Off: one push at a time.
   */
  pipeline?: boolean;
  pullLimit?: number;
  requestTimeoutMs?: number;
  now?: () => Date;
};

/** How one run ended. `error`: the server answered but the exchange could not go on (retried like offline). */
export type RunOutcome = 'ok' | 'offline' | 'signed_out' | 'error' | 'stopped' | 'follower';

export type SyncEngine = {
  /** Starts triggers (and the election). Idempotent. */
  start(): void;
  /** Stops everything; waits for a run under way. The cache is untouched. */
  stop(): Promise<void>;
  /** A new token (after sign-in): leaves `signed_out` and syncs. */
  setToken(token: string): void;
  /** Asks for a run soon (coalesced). */
  requestSync(): void;
  /** Runs now (or joins the run under way and one more after it); answers how it ended. */
  syncNow(): Promise<RunOutcome>;
  /** Connections may have died or come back (resume from sleep, network change): retry now, reconnect the socket. */
  wake(): void;
  /** Re-reads the counters (waiting, rejected, conflicts) from the store. */
  refreshCounts(): Promise<void>;
  status(): SyncStatus;
  isLeader(): boolean;
};

type Message = { type: 'status'; status: SyncStatus } | { type: 'kick' };

const LOCK_NAME = 'firstline-sync';
const MAX_ROUNDS = 10_000;

const defaultWebSocket = (): WebSocketFactory | null =>
  typeof WebSocket === 'function' ? (url) => new WebSocket(url) as unknown as WebSocketLike : null;

const defaultLocks = (): LocksLike | null =>
  typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks ? (navigator.locks as unknown as LocksLike) : null;

const wsBase = (baseUrl: string): string | null => {
  const origin = baseUrl || (typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : '');
  return origin ? origin.replace(/^http/, 'ws').replace(/\/+$/, '') : null;
};

/** The backoff delay of retry number `attempt` (0-based): doubling from base, capped, jittered into [d/2, d]. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number, random: () => number): number => {
  const d = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(d / 2 + random() * (d / 2));
};

/**
 * The first `size` pending outbox entries after seq `after`, in seq order, read by key range: only
 * what the push needs is read (an answer not yet taken, or the batch on the wire, still reads as
 * pending but lies before `after`). Acknowledged entries an earlier run left for its pull to
 * drop are skipped, reading on past them.
 */
export const pendingAfter = async (tx: Pick<StoreTx, 'outbox'>, after: number, size: number): Promise<OutboxEntry[]> => {
  const out: OutboxEntry[] = [];
  for (let from = after; ; ) {
    const rows = await tx.outbox.above(from, size);
    for (const e of rows) if (e.status === 'pending' && out.length < size) out.push(e);
    if (out.length >= size || rows.length < size) return out;
    from = rows.at(-1)!.seq;
  }
};

export const createSyncEngine = (opts: EngineOptions): SyncEngine => {
  const fetchFn: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const wsFactory = opts.webSocket === undefined ? defaultWebSocket() : opts.webSocket;
  const locks = opts.locks === undefined ? defaultLocks() : opts.locks;
  const events =
    opts.events === undefined
      ? typeof window !== 'undefined' && typeof window.addEventListener === 'function'
        ? window
        : null
      : opts.events;
  const { baseMs, maxMs } = opts.backoff ?? { baseMs: 500, maxMs: 10_000 };
  const random = opts.random ?? Math.random;
  const pollMs = opts.pollMs ?? 30_000;
  const batchSize = Math.min(opts.batchSize ?? MAX_PUSH, MAX_PUSH);
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const now = () => (opts.now ? opts.now() : new Date()).toISOString();
  const lockName = `${LOCK_NAME}:${opts.store.name}`;
  const url = (path: string) => apiUrl(opts.baseUrl, path);

  let token = opts.token;
  let status: SyncStatus = { ...INITIAL_SYNC_STATUS };
  let started = false;
  let stopped = false;
  let leader = false;
  let signedOut = false;
  let lastFailed = false;
  let dirty = false;
  let running: Promise<void> | null = null;
  let lastOutcome: RunOutcome = 'ok';
  let attempts = 0;
  let wsAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let wsTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let ws: WebSocketLike | null = null;
  let channel: ChannelLike | null = null;
  let releaseLock: (() => void) | null = null;
  const abortLock = new AbortController();

  const emit = (patch: Partial<SyncStatus>): void => {
    status = { ...status, ...patch };
    opts.onStatus?.(status);
    if (leader) channel?.postMessage({ type: 'status', status } satisfies Message);
  };

  const refreshCounts = async (): Promise<void> => {
    try {
      const counts = await opts.store.read((tx) => readCounts(tx, opts.actor));
      emit(counts);
    } catch {
      // The store is closing (sign-out); counters stay as they were.
    }
  };

  const journal = async (ms: Mutation[]): Promise<void> => {
    for (const m of ms) {
      try {
        await opts.journal?.append(m);
      } catch {
        // disaster copy only; the outbox holds the mutation
      }
    }
  };

  const failure = (o: CallOutcome<unknown>): RunOutcome => {
    if (o.kind === 'unreachable') return 'offline';
    if (o.kind === 'unauthenticated') return 'signed_out';
    if (o.kind === 'refused' && o.status === 403) return 'signed_out';
    return 'error';
  };

  /** A push answer with a matching result for every mutation sent, all within the server's last seq. */
  const isClean = (batch: readonly OutboxEntry[], res: PushResponse): boolean => {
    const ids = new Map(res.results.map((r) => [r.seq, r.mutationId]));
    return res.results.length === batch.length && res.lastSeq >= batch.at(-1)!.seq && batch.every((e) => ids.get(e.seq) === e.mutation.id);
  };

  /** A push on the wire: its batch, the answer to come, and whether it left before the previous push was answered. */
  type Sent = { batch: OutboxEntry[]; out: Promise<CallOutcome<PushResponse>>; pipelined: boolean };

  const push = async (): Promise<RunOutcome> => {
    let size = batchSize;
    let pipeline = opts.pipeline ?? true;
    // A clean answer not yet taken into the store. It is taken while the next batch is on the
    // wire (the server has those seqs already, so nothing about the next batch depends on
    // it); its entries are still pending meanwhile, so the next batch is read past them. Any
    // other answer is taken before anything else is sent.
    type Carried = { res: PushResponse; lastSeq: number; count: number };
    let carried = null as Carried | null;
    // The push sent after the one being answered (pipelining), not yet answered.
    let ahead = null as Sent | null;
    const take = async (): Promise<boolean> => {
      if (!carried) return true;
      const { res, count } = carried;
      carried = null;
      const applied = await opts.store.write((tx) => applyPushResults(tx, res, opts.actor, now()));
      void refreshCounts();
      return applied.mismatchAt === null && applied.processed === count;
    };
    /** Reads the first `size` pending entries after seq `after` and sends them. */
    const send = async (after: number, pipelined: boolean): Promise<Sent | null> => {
      const [clientId, batch] = await opts.store.read((tx) => Promise.all([getMeta(tx, 'clientId', ''), pendingAfter(tx, after, size)]));
      if (batch.length === 0) return null;
      const out = postJson<PushResponse>(fetchFn, url('/api/sync/push'), { clientId, mutations: batch.map((e) => e.mutation) }, { token, timeoutMs });
      return { batch, out, pipelined };
    };
    /** Waits for a push whose answer is not used (its seqs are sent again; the server answers duplicates). */
    const drop = async (sent: Sent | null): Promise<void> => {
      if (sent) await sent.out.catch(() => undefined);
    };
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const current: Sent | null = ahead ?? (await send(carried?.lastSeq ?? 0, false));
        ahead = null;
        if (!current) return (await take()) ? 'ok' : 'error';
        const { batch } = current;
        const first = batch[0]!;
        // The next batch is read and sent before the answer is taken (a write transaction that would otherwise come first in the store's queue).
        const [out, next, tookOk] = await Promise.all([current.out, pipeline ? send(batch.at(-1)!.seq, true) : null, take()]);
        if (stopped) {
          await drop(next);
          return 'stopped';
        }
        const res = out.kind === 'ok' ? out.value : null;
        if (tookOk && res && isClean(batch, res)) {
          carried = { res, lastSeq: batch.at(-1)!.seq, count: batch.length };
          ahead = next;
          continue;
        }
        // Anything but a clean answer: the push sent after it is not used, and none is sent
        // ahead any more in this run (the answers below are taken one at a time).
        await drop(next);
        pipeline = false;
        // Cannot happen with a clean answer; the entries stay pending and go again (duplicates).
        if (!tookOk) return 'error';
        if (current.pipelined && (out.kind === 'ok' || out.kind === 'refused')) {
          // Sent before the answer to the push before it: the server may have taken it first
          // (SEQ_GAP) or answered it in part; its entries go again, one push at a time.
          continue;
        }
        if (out.kind === 'refused' && out.error.code === 'SEQ_GAP') {
          const details = out.error.details as { lastSeq?: unknown } | undefined;
          const lastSeq = typeof details?.lastSeq === 'number' ? details.lastSeq : null;
          if (lastSeq === null || lastSeq + 1 >= first.seq) return 'error';
          // The server lacks seqs before ours (it lost them, or we were restored): close the gap.
          await journal(await opts.store.write((tx) => requeueFrom(tx, lastSeq + 1, lastSeq + 1, opts.actor)));
          continue;
        }
        if (out.kind === 'refused' && (out.status === 400 || out.status === 413)) {
          if (batch.length > 1) {
            size = Math.ceil(batch.length / 2);
            continue;
          }
          // This one mutation is refused as a whole: keep it as a rejection and close its seq.
          const error = out.error;
          await journal(
            await opts.store.write(async (tx) => {
              await applyPushResults(tx, { results: [{ seq: first.seq, mutationId: first.mutation.id, duplicate: false, status: 'rejected', error }], lastSeq: first.seq - 1, version: 0 }, opts.actor, now());
              return requeueFrom(tx, first.seq + 1, first.seq, opts.actor);
            }),
          );
          continue;
        }
        if (out.kind !== 'ok') return failure(out);
        const answer = out.value;
        const applied = await opts.store.write((tx) => applyPushResults(tx, answer, opts.actor, now()));
        if (applied.mismatchAt !== null) {
          const from = applied.mismatchAt;
          if (answer.lastSeq < from) return 'error';
          await journal(await opts.store.write((tx) => requeueFrom(tx, from, answer.lastSeq + 1, opts.actor)));
          continue;
        }
        if (applied.processed === 0) return 'error';
        void refreshCounts();
      }
      return 'error';
    } finally {
      await drop(ahead);
      // Only when the loop ended early (a store error): take what the server answered if possible.
      if (carried) await take().catch(() => false);
    }
  };

  /** Pushes pending records (after the mutations: a call link may name a ticket created offline). */
  const pushRecords = async (): Promise<RunOutcome> => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [clientId, pending] = await opts.store.read((tx) => Promise.all([getMeta(tx, 'clientId', ''), tx.records.where('status', 'pending', MAX_RECORDS_PUSH)]));
      if (pending.length === 0) return 'ok';
      const out = await postJson<RecordsPushResponse>(fetchFn, url('/api/sync/records'), { clientId: clientId || opts.actor.id, records: pending.map((r) => r.record) }, { token, timeoutMs });
      if (stopped) return 'stopped';
      if (out.kind === 'refused' && out.status === 400) {
        // The envelope itself was refused (cannot happen with valid records): mark them so the queue moves on.
        const error = out.error;
        await opts.store.write((tx) => applyRecordResults(tx, pending.map((r) => ({ id: r.id, status: 'rejected' as const, error }))));
        continue;
      }
      if (out.kind !== 'ok') return failure(out);
      await opts.store.write((tx) => applyRecordResults(tx, out.value.results));
      void refreshCounts();
      if (pending.length < MAX_RECORDS_PUSH) return 'ok';
    }
    return 'error';
  };

  const pull = async (): Promise<RunOutcome> => {
    const pruneAcknowledged = await opts.store.read(async (tx) => (await tx.outbox.where('status', 'acknowledged')).map((e) => e.seq));
    let cursor = await opts.store.read((tx) => getMeta(tx, 'cursor', 0));
    let resets = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const body = opts.pullLimit ? { cursor, limit: opts.pullLimit } : { cursor };
      const out = await postJson<PullResponse>(fetchFn, url('/api/sync/pull'), body, { token, timeoutMs });
      if (stopped) return 'stopped';
      if (out.kind !== 'ok') return failure(out);
      const page = out.value;
      if (page.reset && cursor !== 0 && resets < 3) {
        // Our cursor is too old (or from another database): start over from 0, keeping the outbox.
        resets++;
        await opts.store.write((tx) => resetServerState(tx, opts.actor));
        cursor = 0;
        continue;
      }
      await opts.store.write((tx) => applyPullPage(tx, page, opts.actor, { reset: page.reset, pruneAcknowledged, now: now() }));
      cursor = page.cursor;
      if (!page.hasMore) return 'ok';
    }
    return 'error';
  };

  const runOnce = async (): Promise<RunOutcome> => {
    if (stopped) return 'stopped';
    if (!leader) return 'follower';
    if (signedOut || !token) {
      signedOut = true;
      emit({ connection: 'signed_out' });
      return 'signed_out';
    }
    if (!lastFailed) emit({ connection: 'syncing' });
    let outcome: RunOutcome;
    try {
      outcome = await push();
      if (outcome === 'ok') outcome = await pushRecords();
      if (outcome === 'ok') outcome = await pull();
    } catch {
      // A store error (quota, closed database) or a page this client cannot apply.
      outcome = 'error';
    }
    if (stopped) return 'stopped';
    await refreshCounts();
    if (outcome === 'ok') {
      lastFailed = false;
      attempts = 0;
      emit({ connection: 'online' });
    } else if (outcome === 'signed_out') {
      signedOut = true;
      closeWs();
      emit({ connection: 'signed_out' });
    } else {
      lastFailed = true;
      emit({ connection: 'offline' });
      scheduleRetry();
    }
    return outcome;
  };

  const scheduleRetry = (): void => {
    if (retryTimer || stopped) return;
    const delay = backoffDelay(attempts++, baseMs, maxMs, random);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      requestSync();
    }, delay);
  };

  const loop = async (): Promise<void> => {
    try {
      while (dirty && !stopped) {
        dirty = false;
        lastOutcome = await runOnce();
        if (lastOutcome !== 'ok') break;
      }
    } finally {
      running = null;
    }
  };

  const requestSync = (): void => {
    if (stopped || !started) return;
    if (!leader) {
      channel?.postMessage({ type: 'kick' } satisfies Message);
      return;
    }
    dirty = true;
    if (!running) running = loop();
  };

  const closeWs = (): void => {
    if (wsTimer) clearTimeout(wsTimer);
    wsTimer = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.onopen = null;
      ws.onerror = null;
      ws.close();
      ws = null;
    }
  };

  const connectWs = (): void => {
    const base = wsBase(opts.baseUrl);
    if (!wsFactory || !base || !token || stopped || !leader || signedOut || ws) return;
    let socket: WebSocketLike;
    try {
      socket = wsFactory(`${base}/api/sync/ws?token=${encodeURIComponent(token)}`);
    } catch {
      return reconnectWsLater();
    }
    ws = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      wsAttempts = 0;
      requestSync(); // pokes may have been missed while disconnected
    };
    socket.onmessage = (ev) => {
      try {
        const msg: unknown = JSON.parse(String(ev.data));
        if (typeof msg === 'object' && msg !== null && 'type' in msg && msg.type === 'poke') requestSync();
      } catch {
        // not ours
      }
    };
    socket.onerror = () => undefined; // close follows
    socket.onclose = () => {
      ws = null;
      // An open socket dropped: the server (or the network) may be gone. Find out now, so the
      // indicator says so at once (failed reconnects do not ask again: the retry backoff does).
      if (opened) requestSync();
      reconnectWsLater();
    };
  };

  const reconnectWsLater = (): void => {
    if (stopped || signedOut || wsTimer) return;
    wsTimer = setTimeout(() => {
      wsTimer = null;
      connectWs();
    }, backoffDelay(wsAttempts++, baseMs * 2, maxMs * 3, random));
  };

  const onOnline = (): void => {
    attempts = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    requestSync();
    connectWs();
  };
  const onOffline = (): void => {
    if (!signedOut) {
      lastFailed = true;
      emit({ connection: 'offline' });
    }
  };

  const becomeLeader = (): void => {
    if (stopped) return;
    leader = true;
    events?.addEventListener('online', onOnline);
    events?.addEventListener('offline', onOffline);
    if (pollMs > 0) pollTimer = setInterval(requestSync, pollMs);
    connectWs();
    requestSync();
  };

  const onChannel = (data: unknown): void => {
    const msg = data as Message | null;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'kick' && leader) requestSync();
    if (msg.type === 'status' && !leader) {
      status = { ...status, connection: msg.status.connection, lastSyncedAt: msg.status.lastSyncedAt };
      opts.onStatus?.(status);
      void refreshCounts();
    }
  };

  return {
    start: () => {
      if (started || stopped) return;
      started = true;
      void refreshCounts();
      if (!locks) return becomeLeader();
      channel = opts.channel === undefined ? broadcastChannel(lockName) : opts.channel;
      channel?.listen(onChannel);
      locks
        .request(lockName, { signal: abortLock.signal }, () => {
          becomeLeader();
          return new Promise<void>((resolve) => {
            releaseLock = resolve;
            if (stopped) resolve();
          });
        })
        .catch(() => undefined); // aborted by stop() while waiting
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      abortLock.abort();
      if (retryTimer) clearTimeout(retryTimer);
      if (pollTimer) clearInterval(pollTimer);
      retryTimer = null;
      pollTimer = null;
      closeWs();
      events?.removeEventListener('online', onOnline);
      events?.removeEventListener('offline', onOffline);
      await running;
      leader = false;
      releaseLock?.();
      channel?.close();
    },
    setToken: (t) => {
      token = t;
      signedOut = false;
      closeWs();
      attempts = 0;
      if (status.connection === 'signed_out') {
        lastFailed = false;
        emit({ connection: 'offline' });
      }
      connectWs();
      requestSync();
    },
    requestSync,
    wake: () => {
      if (!leader) return requestSync();
      closeWs();
      onOnline();
    },
    syncNow: async () => {
      if (!started || stopped) return 'stopped';
      if (!leader) return 'follower';
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      while (running) await running;
      dirty = true;
      running = loop();
      await running;
      return lastOutcome;
    },
    refreshCounts,
    status: () => status,
    isLeader: () => leader,
  };
};
