/**
 * Ready membership in Kamailio: the queue numbers fork to every registered agent whose key
 * `<queue>:<sip user>` is in the in-memory htable `ready` (lab/kamailio/kamailio.cfg.tmpl,
 * route[QUEUE]). The desk server changes it over JSON-RPC (HTTP POST, jsonrpcs):
 *
 *   {"jsonrpc":"2.0","method":"htable.sets","params":["ready","8000:<user>","1"],"id":N}
 *   {"jsonrpc":"2.0","method":"htable.delete","params":["ready","8000:<user>"],"id":N}
 *
 * Never in a request's way: `set` only queues the wish (the latest wish per key wins) and a
 * single worker sends them in order; a failed call (Kamailio down, a timeout, an error
 * answer) is logged and retried with capped, jittered backoff. `htable.delete` of a key that
 * is not there answers error 404 "Key not found in htable." (measured on Kamailio 5.6): that
 * is success. Since `ready` lives in Kamailio's memory (a restart empties it) and another
 * server instance may have died between commit and call, a periodic `resync` compares
 * `htable.dump ready` with the desk database and sets / deletes the difference for the
 * desk's queues (keys of other queues are left alone).
 */
import type { Logger } from '../log';
import type { ReadySyncTuning } from './settings';

export const READY_HTABLE = 'ready';
export const readyKey = (queue: string, sipUser: string): string => `${queue}:${sipUser}`;

export type RpcAnswer = { ok: true; result: unknown } | { ok: false; code: number | null; message: string };

let rpcId = 0;

/** fetch refuses a URL with `user:password@`: those become a Basic Authorization header (e.g. for a proxy in front of Kamailio). */
const endpointOf = (url: string): { href: string; headers: Record<string, string> } => {
  const u = new URL(url);
  if (!u.username && !u.password) return { href: url, headers: {} };
  const auth = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { href: u.href, headers: { authorization: `Basic ${auth}` } };
};

/** One JSON-RPC 2.0 call over HTTP. Never throws: transport failures are answers too. */
export const kamailioRpc = async (url: string, method: string, params: string[], timeoutMs: number): Promise<RpcAnswer> => {
  try {
    const endpoint = endpointOf(url);
    const res = await fetch(endpoint.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...endpoint.headers },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: ++rpcId }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    type Body = { result?: unknown; error?: { code?: unknown; message?: unknown } } | null;
    let body: Body;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      return { ok: false, code: null, message: `HTTP ${res.status}, not JSON-RPC: ${text.slice(0, 120)}` };
    }
    if (body?.error) {
      const code = typeof body.error.code === 'number' ? body.error.code : null;
      return { ok: false, code, message: typeof body.error.message === 'string' ? body.error.message : `error ${String(code)}` };
    }
    if (!res.ok) return { ok: false, code: null, message: `HTTP ${res.status}` };
    return { ok: true, result: body?.result };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    const message = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    return { ok: false, code: null, message };
  }
};

/** The keys of a `htable.dump` answer (`[{entry, size, slot: [{name, value, type}]}]`). */
export const dumpKeys = (result: unknown): string[] => {
  if (!Array.isArray(result)) return [];
  const keys: string[] = [];
  for (const e of result as { slot?: unknown }[]) {
    if (!e || !Array.isArray(e.slot)) continue;
    for (const s of e.slot as { name?: unknown }[]) if (s && typeof s.name === 'string') keys.push(s.name);
  }
  return keys;
};

export type ReadySync = {
  /** Puts `sipUser` in (`ready`) or out of the Ready set of each of `queues`; returns at once. */
  set: (sipUser: string, queues: readonly string[], ready: boolean) => void;
  /** Compares Kamailio's `ready` htable with `desired()` now and queues the difference. */
  resync: () => Promise<void>;
  /** Resolves once nothing waits to be sent (tests). */
  idle: () => Promise<void>;
  /** Keys still waiting (Kamailio unreachable), for diagnostics. */
  pending: () => number;
  close: () => void;
};

export type ReadySyncOptions = {
  url: string;
  /** Every queue number of the desk: resync only touches keys of these queues. */
  queues: readonly string[];
  /** The keys that should be in `ready` now (from the database). */
  desired: () => Promise<Set<string>>;
  log: Logger;
  tuning: Required<ReadySyncTuning>;
};

/** Shown in logs instead of the RPC URL's user:password, if it has one. */
const safeUrl = (url: string): string => url.replace(/\/\/[^/@\s]*@/, '//[redacted]@');

