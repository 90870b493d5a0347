/**
 * Signing in and out. `signIn` asks the desk server first; on success it keeps an offline
 * verifier (see `offline-unlock.ts`) and the session for this browser session. When the
 * server cannot be reached (a network error or 5xx, not a refusal) it unlocks offline with
 * the verifier of the last online sign-in. Either way the sync engine starts; after an
 * offline unlock it keeps trying and syncs as soon as the server answers to the token.
 *
 * ```
 * signed_out ──signIn: server ok──────────► signed_in (online)
 *     │      ──signIn: unreachable + verifier► signed_in (offline)
 *     ◄──────────── signOut ─────────────────┘
 * ```
 */
import { signInSchema, type SessionUser, type SignInResponse } from '../../../src-shared/api';
import { err, ok, type Result } from '../../../src-shared/result';
import { getHost } from '../../host';
import { apiUrl, postJson, startSync, stopSync, type FetchLike } from '../sync';
import { forgetOfflineRecord, loadOfflineRecord, openOffline, saveOfflineRecord, sealOffline, type KeyValueStorage } from './offline-unlock';
import { getSession, setSession, SIGNED_OUT, useSessionStore, type Session } from './store';

/** What is kept in sessionStorage so a reload stays signed in without the server. */
export type ActiveSession = SignInResponse & { mode: 'online' | 'offline' };

export type SignedIn = { user: SessionUser; deskId: string; mode: 'online' | 'offline' };

export type AuthDeps = {
  fetch: FetchLike;
  /** The desk server ('' = same origin). */
  serverUrl: () => string;
  /** Where offline verifiers live (localStorage); null: offline unlock unavailable. */
  persistent: KeyValueStorage | null;
  /** Where the active session lives (sessionStorage); null: a reload signs out. */
  session: KeyValueStorage | null;
  /** Starts the workstation (cache + sync) for a session; an error aborts the sign-in. */
  start: (s: ActiveSession) => Promise<Result<unknown>>;
  stop: () => Promise<void>;
  iterations?: number;
  timeoutMs?: number;
};

export type Auth = {
  signIn(workNumber: string, password: string): Promise<Result<SignedIn>>;
  signOut(): Promise<void>;
  /** Brings back the session of this browser session (after a reload); false when there is none. */
  restoreSession(): Promise<boolean>;
  /** The desk server's bearer token of the signed-in agent (null when signed out). */
  token(): string | null;
};

const SESSION_KEY = 'firstline.session';

const readActive = (storage: KeyValueStorage | null): ActiveSession | null => {
  try {
    const raw = storage?.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<ActiveSession>;
    return typeof s.token === 'string' && typeof s.deskId === 'string' && typeof s.user?.id === 'string' && (s.mode === 'online' || s.mode === 'offline')
      ? (s as ActiveSession)
      : null;
  } catch {
    return null;
  }
};

const toSession = (s: ActiveSession): Session => ({ state: 'signed_in', user: s.user, deskId: s.deskId, mode: s.mode });

/** Sign-in and sign-out over the given dependencies (tests pass fakes; the app uses `signIn` below). */
export const createAuth = (deps: AuthDeps): Auth => {
  let token: string | null = null;
  const begin = async (active: ActiveSession): Promise<Result<SignedIn>> => {
    const started = await deps.start(active);
    if (!started.ok) return started;
    token = active.token;
    try {
      deps.session?.setItem(SESSION_KEY, JSON.stringify(active));
    } catch {
      // storage full or blocked: a reload will ask to unlock again
    }
    setSession(toSession(active));
    return ok({ user: active.user, deskId: active.deskId, mode: active.mode });
  };

  const offline = async (workNumber: string, password: string): Promise<Result<SignedIn>> => {
    const record = deps.persistent ? loadOfflineRecord(deps.persistent, workNumber) : null;
    if (!record)
      return err(
        'UNAUTHENTICATED',
        `The desk server cannot be reached, and work number ${workNumber} has not signed in on this workstation before. The first sign-in must be online.`,
      );
    const opened = await openOffline(record, password);
    if (!opened.ok) return opened;
    return begin({ ...opened.value, mode: 'offline' });
  };

  return {
    signIn: async (workNumber, password) => {
      const input = signInSchema.safeParse({ workNumber, password });
      if (!input.success) return err('VALIDATION_FAILED', 'Enter your work number and password.');
      const creds = input.data;
      const out = await postJson<SignInResponse>(deps.fetch, apiUrl(deps.serverUrl(), '/api/auth/sign-in'), creds, { timeoutMs: deps.timeoutMs ?? 15_000 });
      if (out.kind === 'unreachable') return offline(creds.workNumber, creds.password);
      if (out.kind !== 'ok') {
        // A disabled account must not unlock offline either.
        if (out.error.code === 'ACCOUNT_DISABLED' && deps.persistent) forgetOfflineRecord(deps.persistent, creds.workNumber);
        return { ok: false, error: out.error };
      }
      if (deps.persistent) {
        try {
          saveOfflineRecord(deps.persistent, await sealOffline(creds.workNumber, creds.password, out.value, deps.iterations));
        } catch {
          // No offline unlock this time (storage full or WebCrypto unavailable); online sign-in still works.
        }
      }
      return begin({ ...out.value, mode: 'online' });
    },
    signOut: async () => {
      token = null;
      try {
        deps.session?.removeItem(SESSION_KEY);
      } catch {
        // nothing kept
      }
      setSession(SIGNED_OUT);
      await deps.stop();
    },
    restoreSession: async () => {
      if (getSession().state === 'signed_in') return true;
      const active = readActive(deps.session);
      if (!active) return false;
      return (await begin(active)).ok;
    },
    token: () => (getSession().state === 'signed_in' ? token : null),
  };
};

const storage = (name: 'localStorage' | 'sessionStorage'): KeyValueStorage | null => {
  try {
    return typeof globalThis[name] === 'object' ? globalThis[name] : null;
  } catch {
    return null; // access can throw when storage is blocked
  }
};

let app: Auth | null = null;
const appAuth = (): Auth => {
  app ??= createAuth({
    fetch: (input, init) => fetch(input, init),
    serverUrl: () => getHost().serverUrl(),
    persistent: storage('localStorage'),
    session: storage('sessionStorage'),
    start: (s) => startSync({ deskId: s.deskId, user: s.user, token: s.token }),
    stop: () => stopSync({ signedOut: true }),
  });
  return app;
};

/** Signs in online, or offline during an outage after one online sign-in (errors in plain words). */
export const signIn = (workNumber: string, password: string): Promise<Result<SignedIn>> => appAuth().signIn(workNumber, password);

/** Signs out: the session is forgotten and syncing stops; the cache (and its outbox) stays. */
export const signOut = (): Promise<void> => appAuth().signOut();

/** Call once at start-up: a page reload stays signed in (for this browser session) without the server. */
export const restoreSession = (): Promise<boolean> => appAuth().restoreSession();

/** The signed-in agent's bearer token for other desk endpoints (telephony, presence); null when signed out. */
export const getSessionToken = (): string | null => appAuth().token();

/** The current session, for components. */
export const useSession = (): Session => useSessionStore((s) => s.session);
