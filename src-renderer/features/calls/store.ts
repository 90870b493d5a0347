/**
 * The calls feature's zustand store (the only one here): the phone as this window sees it
 * (the engine's snapshot folded with its events: registration, calls by id, device choice,
 * records), the desk's telephony status, the device list, the call log on screen (kept and
 * synced as records by `log-store.ts`), the last phone error, and small UI
 * state of the call bar (digits sent per call, which Answer button wants the keyboard).
 */
import { create } from 'zustand';
import { applyPhoneEvent, type DeviceChoice, type MediaDevice, type PhoneEventMessage, type PhoneSnapshot } from '../../../src-shared/calls';
import type { DeskAcwPolicy, DeskQueue, DeskReason } from './desk';
import { EMPTY_VIEW } from './fold';
import { addEntries, type CallLogEntry } from './log';

/** The desk's telephony as this workstation knows it. */
export type TelephonyStatus =
  /** Nobody signed in. */
  | { kind: 'off' }
  | { kind: 'loading' }
  /** The desk has no telephony (404): the phone is not configured; the rest of the app works. */
  | { kind: 'not_configured' }
  /** The desk server did not answer; retried. */
  | { kind: 'unreachable'; reason: string }
  /** The desk answered something the phone cannot use. */
  | { kind: 'invalid'; message: string }
  /** The phone engine could not be reached (Electron: main's engine window). */
  | { kind: 'engine_unavailable'; message: string }
  | { kind: 'configured' };

export type PhoneError = { message: string; code: string; callId?: string; at: number };

type PhoneUi = {
  telephony: TelephonyStatus;
  /** The desk's queues (for labels); kept from the last config. */
  queues: DeskQueue[];
  /** This agent's SIP address of record (its domain addresses colleagues). */
  aor: string | null;
  /** Optional desk extras for the agent state (reasons, after-call work). */
  reasons: DeskReason[] | null;
  acw: DeskAcwPolicy | null;
  view: PhoneSnapshot;
  deviceList: MediaDevice[];
  log: CallLogEntry[];
  logOwner: string | null;
  error: PhoneError | null;
  /** Digits sent on each call (shown under its keypad). */
  dtmf: Record<string, string>;
  /** A ringing call whose Answer button should take the keyboard (notification clicked). */
  focusAnswer: string | null;
};

const initial = (): Omit<PhoneUi, 'log' | 'logOwner'> => ({
  telephony: { kind: 'off' },
  queues: [],
  aor: null,
  reasons: null,
  acw: null,
  view: EMPTY_VIEW,
  deviceList: [],
  error: null,
  dtmf: {},
  focusAnswer: null,
});

export const usePhoneStore = create<PhoneUi>()(() => ({ ...initial(), log: [], logOwner: null }));

const get = () => usePhoneStore.getState();
const set = usePhoneStore.setState;

// ---- the phone view ---------------------------------------------------------

export const getPhoneView = (): PhoneSnapshot => get().view;
export const setPhoneView = (view: PhoneSnapshot): void => set({ view });

/** Folds one engine event into the view (and the call log, device list, errors). */
export const applyEvent = (msg: PhoneEventMessage): void => {
  const s = get();
  const view = applyPhoneEvent(s.view, msg);
  const patch: Partial<PhoneUi> = view === s.view ? {} : { view };
  if (msg.event === 'phone:devices') patch.deviceList = (msg as PhoneEventMessage<'phone:devices'>).payload.devices;
  if (msg.event === 'phone:error') {
    const e = (msg as PhoneEventMessage<'phone:error'>).payload;
    patch.error = { message: e.message, code: e.code, at: Date.now(), ...(e.callId ? { callId: e.callId } : {}) };
  }
  if (msg.event === 'call:ended') {
    const id = (msg as PhoneEventMessage<'call:ended'>).payload.id;
    if (id in s.dtmf) {
      const { [id]: _gone, ...rest } = s.dtmf;
      patch.dtmf = rest;
    }
  }
  if (Object.keys(patch).length > 0) set(patch);
};

