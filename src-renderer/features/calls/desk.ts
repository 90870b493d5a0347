/**
 * The desk server's telephony endpoints, as the workstation uses them:
 *
 * - `GET /api/telephony/config` → {@link TelephonyConfig}: where and as whom the phone
 *   registers, the desk's queues, and a short-lived SIP credential (fetched again before it
 *   expires). 404 means the desk has no telephony (or the server does not offer it yet):
 *   the phone shows as not configured and everything else keeps working.
 * - `POST /api/presence` with the agent state (see features/agent): the desk decides from it
 *   whether this seat rings for queue calls.
 * - Call records travel as append-only `call` records of the data layer (`log-store.ts`).
 *
 * Never throws: every answer is classified as a {@link DeskAnswer}.
 */
import { z } from 'zod';
import type { IceServer, PhoneConfig, SipCredential } from '../../../src-shared/calls';
import type { FetchLike } from '../sync';

/** One of the desk's queue numbers (ring groups), e.g. 8001 咨询 (consultations), 8000 综合 (general). */
export type DeskQueue = { number: string; name: string; nameZh?: string };

/** A Not Ready reason the desk defines (break 小休, meal 用餐, …), if the desk sends its own list. */
export type DeskReason = { id: string; name: string; nameZh?: string };

/** The desk's after-call-work policy, if the desk sends one. */
export type DeskAcwPolicy = { kind: 'fixed'; seconds: number } | { kind: 'manual' } | { kind: 'none' };

/** What `GET /api/telephony/config` answers (credential expiry normalised to epoch ms). */
export type TelephonyConfig = {
  wsUrl: string;
  aor: string;
  displayName?: string;
  iceServers: IceServer[];
  queues: DeskQueue[];
  credentials: SipCredential;
  /** Optional desk extras (not in the first server version). */
  notReadyReasons?: DeskReason[];
  afterCallWork?: DeskAcwPolicy;
};

/** How a desk request went. `absent`: 404, the server does not offer this (yet). */
export type DeskAnswer<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'absent' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unauthenticated' }
  | { kind: 'refused'; status: number; message: string };

/** What the desk calls need from the app: fetch, the server's base URL ('' = same origin), the bearer token. */
export type DeskDeps = { fetch: FetchLike; baseUrl: () => string; token: () => string | null; timeoutMs?: number };

/** Expiry as the server may send it: epoch seconds, epoch ms or an ISO date → epoch ms. */
export const expiryMs = (v: number | string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  // seconds until the year 5138; ms after 1973
  return v < 1e11 ? v * 1000 : v;
};

const reasonSchema = z.object({ id: z.string().min(1).max(40), name: z.string().min(1), nameZh: z.string().optional() });
const acwSchema = z.union([
  z.object({ kind: z.literal('fixed'), seconds: z.number().int().min(0).max(3600) }),
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('none') }),
]);

const configSchema = z.object({
  wsUrl: z.string().regex(/^wss?:\/\//),
  aor: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/),
  displayName: z.string().max(100).optional().nullable(),
  iceServers: z
    .array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }))
    .optional()
    .default([]),
  queues: z
    .array(z.object({ number: z.union([z.string(), z.number()]).transform(String), name: z.string(), nameZh: z.string().optional().nullable() }))
    .optional()
    .default([]),
  credentials: z.object({ username: z.string().min(1), password: z.string().min(1), expiresAt: z.union([z.number(), z.string()]).optional().nullable() }),
  notReadyReasons: z.array(reasonSchema).optional(),
  afterCallWork: acwSchema.optional(),
});

/** Checks what the server sent; a config the phone cannot use is an error with the reason. */
export const parseTelephonyConfig = (raw: unknown): { ok: true; value: TelephonyConfig } | { ok: false; message: string } => {
  const r = configSchema.safeParse(raw);
  if (!r.success) return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const c = r.data;
  const expiresAt = expiryMs(c.credentials.expiresAt ?? undefined);
  const value: TelephonyConfig = {
    wsUrl: c.wsUrl,
    aor: c.aor,
    iceServers: c.iceServers.map((s) => ({ urls: s.urls, ...(s.username !== undefined ? { username: s.username } : {}), ...(s.credential !== undefined ? { credential: s.credential } : {}) })),
    queues: c.queues.map((q) => ({ number: q.number, name: q.name, ...(q.nameZh ? { nameZh: q.nameZh } : {}) })),
    credentials: { username: c.credentials.username, password: c.credentials.password, ...(expiresAt !== undefined ? { expiresAt } : {}) },
  };
  if (c.displayName) value.displayName = c.displayName;
  if (c.notReadyReasons) value.notReadyReasons = c.notReadyReasons.map((x) => ({ id: x.id, name: x.name, ...(x.nameZh ? { nameZh: x.nameZh } : {}) }));
  if (c.afterCallWork) value.afterCallWork = c.afterCallWork;
  return { ok: true, value };
};

/** The engine's configuration from the desk's (`phone:configure`). */
export const phoneConfigOf = (c: TelephonyConfig): PhoneConfig => ({
  wsUrl: c.wsUrl,
  aor: c.aor,
  ...(c.displayName ? { displayName: c.displayName } : {}),
  iceServers: c.iceServers,
  queues: c.queues.map((q) => q.number),
});

const url = (deps: DeskDeps, path: string): string => `${deps.baseUrl().replace(/\/+$/, '')}${path}`;

const messageOf = async (res: Response): Promise<string> => {
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const e = body.error;
      if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
    }
  } catch {
    // not JSON
  }
  return `The desk server answered ${res.status}`;
};

/** One request to the desk, classified. */
export const deskRequest = async (deps: DeskDeps, method: 'GET' | 'POST', path: string, body?: unknown): Promise<DeskAnswer<unknown>> => {
  const token = deps.token();
  if (!token) return { kind: 'unauthenticated' };
  let res: Response;
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = deps.timeoutMs ?? 10_000;
    res = await deps.fetch(url(deps, path), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(timeout) } : {}),
    });
  } catch (e) {
    return { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) };
  }
  if (res.status === 404 || res.status === 405 || res.status === 501) return { kind: 'absent' };
  if (res.status >= 500) return { kind: 'unreachable', reason: `server answered ${res.status}` };
  if (res.status === 401) return { kind: 'unauthenticated' };
  if (!res.ok) return { kind: 'refused', status: res.status, message: await messageOf(res) };
  if (res.status === 204) return { kind: 'ok', value: null };
  try {
    const text = await res.text();
    return { kind: 'ok', value: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    return { kind: 'unreachable', reason: 'the answer was not JSON' };
  }
};

/** `GET /api/telephony/config`, checked. */
export const fetchTelephonyConfig = async (deps: DeskDeps): Promise<DeskAnswer<TelephonyConfig>> => {
  const r = await deskRequest(deps, 'GET', '/api/telephony/config');
  if (r.kind !== 'ok') return r;
  const parsed = parseTelephonyConfig(r.value);
  return parsed.ok ? { kind: 'ok', value: parsed.value } : { kind: 'refused', status: 200, message: `unusable telephony config: ${parsed.message}` };
};

/** `POST /api/presence` with the agent state (the body is features/agent's `PresenceReport`). */
export const postPresence = (deps: DeskDeps, report: unknown): Promise<DeskAnswer<unknown>> => deskRequest(deps, 'POST', '/api/presence', report);
