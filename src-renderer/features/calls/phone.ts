/**
 * This window's phone: one client of the workstation's phone engine, fed from the desk's
 * telephony config while an agent is signed in.
 *
 * Where the engine lives is the host's business: where the host offers one (`host.engine`,
 * Electron: main's hidden engine window) the window connects to it and connects again when
 * it restarts; where it does not, the page starts the engine itself (loaded on demand, so
 * sip.js stays out of the UI bundle) and talks to it through a MessageChannel. Either way
 * the rest of this feature sees a `PhoneClient` and never asks which host it runs in.
 *
 * ```
 * start(user) ──► connect (snapshot + events) ──► GET /api/telephony/config
 *                                                   ├─ ok: phone:configure → phone:setCredentials → phone:start
 *                                                   │      (fetched again before the credential expires,
 *                                                   │       and whenever the engine says credentialsNeeded)
 *                                                   ├─ 404: "not configured" (checked again every 5 min)
 *                                                   └─ unreachable: retried with backoff
 * stop() ──► phone:stop (hangs up, unregisters) ──► detach
 * ```
 */
import type { Call, DeviceChoice, PhoneEventMessage, PhoneSnapshot, PhoneRequestArgs, PhoneRequestChannel, PhoneRequestValues, PhoneResult, Preflight } from '../../../src-shared/calls';
import { getHost, type Host } from '../../host';
import { getSessionToken } from '../auth';
import { callsToHoldBeforeResume, currentCall, hasCallInProgress, ringingCalls } from './actions';
import { fetchTelephonyConfig, phoneConfigOf, type DeskDeps, type TelephonyConfig } from './desk';
// The client end only: the engine itself (sip.js) is imported on demand below.
import { createPhoneClient, type PhoneClient } from './engine/port';
import type { RunningPhoneEngine } from './engine';
import { connectedCalls, EMPTY_VIEW, viewAfterEngineLost, viewAfterSnapshot } from './fold';
import { callsLostBefore, lostCallsEndAt, markLeft, readKeptCalls, takeLeftAt, writeKeptCalls } from './kept-calls';
import { entryOfRecord } from './log';
import { loadCallLog, logCalls } from './log-store';
import {
  addDigits,
  applyEvent,
  closeCallLog,
  getPhoneView,
  getTelephony,
  rememberDevices,
  rememberedDevices,
  requestAnswerFocus,
  resetPhone,
  setDeskTelephony,
  setDeviceList,
  setPhoneError,
  setPhoneView,
  setTelephony,
  subscribePhoneView,
} from './store';

/** A connection to the engine and how to let go of it. */
type EngineLink = { client: PhoneClient; close: () => void };

type Running = {
  userId: string;
  host: Host;
  desk: DeskDeps;
  link: EngineLink | null;
  stopped: boolean;
  offs: Array<() => void>;
  linkOffs: Array<() => void>;
  configTimer?: ReturnType<typeof setTimeout>;
  connectTimer?: ReturnType<typeof setTimeout>;
  configAttempt: number;
  connectAttempt: number;
  config: TelephonyConfig | null;
  refreshing: Promise<void> | null;
  lastRefresh: number;
  /** Calls a dead engine left connected: the next one ends their dialogs once it is connected (engine/dialogs.ts). */
  orphans: Call[];
  /**
   * What an earlier page kept (kept-calls.ts), until the first snapshot says which calls are gone:
   * its connected calls, and when it went away with them (their end).
   */
  kept: { calls: Call[]; leftAt: number | null } | null;
  /** What the session storage holds (written again only when it changes). */
  keptWritten: Call[];
};

let running: Running | null = null;
let queue: Promise<unknown> = Promise.resolve();
const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
  const next = queue.then(fn);
  queue = next.catch(() => undefined);
  return next;
};

