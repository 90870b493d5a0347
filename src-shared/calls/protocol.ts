/**
 * The phone engine's message protocol (DESIGN.md §1 "Who owns the phone").
 *
 * One engine per workstation owns every SIP object. Windows talk to it over a
 * MessagePort-like channel: requests in (`{kind: 'request', id, channel, args}`),
 * one response per request (`{kind: 'response', id, result}`, a {@link PhoneResult},
 * never a thrown error), and pushed events (`{kind: 'event', event, payload}`).
 * Channels are `domain:verb`: `phone:` for the engine itself, `call:` per call
 * (by our {@link CallId}, never a sip.js object).
 *
 * Every request's arguments are checked by {@link parsePhoneRequest} with the
 * zod schemas below before the engine sees them: in Electron the messages come
 * from other windows.
 */
import { z } from 'zod';
import type { BackoffPolicy } from './policy';
import type { CallRecord } from './record';
import type { Call, CallId, DialogRef } from './state';

/** An ICE server, as the desk configures it (never a public default: the lab and many desks have no Internet). */
export type IceServer = { urls: string | string[]; username?: string; credential?: string };

/** What the desk tells the engine (the SIP account is per agent, the rest per desk). */
export type PhoneConfig = {
  /** SIP over WebSocket, e.g. `wss://sip.desk.example/ws`. */
  wsUrl: string;
  /** The agent's address of record, `sip:<user>@<domain>`. */
  aor: string;
  displayName?: string;
  /** Given by the desk; `[]` when the desk needs none. */
  iceServers: IceServer[];
  /** How long to wait for ICE candidates before sending an offer or answer. Default 500 ms (LAB.md). */
  iceGatheringTimeoutMs?: number;
  /** The desk's queue numbers (ring groups), to tell a queue call from a direct one. */
  queues?: string[];
  /** A second call may ring while on a call. Default true. */
  callWaiting?: boolean;
  /** Live calls above which a new one gets 486. Default 3. */
  maxCalls?: number;
  /** Reconnect backoff. Default 0.5 s doubling to 30 s, half jittered. */
  reconnect?: BackoffPolicy;
  /** REGISTER expiry asked for, seconds. Default 600. */
  registerExpiresSeconds?: number;
  /** DTMF: RFC 4733 when negotiated with SIP INFO as fallback (`auto`, default), or one of them only. */
  dtmf?: 'auto' | 'rfc4733' | 'info';
  /** Echo cancellation, gain control, noise suppression on the microphone. Default false (headsets; LAB.md). */
  audioProcessing?: boolean;
  /** A call whose media path stays `disconnected` this long gets an ICE restart. Default 4000 ms. */
  iceRestartAfterMs?: number;
  /** Blind transfer: hang up our leg once the REFER is accepted (default), or only once the target answered. */
  blindTransferHangup?: 'accepted' | 'answered';
};

/** A SIP credential issued by the desk server (ephemeral: replace it before `expiresAt`). */
export type SipCredential = { username: string; password: string; /** epoch ms */ expiresAt?: number };

/** Chosen devices (`deviceId`s from `enumerateDevices`; absent = the system default). */
export type DeviceChoice = { microphoneId?: string; speakerId?: string; ringerId?: string };
export type MediaDevice = { id: string; label: string; kind: 'microphone' | 'speaker' };
export type DeviceList = { devices: MediaDevice[]; choice: DeviceChoice };

/** Registration as the engine sees it. `registered` is the only state in which calls can come in. */
export type Registration =
  | { status: 'stopped'; since: number }
  | { status: 'connecting'; since: number; attempt: number }
  | { status: 'registering'; since: number }
  | { status: 'registered'; since: number }
  | {
      status: 'down';
      since: number;
      /** transport: the WebSocket is gone; rejected: the registrar refused (see sipStatus); credentials: none or expired. */
      reason: 'transport' | 'rejected' | 'credentials';
      sipStatus?: number;
      /** The next attempt is in this many ms (absent: waiting for new credentials). */
      retryInMs?: number;
      attempt: number;
    };

/** One preflight check. */
export type PreflightCheck = { ok: boolean; detail?: string };
/** What gates Ready: a microphone that gives audio, a speaker to play to, a registration. */
export type Preflight = { microphone: PreflightCheck; speaker: PreflightCheck; registration: PreflightCheck; ok: boolean };

/** Everything a window needs to draw the phone after it attaches (or reloads). */
export type PhoneSnapshot = {
  registration: Registration;
  calls: Call[];
  devices: DeviceChoice;
  /** The latest call records (bounded), so a window that was away misses none; dedupe by `id`. */
  records: CallRecord[];
};

export type PhoneErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_CONFIGURED'
  | 'NO_CREDENTIALS'
  | 'NOT_REGISTERED'
  | 'NO_SUCH_CALL'
  | 'INVALID_MOVE'
  | 'PENDING'
  | 'BAD_TARGET'
  | 'BAD_DIGITS'
  | 'MEDIA_FAILED'
  | 'DEVICE_NOT_FOUND'
  | 'SIP_FAILED'
  | 'TRANSFER_FAILED'
  | 'INTERNAL';