/** Calls `listener` whenever the phone view changes (the agent state follows registration and calls). */
export const subscribePhoneView = (listener: (view: PhoneSnapshot, prev: PhoneSnapshot) => void): (() => void) =>
  usePhoneStore.subscribe((s, p) => {
    if (s.view !== p.view) listener(s.view, p.view);
  });

// ---- telephony status, devices, errors ---------------------------------------

export const getTelephony = (): TelephonyStatus => get().telephony;
export const setTelephony = (telephony: TelephonyStatus): void => set({ telephony });
export const setDeskTelephony = (d: { queues: DeskQueue[]; aor: string; reasons?: DeskReason[]; acw?: DeskAcwPolicy }): void =>
  set({ queues: d.queues, aor: d.aor, reasons: d.reasons ?? null, acw: d.acw ?? null });
export const subscribeTelephony = (listener: (t: TelephonyStatus) => void): (() => void) =>
  usePhoneStore.subscribe((s, p) => {
    if (s.telephony !== p.telephony) listener(s.telephony);
  });
export const getDeskExtras = (): { reasons: DeskReason[] | null; acw: DeskAcwPolicy | null } => ({ reasons: get().reasons, acw: get().acw });

export const setDeviceList = (deviceList: MediaDevice[], choice?: DeviceChoice): void =>
  set((s) => ({ deviceList, ...(choice ? { view: { ...s.view, devices: choice } } : {}) }));

export const setPhoneError = (e: PhoneError | null): void => set({ error: e });

export const addDigits = (callId: string, digits: string): void => set((s) => ({ dtmf: { ...s.dtmf, [callId]: `${s.dtmf[callId] ?? ''}${digits}`.slice(-32) } }));

export const requestAnswerFocus = (callId: string | null): void => set({ focusAnswer: callId });

/** Back to nobody signed in (the call log is closed separately). */
export const resetPhone = (): void => set(initial());

// ---- device choice (per workstation) --------------------------------------------

const DEVICES_KEY = 'firstline.phoneDevices';

/** The devices chosen on this workstation before (re-applied when an engine starts fresh). */
export const rememberedDevices = (): DeviceChoice => {
  try {
    const raw = localStorage.getItem(DEVICES_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (typeof v !== 'object' || v === null) return {};
    const out: DeviceChoice = {};
    for (const k of ['microphoneId', 'speakerId', 'ringerId'] as const) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'string') out[k] = x;
    }
    return out;
  } catch {
    return {};
  }
};

export const rememberDevices = (choice: DeviceChoice): void => {
  try {
    localStorage.setItem(DEVICES_KEY, JSON.stringify(choice));
  } catch {
    // storage blocked: the choice holds for this session
  }
};

// ---- the call log (kept as records by log-store.ts) -----------------------------------

/** Starts the log of the signed-in agent (empty until `log-store.ts` loads the kept records). */
export const openCallLog = (userId: string): void => {
  if (get().logOwner === userId) return;
  set({ log: [], logOwner: userId });
};

export const closeCallLog = (): void => set({ log: [], logOwner: null });

/** Adds entries to the log on screen (deduplicated by id, newest first). */
export const addToCallLog = (entries: readonly CallLogEntry[]): void => {
  const s = get();
  const log = addEntries(s.log, entries);
  if (log.length === s.log.length && log.every((e, i) => e === s.log[i])) return;
  set({ log });
};

// ---- hooks for other features --------------------------------------------------------------

/** The engine's registration (re-renders when it changes). */
export const useRegistration = () => usePhoneStore((s) => s.view.registration);

/** The desk's telephony status (re-renders when it changes). */
export const useTelephonyStatus = (): TelephonyStatus => usePhoneStore((s) => s.telephony);

/** Whether a call is live past ringing (re-renders when that changes). */
export const useCallInProgress = (): boolean => usePhoneStore((s) => s.view.calls.some((c) => c.state.name !== 'ringing' && c.state.name !== 'ended'));