/** sessionStorage: the AOR this page's session started the engine with (a reload keeps a running registration only if it is ours). */
const STARTED_KEY = 'firstline.phone.startedAor';
const session = (): Storage | null => {
  try {
    return typeof sessionStorage === 'object' ? sessionStorage : null;
  } catch {
    return null;
  }
};

const NOT_CONFIGURED_RETRY_MS = 5 * 60_000;
const backoff = (attempt: number): number => Math.min(60_000, 2000 * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() * 0.5);

// ---- the engine link ------------------------------------------------------------------

let localEngine: Promise<RunningPhoneEngine> | null = null;

/** The engine in this page (hosts without an engine of their own): started once, kept across sign-ins. */
const openLocalEngine = async (): Promise<EngineLink> => {
  localEngine ??= import('./engine').then((m) => m.startPhoneEngine());
  let engine: RunningPhoneEngine;
  try {
    engine = await localEngine;
  } catch (e) {
    // the engine's code could not be loaded (offline before it was ever cached): try again later
    localEngine = null;
    throw e;
  }
  const { port1, port2 } = new MessageChannel();
  const detach = engine.attach(port1);
  const client = createPhoneClient(port2);
  // Nobody else tells an engine in the page that the network came back: the page does.
  const online = () => void client.request('phone:networkChanged', { online: true });
  const offline = () => void client.request('phone:networkChanged', { online: false });
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return {
    client,
    close: () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      client.close();
      detach();
      port1.close();
      port2.close();
    },
  };
};

const openEngine = async (host: Host): Promise<EngineLink> => {
  if (!host.engine) return openLocalEngine();
  let port: MessagePort;
  try {
    port = await host.engine.connect();
  } catch (e) {
    if (!host.engine.pageFallback) throw e;
    // the host's engine is out of reach (the browser's engine frame did not load): this page runs one
    return openLocalEngine();
  }
  const client = createPhoneClient(port);
  return {
    client,
    close: () => {
      client.close();
      port.close();
    },
  };
};

const dropLink = (r: Running): void => {
  for (const off of r.linkOffs.splice(0)) off();
  r.link?.close();
  r.link = null;
};

/** Connects to the engine, takes its snapshot and follows its events. */
const connect = async (r: Running): Promise<boolean> => {
  dropLink(r);
  let link: EngineLink;
  try {
    link = await openEngine(r.host);
  } catch (e) {
    if (r.stopped) return false;
    setTelephony({ kind: 'engine_unavailable', message: e instanceof Error ? e.message : String(e) });
    r.connectTimer = setTimeout(() => void reconnect(r), backoff(r.connectAttempt++));
    return false;
  }
  if (r.stopped) {
    link.close();
    return false;
  }
  r.link = link;
  const early: PhoneEventMessage[] = [];
  let live = false;
  r.linkOffs.push(
    link.client.onEvent((msg) => {
      if (live) onEvent(r, msg);
      else early.push(msg);
    }),
  );
  const snap = await link.client.request('phone:snapshot');
  if (r.stopped || r.link !== link) return false;
  if (!snap.ok) {
    setTelephony({ kind: 'engine_unavailable', message: snap.error.message });
    r.connectTimer = setTimeout(() => void reconnect(r), backoff(r.connectAttempt++));
    return false;
  }
  r.connectAttempt = 0;
  live = true;
  const view = viewAfterSnapshot(snap.value, early);
  takeKeptCalls(r, view);
  setPhoneView(view);
  if (view.registration.status === 'registered') void endOrphans(r);
  void logCalls(view.records.map(entryOfRecord));
  await restoreDevices(link.client, view.devices);
  void refreshDevices();
  return true;
};

/**
 * The host's engine died and is being restarted: its registration and calls went with it. Said
 * at once (the agent goes Not Ready "telephony down", back to Ready when the new engine has
 * registered), and the calls it cut off are kept in the call log (fold.ts).
 */
const engineLost = (r: Running): void => setPhoneView(cutOff(r, getPhoneView()));