export type PhoneError = { code: PhoneErrorCode; message: string };
export type PhoneResult<T> = { ok: true; value: T } | { ok: false; error: PhoneError };

export const phoneOk = <T>(value: T): PhoneResult<T> => ({ ok: true, value });
export const phoneErr = (code: PhoneErrorCode, message: string): { ok: false; error: PhoneError } => ({ ok: false, error: { code, message } });

const callId = z.string().min(1).max(100);
const target = z.string().trim().min(1).max(300);
const iceServer = z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() });
const backoff = z.object({ baseMs: z.number().min(0), capMs: z.number().min(0), factor: z.number().min(1), jitter: z.number().min(0).max(1) });

const sipUri = z.string().regex(/^sips?:\S+$/).max(500);
/** A {@link DialogRef} as it may come from another window or from storage. */
export const DIALOG_REF_SCHEMA = z.object({
  callId: z.string().min(1).max(200),
  localTag: z.string().min(1).max(200),
  remoteTag: z.string().min(1).max(200),
  localUri: sipUri,
  remoteUri: sipUri,
  remoteTarget: sipUri,
  routeSet: z.array(z.string().min(1).max(500)).max(20),
  localSeq: z.number().int().min(0).max(2 ** 31 - 1).optional(),
}) satisfies z.ZodType<DialogRef>;

const configSchema = z.object({
  wsUrl: z.string().regex(/^wss?:\/\//),
  aor: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/),
  displayName: z.string().max(100).optional(),
  iceServers: z.array(iceServer),
  iceGatheringTimeoutMs: z.number().int().min(0).max(10_000).optional(),
  queues: z.array(z.string()).optional(),
  callWaiting: z.boolean().optional(),
  maxCalls: z.number().int().min(1).max(10).optional(),
  reconnect: backoff.optional(),
  registerExpiresSeconds: z.number().int().min(30).max(86_400).optional(),
  dtmf: z.enum(['auto', 'rfc4733', 'info']).optional(),
  audioProcessing: z.boolean().optional(),
  iceRestartAfterMs: z.number().int().min(0).max(60_000).optional(),
  blindTransferHangup: z.enum(['accepted', 'answered']).optional(),
}) satisfies z.ZodType<PhoneConfig>;

/** The argument schema of every request; a request has one argument object or none. */
export const PHONE_REQUEST_SCHEMAS = {
  /** Sets or replaces the configuration (takes effect at the next start). */
  'phone:configure': configSchema,
  /** Gives or replaces the SIP credential; used from the next challenge on. */
  'phone:setCredentials': z.object({ username: z.string().min(1), password: z.string().min(1), expiresAt: z.number().optional() }),
  /** Connects and registers; from then on the engine stays registered by itself (reconnect, re-register). */
  'phone:start': z.undefined(),
  /** Hangs up every call, unregisters, disconnects. */
  'phone:stop': z.undefined(),
  'phone:snapshot': z.undefined(),
  /** Checks microphone, speaker and registration (gates Ready). */
  'phone:preflight': z.undefined(),
  'phone:devices': z.undefined(),
  /** Chooses devices; a new microphone or speaker applies to calls in progress too. */
  'phone:setDevices': z.object({ microphoneId: z.string().optional(), speakerId: z.string().optional(), ringerId: z.string().optional() }),
  /** The machine woke up: check the connection, re-register, restart ICE on calls in progress. */
  'phone:wake': z.undefined(),
  /** The network changed (main's `net:changed`): same as wake when online. */
  'phone:networkChanged': z.object({ online: z.boolean() }),
  /**
   * Ends dialogs a dead engine left behind (its calls' far ends still hold them): a BYE for
   * each, sent by this engine. Needs the connection to the SIP server.
   */
  'phone:endDialogs': z.object({ dialogs: z.array(DIALOG_REF_SCHEMA).min(1).max(10) }),
  /** Dials a number or URI (dial pad, click-to-dial). */
  'call:dial': z.object({ target }),
  'call:answer': z.object({ callId }),
  /** Refuses a ringing call (486 for queue calls and when `busy`, else 603). */
  'call:decline': z.object({ callId, busy: z.boolean().optional() }),
  /** Hang-up by state: decline when ringing, CANCEL when dialling, BYE when connected. */
  'call:hangup': z.object({ callId }),
  'call:hold': z.object({ callId }),
  'call:resume': z.object({ callId }),
  'call:mute': z.object({ callId, muted: z.boolean() }),
  'call:dtmf': z.object({ callId, digits: z.string().min(1).max(64) }),
  /** Blind transfer (REFER). */
  'call:transfer': z.object({ callId, target }),
  /** Attended transfer, step 1: holds `callId` and dials `target` (the consult call). */
  'call:consult': z.object({ callId, target }),
  /** Attended transfer, step 2: joins the caller of `callId` (consulting) to the consult call (REFER with Replaces). */
  'call:completeTransfer': z.object({ callId }),
  /** Attended transfer, or not: hangs up the consult call and resumes the caller of `callId`. */
  'call:returnToCaller': z.object({ callId }),
} as const;

