/**
 * Calls to the desk server, classified the way the sync engine and sign-in need them:
 * answered, unreachable (network error, timeout, 5xx: retry later), unauthenticated (401),
 * or refused with the server's error.
 */
import { ERROR_CODES, type AppError, type ErrorCode } from '../../../src-shared/result';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type CallOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unauthenticated'; error: AppError }
  | { kind: 'refused'; status: number; error: AppError };

const isCode = (c: unknown): c is ErrorCode => typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

/** The `{ error }` body of a failed answer, or a made-up one when the body is not ours. */
const errorOf = async (res: Response): Promise<AppError> => {
  try {
    const body: unknown = await res.json();
    const e = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    if (typeof e === 'object' && e !== null && 'code' in e && isCode(e.code)) {
      const message = 'message' in e && typeof e.message === 'string' ? e.message : e.code;
      return 'details' in e ? { code: e.code, message, details: e.details } : { code: e.code, message };
    }
  } catch {
    // not JSON: fall through
  }
  return { code: res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `The desk server answered ${res.status}` };
};

/** Joins the server's base URL ('' = same origin) and a path. */
export const apiUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`;

/** Sends a request (JSON body when given) and classifies the answer. Never throws. */
export const requestJson = async <T>(
  fetchFn: FetchLike,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body: unknown,
  opts: { token?: string | null; timeoutMs?: number } = {},
): Promise<CallOutcome<T>> => {
  let res: Response;
  try {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    res = await fetchFn(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(opts.timeoutMs && typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
    });
  } catch (e) {
    return { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) };
  }
  if (res.status >= 500) return { kind: 'unreachable', reason: `server answered ${res.status}` };
  if (res.status === 401) return { kind: 'unauthenticated', error: await errorOf(res) };
  if (!res.ok) return { kind: 'refused', status: res.status, error: await errorOf(res) };
  try {
    return { kind: 'ok', value: (await res.json()) as T };
  } catch {
    return { kind: 'unreachable', reason: 'the answer was not JSON' };
  }
};

/** POSTs JSON and classifies the answer. Never throws. */
export const postJson = <T>(fetchFn: FetchLike, url: string, body: unknown, opts: { token?: string | null; timeoutMs?: number } = {}): Promise<CallOutcome<T>> =>
  requestJson<T>(fetchFn, 'POST', url, body, opts);