export const createReadySync = (o: ReadySyncOptions): ReadySync => {
  const log = o.log.child({ component: 'kamailio', rpc: safeUrl(o.url) });
  const wanted = new Map<string, { ready: boolean }>();
  /** Per key, the `set` sequence number that last touched it (a resync never overrides a newer wish). */
  const touched = new Map<string, number>();
  let seq = 0;
  let running = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settleWaiters = () => {
    if (running || wanted.size > 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const send = async (key: string, ready: boolean): Promise<RpcAnswer> => {
    const a = ready
      ? await kamailioRpc(o.url, 'htable.sets', [READY_HTABLE, key, '1'], o.tuning.timeoutMs)
      : await kamailioRpc(o.url, 'htable.delete', [READY_HTABLE, key], o.tuning.timeoutMs);
    if (!a.ok && !ready && a.code === 404) return { ok: true, result: null }; // was not there: fine
    return a;
  };

  const drain = async (): Promise<void> => {
    while (!closed) {
      const first = wanted.entries().next();
      if (first.done) break;
      const [key, wish] = first.value;
      const a = await send(key, wish.ready);
      if (closed) return;
      if (!a.ok) {
        const delay = Math.round(Math.min(o.tuning.retryMaxMs, o.tuning.retryBaseMs * 2 ** Math.min(attempt, 16)) * (0.8 + Math.random() * 0.4));
        attempt++;
        log.warn({ method: wish.ready ? 'htable.sets' : 'htable.delete', key, error: a.message, attempt, retryInMs: delay, waiting: wanted.size }, 'could not update Ready membership in Kamailio; will retry');
        retryTimer = setTimeout(() => {
          retryTimer = null;
          kick();
        }, delay);
        retryTimer.unref?.();
        return;
      }
      if (attempt > 0) log.info({ afterAttempts: attempt }, 'Kamailio takes Ready membership updates again');
      attempt = 0;
      log.debug({ key, ready: wish.ready }, 'Ready membership updated in Kamailio');
      // a newer wish for the key replaced the object meanwhile: keep it (it is sent next round)
      if (wanted.get(key) === wish) wanted.delete(key);
    }
  };

  const kick = (): void => {
    if (closed || running || retryTimer) return;
    running = true;
    drain()
      .catch((e: unknown) => log.error({ err: e }, 'Ready membership worker failed'))
      .finally(() => {
        running = false;
        if (!closed && wanted.size > 0 && !retryTimer) kick();
        settleWaiters();
      });
  };

  const want = (key: string, ready: boolean) => {
    wanted.delete(key); // re-insert: the newest wish goes last
    wanted.set(key, { ready });
  };

  const resync = async (): Promise<void> => {
    if (closed) return;
    const since = seq;
    const dump = await kamailioRpc(o.url, 'htable.dump', [READY_HTABLE], o.tuning.timeoutMs);
    if (!dump.ok) {
      log.warn({ error: dump.message }, 'could not read Kamailio\'s Ready membership (htable.dump); will try again at the next resync');
      return;
    }
    let desired: Set<string>;
    try {
      desired = await o.desired();
    } catch (e) {
      if (!closed) log.error({ err: e }, 'could not read who is Ready from the database');
      return;
    }
    if (closed) return;
    const ours = new Set(o.queues);
    const present = new Set(dumpKeys(dump.result).filter((k) => ours.has(k.slice(0, k.indexOf(':')))));
    const fresh = (k: string) => (touched.get(k) ?? 0) > since;
    let added = 0;
    let removed = 0;
    for (const k of desired) {
      if (present.has(k) || fresh(k)) continue;
      want(k, true);
      added++;
    }
    for (const k of present) {
      if (desired.has(k) || fresh(k)) continue;
      want(k, false);
      removed++;
    }
    if (added || removed) log.info({ added, removed }, 'Ready membership differed from the desk\'s: correcting Kamailio');
    kick();
  };

  let interval: ReturnType<typeof setInterval> | null = null;
  let first: ReturnType<typeof setTimeout> | null = null;
  if (o.tuning.resyncMs > 0) {
    const run = () => void resync().catch((e: unknown) => log.error({ err: e }, 'Ready membership resync failed'));
    first = setTimeout(run, 0);
    interval = setInterval(run, o.tuning.resyncMs);
    first.unref?.();
    interval.unref?.();
  }

  return {
    set: (sipUser, queues, ready) => {
      if (closed) return;
      seq++;
      for (const q of queues) {
        const key = readyKey(q, sipUser);
        touched.set(key, seq);
        want(key, ready);
      }
      kick();
    },
    resync,
    idle: () =>
      new Promise<void>((resolve) => {
        if (!running && wanted.size === 0) return resolve();
        waiters.push(resolve);
      }),
    pending: () => wanted.size,
    close: () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (interval) clearInterval(interval);
      if (first) clearTimeout(first);
      retryTimer = null;
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
  };
};