type Schemas = typeof PHONE_REQUEST_SCHEMAS;
export type PhoneRequestChannel = keyof Schemas;

/** What each request answers with. */
export type PhoneRequestValues = {
  'phone:configure': void;
  'phone:setCredentials': void;
  'phone:start': void;
  'phone:stop': void;
  'phone:snapshot': PhoneSnapshot;
  'phone:preflight': Preflight;
  'phone:devices': DeviceList;
  'phone:setDevices': DeviceChoice;
  'phone:wake': void;
  'phone:networkChanged': void;
  /** How many BYEs the far ends answered (with any final response: a 481 means it was gone already). */
  'phone:endDialogs': { answered: number };
  'call:dial': { callId: CallId };
  'call:answer': void;
  'call:decline': void;
  'call:hangup': void;
  'call:hold': void;
  'call:resume': void;
  'call:mute': void;
  'call:dtmf': { via: 'rfc4733' | 'info' };
  'call:transfer': void;
  'call:consult': { consultId: CallId };
  'call:completeTransfer': void;
  'call:returnToCaller': void;
};

/** The request map: channel → (argument) → value, as the engine implements it. */
export type PhoneRequests = {
  [C in PhoneRequestChannel]: z.infer<Schemas[C]> extends undefined ? () => PhoneRequestValues[C] : (args: z.infer<Schemas[C]>) => PhoneRequestValues[C];
};
export type PhoneRequestArgs<C extends PhoneRequestChannel> = Parameters<PhoneRequests[C]>;

/** Events the engine pushes to every attached window. */
export type PhoneEvents = {
  'phone:registration': Registration;
  /** The credential is about to expire or was refused: the host asks the desk server for a new one. */
  'phone:credentialsNeeded': { reason: 'expiring' | 'rejected' | 'missing'; expiresAt?: number };
  'phone:devices': DeviceList;
  /** Something failed that no request is waiting for (a transfer that failed later, media lost…). */
  'phone:error': PhoneError & { callId?: CallId };
  /** A new call: ringing here or dialled. */
  'call:created': Call;
  /** The call moved (state, mute, links). */
  'call:changed': Call;
  /** The call ended (`state.name === 'ended'`, with its reason). Followed by `call:record`. */
  'call:ended': Call;
  /** The call log entry of a call that ended. */
  'call:record': CallRecord;
  /** DTMF received from the far end by SIP INFO. */
  'call:dtmfReceived': { callId: CallId; digit: string };
};
export type PhoneEventName = keyof PhoneEvents;

export type PhoneRequestMessage<C extends PhoneRequestChannel = PhoneRequestChannel> = { kind: 'request'; id: number; channel: C; args: PhoneRequestArgs<C> };
export type PhoneResponseMessage = { kind: 'response'; id: number; result: PhoneResult<unknown> };
export type PhoneEventMessage<E extends PhoneEventName = PhoneEventName> = { kind: 'event'; event: E; payload: PhoneEvents[E] };
export type PhoneMessage = PhoneRequestMessage | PhoneResponseMessage | PhoneEventMessage;

/** A request as the engine dispatches it: the channel and its checked argument. */
export type ParsedPhoneRequest = { [C in PhoneRequestChannel]: { id: number; channel: C; arg: z.infer<Schemas[C]> } }[PhoneRequestChannel];

export const PHONE_REQUEST_CHANNELS = Object.keys(PHONE_REQUEST_SCHEMAS) as PhoneRequestChannel[];

const isChannel = (c: unknown): c is PhoneRequestChannel => typeof c === 'string' && Object.hasOwn(PHONE_REQUEST_SCHEMAS, c);

/**
 * Checks an incoming message: a request on a known channel with a valid
 * argument. Answers the parsed request, or the error to send back (with the
 * id, when one could be read).
 */
export function parsePhoneRequest(msg: unknown): { ok: true; request: ParsedPhoneRequest } | { ok: false; id: number | undefined; error: PhoneError } {
  const m = msg as Partial<{ kind: unknown; id: unknown; channel: unknown; args: unknown }> | null;
  const id = typeof m?.id === 'number' && Number.isInteger(m.id) ? m.id : undefined;
  if (!m || m.kind !== 'request' || id === undefined) return { ok: false, id, error: { code: 'BAD_REQUEST', message: 'not a request' } };
  if (!isChannel(m.channel)) return { ok: false, id, error: { code: 'BAD_REQUEST', message: `unknown channel ${String(m.channel)}` } };
  const args = Array.isArray(m.args) ? m.args : [];
  if (args.length > 1) return { ok: false, id, error: { code: 'BAD_REQUEST', message: `${m.channel} takes at most one argument` } };
  const parsed = PHONE_REQUEST_SCHEMAS[m.channel].safeParse(args[0]);
  if (!parsed.success) return { ok: false, id, error: { code: 'BAD_REQUEST', message: `${m.channel}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` } };
  return { ok: true, request: { id, channel: m.channel, arg: parsed.data } as ParsedPhoneRequest };
}