/** The calls of `view` died with their engine: logged as cut off, their dialogs left for the next engine to end. Answers the view without them. */
const cutOff = (r: Running, view: PhoneSnapshot, endedAt = Date.now()): PhoneSnapshot => {
  const lost = viewAfterEngineLost(view, endedAt);
  r.orphans.push(...lost.cut);
  if (lost.records.length) void logCalls(lost.records.map(entryOfRecord));
  return lost.view;
};

/** Keeps this page's connected calls and the orphans still to end, for the page after a reload (kept-calls.ts); written only when they changed. */
const keepCalls = (r: Running): void => {
  const live = connectedCalls(getPhoneView());
  const calls = [...live, ...r.orphans.filter((o) => !live.some((c) => c.id === o.id))];
  if (calls.length === r.keptWritten.length && calls.every((c, i) => c === r.keptWritten[i])) return;
  r.keptWritten = calls;
  writeKeptCalls(session(), calls);
};

/** After the first snapshot: the calls an earlier page kept that this engine does not have died with the engine before it. */
const takeKeptCalls = (r: Running, snapshot: PhoneSnapshot): void => {
  if (!r.kept) return;
  const { calls, leftAt } = r.kept;
  r.kept = null;
  const lost = callsLostBefore(calls, snapshot);
  if (lost.length === 0) return;
  cutOff(r, { ...EMPTY_VIEW, calls: lost }, lostCallsEndAt(lost, leftAt, Date.now()));
  keepCalls(r);
};

/** Asks the engine to end the dialogs its predecessor left (the callers would hear silence until they hung up). */
const endOrphans = async (r: Running): Promise<void> => {
  const client = r.link?.client;
  if (!client || r.orphans.length === 0) return;
  const calls = r.orphans.splice(0, 10);
  const res = await client.request('phone:endDialogs', { dialogs: calls.flatMap((c) => (c.dialog ? [c.dialog] : [])) });
  // not connected after all: at the next registration
  if (!res.ok && res.error.code === 'NOT_REGISTERED') r.orphans.unshift(...calls);
  keepCalls(r);
  if (res.ok && r.orphans.length) void endOrphans(r);
};

const reconnect = async (r: Running): Promise<void> => {
  if (r.stopped) return;
  if (r.connectTimer) clearTimeout(r.connectTimer);
  setTelephony({ kind: 'loading' });
  if (await connect(r)) await loadConfig(r);
};

/** A fresh engine knows no devices: choose the ones this workstation used before (each on its own: one may be gone). */
const restoreDevices = async (client: PhoneClient, current: DeviceChoice): Promise<void> => {
  if (Object.keys(current).length > 0) return;
  const wanted = rememberedDevices();
  for (const k of ['microphoneId', 'speakerId', 'ringerId'] as const) {
    const id = wanted[k];
    if (id) await client.request('phone:setDevices', { [k]: id });
  }
};

const onEvent = (r: Running, msg: PhoneEventMessage): void => {
  applyEvent(msg);
  if (msg.event === 'call:record') void logCalls([entryOfRecord((msg as PhoneEventMessage<'call:record'>).payload)]);
  else if (msg.event === 'phone:credentialsNeeded') void refreshCredentials(r);
  else if (msg.event === 'phone:registration' && (msg as PhoneEventMessage<'phone:registration'>).payload.status === 'registered') void endOrphans(r);
};

// ---- the desk's telephony config --------------------------------------------------------------

const scheduleConfig = (r: Running, ms: number, fn: () => void): void => {
  if (r.configTimer) clearTimeout(r.configTimer);
  r.configTimer = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
};

/** When to fetch a new credential: well before it expires (a fifth of its life, 1 to 5 minutes). */
export const renewalDelay = (expiresAt: number | undefined, now: number): number | undefined => {
  if (expiresAt === undefined) return undefined;
  const life = expiresAt - now;
  const margin = Math.min(5 * 60_000, Math.max(60_000, life / 5));
  return Math.max(5000, life - margin);
};

const scheduleRenewal = (r: Running, cfg: TelephonyConfig): void => {
  const at = renewalDelay(cfg.credentials.expiresAt, Date.now());
  if (at !== undefined) scheduleConfig(r, at, () => void refreshCredentials(r));
};

/** Fetches the config and brings the engine to it. */
const loadConfig = async (r: Running): Promise<void> => {
  if (r.stopped || !r.link) return;
  const a = await fetchTelephonyConfig(r.desk);
  if (r.stopped) return;
  switch (a.kind) {
    case 'ok':
      r.configAttempt = 0;
      r.config = a.value;
      setDeskTelephony({
        queues: a.value.queues,
        aor: a.value.aor,
        ...(a.value.notReadyReasons ? { reasons: a.value.notReadyReasons } : {}),
        ...(a.value.afterCallWork ? { acw: a.value.afterCallWork } : {}),
      });
      await applyConfig(r, a.value);
      scheduleRenewal(r, a.value);
      return;
    case 'absent':
      setTelephony({ kind: 'not_configured' });
      scheduleConfig(r, NOT_CONFIGURED_RETRY_MS, () => void loadConfig(r));
      return;
    case 'refused':
      setTelephony({ kind: 'invalid', message: a.message });
      scheduleConfig(r, NOT_CONFIGURED_RETRY_MS, () => void loadConfig(r));
      return;
    case 'unreachable':
    case 'unauthenticated':
      setTelephony({ kind: 'unreachable', reason: a.kind === 'unreachable' ? a.reason : 'not signed in to the desk server' });
      scheduleConfig(r, backoff(r.configAttempt++), () => void loadConfig(r));
      return;
  }
};

const applyConfig = async (r: Running, cfg: TelephonyConfig): Promise<void> => {
  const client = r.link?.client;
  if (!client) return;
  const configured = await client.request('phone:configure', phoneConfigOf(cfg));
  const credited = configured.ok ? await client.request('phone:setCredentials', cfg.credentials) : configured;
  if (!credited.ok) {
    setTelephony({ kind: 'invalid', message: credited.error.message });
    return;
  }
  setTelephony({ kind: 'configured' });
  const view = getPhoneView();
  const store = session();
  const ours = store?.getItem(STARTED_KEY) === cfg.aor;
  let start = view.registration.status === 'stopped';
  if (!start && !ours && !hasCallInProgress(view.calls)) {
    // still registered from an earlier session (another agent, another AOR): start over as this one
    await client.request('phone:stop');
    start = true;
  }
  // else: a window reload while the engine stays registered (and its calls go on): keep it
  if (start) {
    const started = await client.request('phone:start');
    if (!started.ok) setPhoneError({ code: started.error.code, message: started.error.message, at: Date.now() });
  }
  try {
    store?.setItem(STARTED_KEY, cfg.aor);
  } catch {
    // storage blocked: a reload re-registers, nothing worse
  }
};

/** A new credential from the desk, handed to the running engine (no re-registration needed). */
const refreshCredentials = (r: Running): Promise<void> => {
  if (r.refreshing) return r.refreshing;
  // the engine asks when a REGISTER is refused, which can repeat: at most every 10 s
  const wait = Math.max(0, r.lastRefresh + 10_000 - Date.now());
  r.refreshing = (async () => {
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    r.lastRefresh = Date.now();
    if (r.stopped || !r.link) return;
    const a = await fetchTelephonyConfig(r.desk);
    if (r.stopped || !r.link) return;
    if (a.kind !== 'ok') {
      scheduleConfig(r, a.kind === 'absent' || a.kind === 'refused' ? NOT_CONFIGURED_RETRY_MS : backoff(r.configAttempt++), () => void refreshCredentials(r));
      return;
    }
    r.config = a.value;
    await r.link.client.request('phone:configure', phoneConfigOf(a.value));
    await r.link.client.request('phone:setCredentials', a.value.credentials);
    if (getTelephony().kind !== 'configured') await applyConfig(r, a.value);
    scheduleRenewal(r, a.value);
  })().finally(() => {
    r.refreshing = null;
  });
  return r.refreshing;
};

// ---- start and stop ----------------------------------------------------------------------------

/** The desk calls of the signed-in agent: the host's server, the session's token. */
export const deskDeps = (host: Host = getHost()): DeskDeps => ({ fetch: (input, init) => fetch(input, init), baseUrl: () => host.serverUrl(), token: getSessionToken });

export type SoftphoneOptions = {
  userId: string;
  host?: Host;
  desk?: DeskDeps;
};

/** Starts this window's phone for the signed-in agent (again for the same agent: nothing happens). */
export const startSoftphone = (opts: SoftphoneOptions): Promise<void> =>
  serialize(async () => {
    if (running && running.userId === opts.userId && !running.stopped) return;
    if (running) await stopRunning(running);
    const host = opts.host ?? getHost();
    const kept = readKeptCalls(session());
    const r: Running = {
      userId: opts.userId,
      host,
      desk: opts.desk ?? deskDeps(host),
      link: null,
      stopped: false,
      offs: [],
      linkOffs: [],
      configAttempt: 0,
      connectAttempt: 0,
      config: null,
      refreshing: null,
      lastRefresh: 0,
      orphans: [],
      kept: { calls: kept, leftAt: takeLeftAt(session()) },
      keptWritten: kept,
    };
    running = r;
    r.offs.push(subscribePhoneView(() => keepCalls(r)));
    if (host.kind === 'web') {
      // the engine and its calls live in this page: leaving it during a call asks first
      const leaving = (e: BeforeUnloadEvent): void => {
        if (!hasCallInProgress(getPhoneView().calls)) return;
        e.preventDefault();
        e.returnValue = '';
      };
      // left anyway: its connected calls end now (not when the next page has started); a page kept
      // in the back-forward cache (persisted) may come back with them
      const left = (e: PageTransitionEvent): void => {
        if (!e.persisted && connectedCalls(getPhoneView()).length) markLeft(session(), Date.now());
      };
      window.addEventListener('beforeunload', leaving);
      window.addEventListener('pagehide', left);
      r.offs.push(() => {
        window.removeEventListener('beforeunload', leaving);
        window.removeEventListener('pagehide', left);
      });
    }
    void loadCallLog(opts.userId);
    setTelephony({ kind: 'loading' });
    if (host.engine)
      r.offs.push(
        host.engine.onRestarted(() => {
          engineLost(r);
          void reconnect(r);
        }),
      );
    if (host.onAnswerPrompt) r.offs.push(host.onAnswerPrompt((callId) => requestAnswerFocus(callId)));
    if (await connect(r)) await loadConfig(r);
  });

const stopRunning = async (r: Running): Promise<void> => {
  r.stopped = true;
  if (r.configTimer) clearTimeout(r.configTimer);
  if (r.connectTimer) clearTimeout(r.connectTimer);
  for (const off of r.offs.splice(0)) off();
  const client = r.link?.client;
  if (client) await Promise.race([client.request('phone:stop'), new Promise((res) => setTimeout(res, 5000))]);
  dropLink(r);
  try {
    session()?.removeItem(STARTED_KEY);
    writeKeptCalls(session(), []);
  } catch {
    // nothing kept
  }
  if (running === r) running = null;
};

/** Signing out: hangs up, unregisters, lets go of the engine, forgets the agent's phone state. */
export const stopSoftphone = (): Promise<void> =>
  serialize(async () => {
    if (running) await stopRunning(running);
    resetPhone();
    closeCallLog();
  });

// ---- commands -----------------------------------------------------------------------------------

const NOT_RUNNING = { ok: false, error: { code: 'NOT_CONFIGURED', message: 'the phone is not running' } } as const;

/** Sends one request; a failure is also kept as the phone's last error (shown in the call bar). */
const send = async <C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>): Promise<PhoneResult<PhoneRequestValues[C]>> => {
  const client = running?.link?.client;
  if (!client) {
    setPhoneError({ ...NOT_RUNNING.error, at: Date.now() });
    return NOT_RUNNING;
  }
  const r = await client.request(channel, ...args);
  if (!r.ok) {
    const arg: unknown = args[0];
    const callId = typeof arg === 'object' && arg !== null && 'callId' in arg && typeof arg.callId === 'string' ? arg.callId : undefined;
    setPhoneError({ code: r.error.code, message: r.error.message, at: Date.now(), ...(callId ? { callId } : {}) });
  }
  return r;
};

export const answer = (callId: string) => send('call:answer', { callId });
export const decline = (callId: string) => send('call:decline', { callId });
export const hangup = (callId: string) => send('call:hangup', { callId });
export const hold = (callId: string) => send('call:hold', { callId });
export const setMuted = (callId: string, muted: boolean) => send('call:mute', { callId, muted });
export const transfer = (callId: string, target: string) => send('call:transfer', { callId, target });
export const consult = (callId: string, target: string) => send('call:consult', { callId, target });
export const completeTransfer = (callId: string) => send('call:completeTransfer', { callId });
export const returnToCaller = (callId: string) => send('call:returnToCaller', { callId });
export const dial = (target: string) => send('call:dial', { target: target.trim() });

/** Resumes a held call, holding first whoever the agent talks to now (switching between two callers). */
export const resume = async (callId: string): Promise<PhoneResult<void>> => {
  for (const other of callsToHoldBeforeResume(getPhoneView().calls, callId)) {
    const held = await send('call:hold', { callId: other.id });
    if (!held.ok) return held;
  }
  return send('call:resume', { callId });
};

/** Sends keypad digits; what was sent is shown under the keypad. */
export const sendDigits = async (callId: string, digits: string) => {
  const r = await send('call:dtmf', { callId, digits });
  if (r.ok) addDigits(callId, digits);
  return r;
};

/** Asks the engine for the device list (labels appear once the microphone was allowed). */
export const refreshDevices = async (): Promise<void> => {
  const client = running?.link?.client;
  if (!client) return;
  const r = await client.request('phone:devices');
  if (r.ok) setDeviceList(r.value.devices, r.value.choice);
};

/** Chooses devices (applies to calls in progress too) and remembers them on this workstation. */
export const chooseDevices = async (choice: DeviceChoice) => {
  const r = await send('phone:setDevices', choice);
  if (r.ok) {
    rememberDevices(r.value);
    await refreshDevices();
  }
  return r;
};

/** The microphone / speaker / registration check that gates Ready. */
export const runPreflight = async (): Promise<PhoneResult<Preflight>> => {
  const client = running?.link?.client;
  if (!client) return NOT_RUNNING;
  const r = await client.request('phone:preflight');
  if (r.ok) void refreshDevices();
  return r;
};

/** Hotkey: answers the oldest ringing call. */
export const answerRinging = async (): Promise<void> => {
  const call = ringingCalls(getPhoneView().calls)[0];
  if (call) await answer(call.id);
};

/** Hotkey: hangs up the call the agent talks on (never a waiting caller). */
export const hangupCurrent = async (): Promise<void> => {
  const call = currentCall(getPhoneView().calls);
  if (call) await hangup(call.id);
};

/** Hotkey: mutes or unmutes the call the agent talks on. */
export const toggleMuteCurrent = async (): Promise<void> => {
  const call = currentCall(getPhoneView().calls);
  if (call) await setMuted(call.id, !call.muted);
};

/** Whether a call is live past ringing (sign-out would end it). */
export const callInProgress = (): boolean => hasCallInProgress(getPhoneView().calls);
