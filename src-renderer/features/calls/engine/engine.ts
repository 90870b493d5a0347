/**
 * The phone engine: the one owner of every sip.js object on a workstation
 * (DESIGN.md §1). Windows never see a sip.js `Session`: they send requests
 * by call id and receive events (see src-shared/calls/protocol.ts); every
 * call moves only through the shared call-state machine (`moveCall`), and
 * the policies (486 when busy, hang-up by state, decline codes, reconnect
 * backoff, ICE watchdog) are the shared pure functions.
 *
 * Calls live in a Map by our call id: several at once (call waiting, a
 * consult call, a transfer in progress). A transport drop ends none of them.
 */
import { Invitation, Inviter, SessionState, UserAgent, type Referral, type Session, type URI, type Web } from 'sip.js';
import {
  callRecordOf,
  canMute,
  canSendDtmf,
  cancelReason,
  decideIncoming,
  declinedReason,
  declineStatus,
  dialTarget,
  DTMF_RE,
  hangupAction,
  iceAction,
  isConnected,
  isLive,
  moveCall,
  newCall,
  phoneErr,
  phoneOk,
  queueOf,
  rejectedReason,
  type Call,
  type CallEvent,
  type CallId,
  type CallRecord,
  type CallState,
  type DeviceChoice,
  type EndReason,
  type ParsedPhoneRequest,
  type PhoneConfig,
  type PhoneEventMessage,
  type PhoneEventName,
  type PhoneEvents,
  type PhoneResult,
  type PhoneSnapshot,
  type Preflight,
} from '../../../../src-shared/calls';
import { newId } from '../../../../src-shared/ids';
import { dialogRefOf, endDialogs } from './dialogs';
import { Connection, type Logger } from './connection';
import { AUDIO_ONLY, MediaControl } from './media';
import { Ringer } from './ringtone';
import { SessionMedia } from './session-media';

/** A live call's media, handed to in-page hooks (tests' tone detectors; supervisor mixing later). */
export type CallMedia = { remoteStream: MediaStream; peerConnection: RTCPeerConnection };

/** In-page options of the engine (not part of the message protocol). */
export type EngineHooks = {
  now?: () => number;
  random?: () => number;
  log?: Logger;
  /** Called once a call's media is up (answered / answered by the far end). */
  onCallMedia?: (callId: CallId, media: CallMedia) => void;
  /** A ringtone file to loop instead of the generated ring. */
  ringtoneUrl?: string;
  /**
   * The engine has a renderer process of its own (Electron's engine window, the browser host's
   * engine frame): a ringing call's peer connection is then made at once, not after the
   * windows have shown the call (session-media.ts), since it no longer takes their thread.
   */
  ownProcess?: boolean;
};

type Live = {
  call: Call;
  session: Session;
  sdh?: Web.SessionDescriptionHandler;
  /** Why it ends, decided by whoever ends it; read when sip.js reports Terminated. */
  endIntent?: { reason: EndReason; sipStatus?: number };
  /** Hang up as soon as the answer is confirmed. */
  byeWhenEstablished?: boolean;
  /** Answered here, its media not connected yet: the windows hear of its moves once it is (see NOTIFY_ANSWER_MAX_MS). */
  quiet?: { timer?: ReturnType<typeof setTimeout> };
  /** An in-dialog transaction (re-INVITE, REFER) is running. */
  pending?: boolean;
  /** Media paused locally (we received a REFER and are following it). */
  suspended?: boolean;
  iceTimer?: ReturnType<typeof setTimeout>;
  /** Set once a transfer we started succeeded (NOTIFY 2xx or REFER accepted, by policy). */
  transferDone?: boolean;
  /** A consult leg that is being (or was) joined to the caller. */
  transferLeg?: boolean;
  /** We followed a REFER received on this call: the new call's id. */
  followedBy?: CallId;
  waiters: Array<() => void>;
};

type Listener = (msg: PhoneEventMessage) => void;

const MAX_RECORDS = 100;

/**
 * The ringtone starts this long after a call is shown. Its audio set-up (an output stream, the
 * sink: 5–7 ms of the main thread, measured by bench:call) then never competes with showing the
 * call and taking the first answer, and a call answered at once (hotkey, auto-answer) never rings.
 */
const RING_DELAY_MS = 150;

/** A call answered here is shown as connected once its media is (ICE + DTLS), or this long after the 200 OK at most. */
const NOTIFY_ANSWER_MAX_MS = 300;

/** The call's state now (read through a function: TypeScript keeps an earlier narrowing across `move`). */
const stateOf = (l: Live): CallState => l.call.state;

/** sip.js's web options (the API-level type does not know `hold`). */
const sdhOptions = (o: Web.SessionDescriptionHandlerOptions): Web.SessionDescriptionHandlerOptions => o;

class EngineError extends Error {
  constructor(
    readonly code: Parameters<typeof phoneErr>[0],
    message: string,
  ) {
    super(message);
  }
}

/** The status line of a NOTIFY sipfrag body ("SIP/2.0 200 OK"), or undefined. */
export const sipfragStatus = (body: string | undefined): number | undefined => {
  const m = /^SIP\/2\.0\s+(\d{3})/m.exec(body ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
};

export class PhoneEngine {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly listeners = new Set<Listener>();
  private readonly calls = new Map<CallId, Live>();
  private readonly records: CallRecord[] = [];
  /** Call-IDs of dialogs a dead predecessor left that this engine has already ended (engine/dialogs.ts). */
  private readonly endedDialogs = new Set<string>();
  private readonly media: MediaControl;
  private readonly sessionMedia: SessionMedia;
  private readonly ringer: Ringer;
  private readonly conn: Connection;
  private config: PhoneConfig | undefined;

  constructor(private readonly hooks: EngineHooks = {}) {
    this.now = hooks.now ?? Date.now;
    this.random = hooks.random ?? Math.random;
    this.log = hooks.log ?? (() => undefined);
    this.media = new MediaControl(false);
    this.sessionMedia = new SessionMedia(() => this.media.streamFactory(), hooks.ownProcess ? 0 : undefined);
    this.ringer = new Ringer(hooks.ringtoneUrl);
    this.conn = new Connection({
      now: this.now,
      random: this.random,
      log: this.log,
      sessionDescriptionHandlerFactory: this.sessionMedia.factory,
      onInvite: (inv) => this.onInvite(inv),
      onRegistration: (r) => this.emit('phone:registration', r),
      onCredentialsNeeded: (e) => this.emit('phone:credentialsNeeded', e),
      onReconnected: () => this.refreshCallsInProgress('reconnected'),
    });
  }

  /** Receives every event; returns the unsubscribe. */
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit<E extends PhoneEventName>(event: E, payload: PhoneEvents[E]): void {
    const msg = { kind: 'event', event, payload } as PhoneEventMessage;
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch (e) {
        this.log('error', `listener failed: ${String(e)}`);
      }
    }
  }

  snapshot(): PhoneSnapshot {
    return { registration: this.conn.registration, calls: [...this.calls.values()].map((l) => l.call), devices: this.media.choice, records: [...this.records] };
  }

  /** Handles one checked request; never throws. */
  async request(r: ParsedPhoneRequest): Promise<PhoneResult<unknown>> {
    try {
      return phoneOk(await this.dispatch(r));
    } catch (e) {
      if (e instanceof EngineError) return phoneErr(e.code, e.message);
      this.log('error', `${r.channel} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return phoneErr('INTERNAL', e instanceof Error ? e.message : String(e));
    }
  }

  private async dispatch(r: ParsedPhoneRequest): Promise<unknown> {
    switch (r.channel) {
      case 'phone:configure':
        this.config = r.arg;
        this.conn.configure(r.arg);
        this.media.setProcessing(r.arg.audioProcessing ?? false);
        return undefined;
      case 'phone:setCredentials':
        this.conn.setCredential(r.arg);
        return undefined;
      case 'phone:start':
        if (!this.config) throw new EngineError('NOT_CONFIGURED', 'phone:configure first');
        this.ringer.prepare();
        await this.conn.start().catch((e: unknown) => {
          throw new EngineError('NO_CREDENTIALS', e instanceof Error ? e.message : String(e));
        });
        return undefined;
      case 'phone:stop':
        for (const l of [...this.calls.values()]) await this.hangup(l).catch(() => undefined);
        this.ringer.stop();
        this.sessionMedia.close();
        await this.conn.stop();
        return undefined;
      case 'phone:snapshot':
        return this.snapshot();
      case 'phone:preflight':
        return this.preflight();
      case 'phone:devices':
        return { devices: await this.media.devices(), choice: this.media.choice };
      case 'phone:setDevices':
        return this.setDevices(r.arg);
      case 'phone:wake':
        this.wake();
        return undefined;
      case 'phone:networkChanged':
        if (r.arg.online) this.wake();
        return undefined;
      case 'phone:endDialogs': {
        const ua = this.conn.ua;
        if (!ua || !this.conn.connected) throw new EngineError('NOT_REGISTERED', 'the phone is not connected');
        return { answered: await endDialogs(ua.userAgentCore, r.arg.dialogs, this.endedDialogs) };
      }
      case 'call:dial':
        return { callId: (await this.dial(r.arg.target)).call.id };
      case 'call:answer':
        return this.answer(this.need(r.arg.callId));
      case 'call:decline':
        return this.decline(this.need(r.arg.callId), r.arg.busy ?? false);
      case 'call:hangup':
        return this.hangup(this.need(r.arg.callId));
      case 'call:hold':
        return this.setHold(this.need(r.arg.callId), true);
      case 'call:resume':
        return this.setHold(this.need(r.arg.callId), false);
      case 'call:mute':
        return this.mute(this.need(r.arg.callId), r.arg.muted);
      case 'call:dtmf':
        return this.dtmf(this.need(r.arg.callId), r.arg.digits);
      case 'call:transfer':
        return this.blindTransfer(this.need(r.arg.callId), r.arg.target);
      case 'call:consult':
        return this.consult(this.need(r.arg.callId), r.arg.target);
      case 'call:completeTransfer':
        return this.completeTransfer(this.need(r.arg.callId));
      case 'call:returnToCaller':
        return this.returnToCaller(this.need(r.arg.callId));
    }
  }

  private need(id: CallId): Live {
    const l = this.calls.get(id);
    if (!l) throw new EngineError('NO_SUCH_CALL', `no call ${id}`);
    return l;
  }

  // ---- moving calls -------------------------------------------------------

  /** Applies a state-machine event; false (and nothing changes) when the machine refuses it. */
  private move(l: Live, e: CallEvent): boolean {
    const next = moveCall(l.call, e, this.now());
    if (!next) {
      this.log('warn', `call ${l.call.id}: ${e.type} refused in ${l.call.state.name}`);
      return false;
    }
    l.call = next;
    if (next.state.name !== 'ended' && !l.quiet) this.emit('call:changed', next);
    this.applyTracks(l);
    this.updateRinger();
    return true;
  }

  private patch(l: Live, p: Partial<Call>): void {
    l.call = { ...l.call, ...p };
    if (l.quiet) this.speak(l);
    else this.emit('call:changed', l.call);
  }

  private require(l: Live, e: CallEvent, what: string): void {
    if (!moveCall(l.call, e, this.now())) throw new EngineError('INVALID_MOVE', `cannot ${what} a call that is ${l.call.state.name}`);
  }

  /** Sender and receiver tracks follow the state: silent both ways while held here, no microphone while muted. */
  private applyTracks(l: Live): void {
    const pc = l.sdh?.peerConnection;
    if (!pc) return;
    const s = l.call.state;
    const heldHere = s.name === 'held' || s.name === 'consulting' || (s.name === 'transferring' && s.from.name !== 'active') || !!l.suspended;
    const send = !heldHere && !l.call.muted;
    for (const x of pc.getSenders()) if (x.track) x.track.enabled = send;
    for (const x of pc.getReceivers()) if (x.track) x.track.enabled = !heldHere;
  }

  private updateRinger(): void {
    const lives = [...this.calls.values()].map((l) => l.call.state);
    const ringing = lives.some((s) => s.name === 'ringing');
    if (!ringing) return this.ringer.stop();
    const busy = lives.some((s) => s.name !== 'ringing' && isLive(s));
    const choice = this.media.choice;
    if (busy) this.ringer.play('waiting', choice.speakerId);
    else this.ringer.play('ring', choice.ringerId);
  }

  // ---- sessions -------------------------------------------------------------

  private track(call: Call, session: Session): Live {
    const l: Live = { call, session, waiters: [] };
    this.calls.set(call.id, l);
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) this.onEstablished(l);
      else if (s === SessionState.Terminated) this.onTerminated(l);
    });
    const delegate = session.delegate ?? {};
    session.delegate = {
      ...delegate,
      onSessionDescriptionHandler: (sdh) => this.onMedia(l, sdh as Web.SessionDescriptionHandler),
      onInfo: (info) => {
        const m = /Signal\s*=\s*([0-9A-D*#])/i.exec(info.request.body ?? '');
        void info.accept().catch(() => undefined);
        if (m?.[1]) this.emit('call:dtmfReceived', { callId: l.call.id, digit: m[1].toUpperCase() });
      },
      onRefer: (referral) => void this.onRefer(l, referral),
    };
    this.emit('call:created', call);
    return l;
  }

  private onMedia(l: Live, sdh: Web.SessionDescriptionHandler): void {
    if (l.sdh === sdh) return;
    l.sdh = sdh;
    // an outgoing call plays at once (early media: ringback, announcements); an incoming one from
    // the answer on (onEstablished): nothing can arrive before, and the audio element's set-up
    // would only delay the answer itself
    if (!(l.session instanceof Invitation)) this.media.play(l.call.id, sdh.remoteMediaStream);
    const pc = sdh.peerConnection;
    pc?.addEventListener('iceconnectionstatechange', () => this.watchIce(l));
    pc?.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') this.speak(l);
    });
  }

  private onEstablished(l: Live): void {
    if (l.session instanceof Invitation && l.sdh) this.media.play(l.call.id, l.sdh.remoteMediaStream);
    // the windows keep it, so that another engine can end the call if this one dies (dialogs.ts)
    const dialog = l.session.dialog;
    if (dialog) l.call = { ...l.call, dialog: dialogRefOf(dialog) };
    if (!this.move(l, { type: 'established' })) return;
    const pc = l.sdh?.peerConnection;
    if (pc && l.sdh) this.hooks.onCallMedia?.(l.call.id, { remoteStream: l.sdh.remoteMediaStream, peerConnection: pc });
    if (l.byeWhenEstablished) void this.bye(l, 'hung_up_local');
    // we followed a REFER: the old call is handed on
    const from = l.call.replaces ? this.calls.get(l.call.replaces) : undefined;
    if (from && from.followedBy === l.call.id && isConnected(from.call.state)) void this.bye(from, 'transferred');
  }

  private onTerminated(l: Live): void {
    if (l.call.state.name === 'ended') return;
    const s = l.call.state;
    const fallback: EndReason = isConnected(s) || s.name === 'answering' ? 'hung_up_remote' : s.name === 'ringing' ? 'missed' : 'failed';
    let intent = l.endIntent;
    if (s.name === 'transferring' && l.transferDone) intent = { reason: 'transferred' };
    // We accepted a REFER and are calling the target: the transferor may hang this call up
    // before the new one is answered (its fallback BYE). It was handed on all the same.
    if (!intent && l.followedBy && isConnected(s)) intent = { reason: 'transferred' };
    if (l.transferLeg && isConnected(s)) {
      const orig = l.call.consultFor ? this.calls.get(l.call.consultFor) : undefined;
      if (!orig || orig.transferDone || orig.call.state.name === 'transferring') intent = { reason: 'transferred' };
    }
    const tries: CallEvent[] = [];
    if (intent) tries.push({ type: 'end', ...intent });
    tries.push({ type: 'end', reason: fallback }, { type: 'end', reason: 'failed' });
    const moved = tries.some((e) => {
      const next = moveCall(l.call, e, this.now());
      if (next) l.call = next;
      return !!next;
    });
    if (!moved) this.log('error', `call ${l.call.id} could not end from ${s.name}`);
    if (l.iceTimer) clearTimeout(l.iceTimer);
    if (l.quiet?.timer) clearTimeout(l.quiet.timer);
    l.quiet = undefined;
    this.media.stop(l.call.id);
    this.calls.delete(l.call.id);
    this.sessionMedia.drop(l.session);
    for (const w of l.waiters.splice(0)) w();
    this.emit('call:ended', l.call);
    const rec = callRecordOf(l.call);
    if (rec) {
      this.records.push(rec);
      if (this.records.length > MAX_RECORDS) this.records.shift();
      this.emit('call:record', rec);
    }
    // a consult that ends without a transfer leaves the caller on hold
    const orig = l.call.consultFor ? this.calls.get(l.call.consultFor) : undefined;
    if (orig && orig.call.state.name === 'consulting' && orig.call.state.consultId === l.call.id) this.move(orig, { type: 'consultEnded' });
    // a REFER we followed failed: back to the caller we had
    const back = l.call.replaces ? this.calls.get(l.call.replaces) : undefined;
    if (back && back.followedBy === l.call.id && isConnected(back.call.state) && l.call.answeredAt === undefined) {
      back.suspended = false;
      back.followedBy = undefined;
      this.applyTracks(back);
    }
    this.updateRinger();
  }

  private ended(l: Live, timeoutMs = 5000): Promise<void> {
    if (!this.calls.has(l.call.id)) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      l.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  // ---- inbound --------------------------------------------------------------

  private onInvite(inv: Invitation): void {
    const req = inv.request;
    const ident = inv.assertedIdentity ?? inv.remoteIdentity;
    const replaced = inv.replacee ? [...this.calls.values()].find((x) => x.session === inv.replacee) : undefined;
    const queue = queueOf({
      header: req.getHeader('X-Queue') ?? req.getHeader('X-Firstline-Queue'),
      toUser: req.to.uri.user,
      requestUser: req.ruri?.user,
      queues: this.config?.queues ?? [],
    });
    const call = newCall(
      {
        id: newId(),
        direction: 'inbound',
        sipCallId: req.callId,
        remote: { uri: ident.uri.toString(), number: ident.uri.user ?? '', ...(ident.displayName ? { displayName: ident.displayName } : {}) },
        ...(queue !== undefined ? { queue } : {}),
        ...(replaced ? { replaces: replaced.call.id } : {}),
      },
      this.now(),
    );
    const others = [...this.calls.values()].map((x) => x.call.state);
    const decision = replaced ? undefined : decideIncoming(others, { callWaiting: this.config?.callWaiting ?? true, maxCalls: this.config?.maxCalls ?? 3 });
    // its media made ready for the answer (session-media.ts), the microphone asked for before the
    // windows get the call: the first step of getUserMedia is then queued ahead of their work on it
    if (decision && decision.action !== 'reject') this.sessionMedia.prepare(inv, { constraints: AUDIO_ONLY });
    const l = this.track(call, inv);
    inv.delegate = {
      ...inv.delegate,
      onCancel: (cancel) => {
        l.endIntent = { reason: cancelReason(cancel.request.getHeader('Reason')) };
      },
    };
    if (replaced) {
      // we are the target of an attended transfer: the caller replaces the consult call
      replaced.endIntent = { reason: 'transferred' };
      void this.answer(l).catch((e: unknown) => this.log('warn', `replacing call not answered: ${String(e)}`));
      return;
    }
    if (decision?.action === 'reject') {
      l.endIntent = { reason: 'busy', sipStatus: 486 };
      void inv.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    // the ringtone a moment later (RING_DELAY_MS)
    setTimeout(() => this.updateRinger(), RING_DELAY_MS);
  }

  private async answer(l: Live): Promise<void> {
    const inv = l.session;
    if (!(inv instanceof Invitation)) throw new EngineError('INVALID_MOVE', 'not an incoming call');
    if (l.quiet) return; // answered already, the windows not told yet (a second click, the hotkey): nothing to do
    this.require(l, { type: 'answer' }, 'answer');
    // call waiting: whoever we talk to now is put on hold first
    for (const other of this.calls.values()) {
      // (not the call this one replaces: it is about to end)
      if (other !== l && other.call.id !== l.call.replaces && other.call.state.name === 'active') {
        await this.setHold(other, true).catch((e: unknown) => {
          this.log('warn', `hold before answering failed: ${String(e)}`);
          other.suspended = true;
          this.applyTracks(other);
        });
      }
    }
    // The windows hear of the answer once its media is connected (or NOTIFY_ANSWER_MAX_MS after
    // the 200 OK): in the browser host their work on it (render, agent state, presence) shares this
    // thread with the offer/answer and the media set-up, and would delay the audio (bench:call).
    l.quiet = {};
    if (!this.move(l, { type: 'answer' })) {
      l.quiet = undefined;
      throw new EngineError('INVALID_MOVE', `the call is ${l.call.state.name}`);
    }
    try {
      await inv.accept({ sessionDescriptionHandlerOptions: { constraints: AUDIO_ONLY } });
    } catch (e) {
      l.endIntent ??= { reason: 'failed' };
      this.speak(l);
      throw new EngineError('MEDIA_FAILED', `answer failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (l.quiet && l.sdh?.peerConnection?.connectionState === 'connected') this.speak(l);
    else if (l.quiet) l.quiet.timer = setTimeout(() => this.speak(l), NOTIFY_ANSWER_MAX_MS);
  }

  /** Tells the windows where a quiet (just answered) call is now. */
  private speak(l: Live): void {
    if (!l.quiet) return;
    if (l.quiet.timer) clearTimeout(l.quiet.timer);
    l.quiet = undefined;
    if (this.calls.has(l.call.id) && l.call.state.name !== 'ended') this.emit('call:changed', l.call);
  }

  private async decline(l: Live, busy: boolean): Promise<void> {
    const inv = l.session;
    if (!(inv instanceof Invitation) || l.call.state.name !== 'ringing') throw new EngineError('INVALID_MOVE', `cannot decline a call that is ${l.call.state.name}`);
    const status = declineStatus(l.call, busy);
    l.endIntent = { reason: declinedReason(status), sipStatus: status };
    await inv.reject({ statusCode: status });
  }

  // ---- outbound -------------------------------------------------------------

  private async dial(target: string, links: { consultFor?: CallId } = {}): Promise<Live> {
    const ua = this.conn.ua;
    if (!ua || !this.conn.connected) throw new EngineError('NOT_REGISTERED', 'the phone is not connected');
    const uriText = dialTarget(target, this.conn.domain ?? '');
    const uri = uriText ? UserAgent.makeURI(uriText) : undefined;
    if (!uriText || !uri) throw new EngineError('BAD_TARGET', `cannot dial ${target}`);
    if (!links.consultFor) {
      for (const other of this.calls.values()) if (other.call.state.name === 'active') await this.setHold(other, true).catch(() => undefined);
    }
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { constraints: AUDIO_ONLY }, earlyMedia: true });
    const call = newCall({ id: newId(), direction: 'outbound', sipCallId: inviter.request.callId, remote: { uri: uriText, number: uri.user ?? '' }, ...links }, this.now());
    const l = this.track(call, inviter);
    this.invite(l, inviter);
    return l;
  }

  private invite(l: Live, inviter: Inviter): void {
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => {
            if ((r.message.statusCode ?? 0) > 100 && l.call.state.name !== 'early') this.move(l, { type: 'progress' });
          },
          onReject: (r) => {
            const status = r.message.statusCode ?? 500;
            l.endIntent ??= { reason: rejectedReason(status), sipStatus: status };
          },
        },
      })
      .catch((e: unknown) => {
        this.log('warn', `INVITE failed: ${String(e)}`);
        l.endIntent ??= { reason: 'failed' };
        if (inviter.state !== SessionState.Terminated) void inviter.dispose().catch(() => undefined);
      });
  }

  // ---- hang-up, hold, mute, DTMF ---------------------------------------------

  private async hangup(l: Live): Promise<void> {
    switch (hangupAction(l.call.state)) {
      case 'decline':
        return this.decline(l, false);
      case 'cancel':
        l.endIntent = { reason: 'hung_up_local' };
        await (l.session as Inviter).cancel();
        return;
      case 'bye':
        return this.bye(l, l.call.state.name === 'transferring' && l.transferDone ? 'transferred' : 'hung_up_local');
      case 'bye_when_established':
        l.byeWhenEstablished = true;
        l.endIntent = { reason: 'hung_up_local' };
        return;
      case 'none':
        return;
    }
  }

  private async bye(l: Live, reason: EndReason): Promise<void> {
    if (l.session.state !== SessionState.Established) return;
    l.endIntent = { reason };
    await l.session.bye().catch((e: unknown) => this.log('warn', `BYE failed: ${String(e)}`));
  }

  private heldHere(l: Live): boolean {
    const s = l.call.state;
    return s.name === 'held' || s.name === 'consulting' || (s.name === 'transferring' && s.from.name !== 'active');
  }

  /** One re-INVITE at a time per call; `hold` sets the offered direction (sendonly when held). */
  private async reinvite(l: Live, o: { hold: boolean; iceRestart?: boolean }): Promise<void> {
    if (l.session.state !== SessionState.Established) throw new EngineError('INVALID_MOVE', 'the call is not connected');
    if (l.pending) throw new EngineError('PENDING', 'another request is in progress on this call');
    l.pending = true;
    try {
      await new Promise<void>((resolve, reject) => {
        l.session
          .invite({
            sessionDescriptionHandlerOptions: sdhOptions({ hold: o.hold, ...(o.iceRestart ? { offerOptions: { iceRestart: true } } : {}) }),
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (r) => reject(new EngineError('SIP_FAILED', `re-INVITE refused: ${r.message.statusCode} ${r.message.reasonPhrase}`)),
            },
          })
          .catch(reject);
      });
    } finally {
      l.pending = false;
    }
  }

  private async setHold(l: Live, hold: boolean): Promise<void> {
    const e: CallEvent = hold ? { type: 'hold' } : { type: 'resume' };
    this.require(l, e, hold ? 'hold' : 'resume');
    if (hold) {
      // silence both ways at once; the re-INVITE tells the far end
      const pc = l.sdh?.peerConnection;
      for (const x of pc?.getSenders() ?? []) if (x.track) x.track.enabled = false;
    }
    try {
      await this.reinvite(l, { hold });
    } catch (err) {
      this.applyTracks(l);
      throw err;
    } finally {
      l.session.sessionDescriptionHandlerOptionsReInvite = sdhOptions({ hold: this.heldHere(l) });
    }
    this.move(l, e);
    l.session.sessionDescriptionHandlerOptionsReInvite = sdhOptions({ hold: this.heldHere(l) });
  }

  private mute(l: Live, muted: boolean): void {
    if (!canMute(l.call.state)) throw new EngineError('INVALID_MOVE', `cannot mute a call that is ${l.call.state.name}`);
    this.patch(l, { muted });
    this.applyTracks(l);
  }

  private async dtmf(l: Live, digits: string): Promise<{ via: 'rfc4733' | 'info' }> {
    if (!canSendDtmf(l.call.state)) throw new EngineError('INVALID_MOVE', `cannot send digits on a call that is ${l.call.state.name}`);
    if (!DTMF_RE.test(digits)) throw new EngineError('BAD_DIGITS', `not DTMF: ${digits}`);
    const mode = this.config?.dtmf ?? 'auto';
    const sender = l.sdh?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    const dtmf = sender?.dtmf;
    if (mode !== 'info' && dtmf?.canInsertDTMF) {
      dtmf.insertDTMF(digits, 100, 70);
      return { via: 'rfc4733' };
    }
    if (mode === 'rfc4733') throw new EngineError('MEDIA_FAILED', 'RFC 4733 telephone-event was not negotiated on this call');
    for (const d of digits.toUpperCase()) {
      if (d === ',') {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      await l.session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${d}\r\nDuration=100` } } });
    }
    return { via: 'info' };
  }

  // ---- transfers -------------------------------------------------------------

  /** Sends a REFER; resolves once it is accepted (202), rejects when refused. Completion comes by NOTIFY. */
  private refer(l: Live, target: Session | URI, onResult: (ok: boolean, status?: number) => void): Promise<void> {
    let settled = false;
    const finish = (ok: boolean, status?: number) => {
      if (settled) return;
      settled = true;
      onResult(ok, status);
    };
    return new Promise<void>((resolve, reject) => {
      l.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => {
              finish(false, r.message.statusCode);
              reject(new EngineError('TRANSFER_FAILED', `REFER refused: ${r.message.statusCode} ${r.message.reasonPhrase}`));
            },
          },
          onNotify: (n) => {
            void n.accept().catch(() => undefined);
            const status = sipfragStatus(n.request.body);
            if (status !== undefined && status >= 200) finish(status < 300, status);
          },
        })
        .catch((e: unknown) => {
          finish(false);
          reject(e instanceof EngineError ? e : new EngineError('TRANSFER_FAILED', String(e)));
        });
    });
  }

  private transferFailed(l: Live, status?: number): void {
    if (l.call.state.name !== 'transferring') return;
    this.move(l, { type: 'transferFailed' });
    this.emit('phone:error', { code: 'TRANSFER_FAILED', message: `transfer failed${status ? ` (${status})` : ''}`, callId: l.call.id });
    const s = stateOf(l);
    if (s.name === 'consulting' && !this.calls.has(s.consultId)) this.move(l, { type: 'consultEnded' });
  }

  private async blindTransfer(l: Live, target: string): Promise<void> {
    this.require(l, { type: 'transfer' }, 'transfer');
    if (l.call.state.name === 'consulting') throw new EngineError('INVALID_MOVE', 'complete or end the consultation first');
    const uriText = dialTarget(target, this.conn.domain ?? '');
    const uri = uriText ? UserAgent.makeURI(uriText) : undefined;
    if (!uriText || !uri) throw new EngineError('BAD_TARGET', `cannot transfer to ${target}`);
    const waitForAnswer = this.config?.blindTransferHangup === 'answered';
    this.move(l, { type: 'transfer' });
    this.patch(l, { transferTarget: uriText });
    const done = () => {
      l.transferDone = true;
      void this.bye(l, 'transferred');
    };
    await this.refer(l, uri, (ok, status) => {
      if (ok && waitForAnswer) done();
      else if (!ok) this.transferFailed(l, status);
    }).catch((e: unknown) => {
      this.transferFailed(l);
      throw e;
    });
    if (!waitForAnswer) done();
  }

  private async consult(l: Live, target: string): Promise<{ consultId: CallId }> {
    this.require(l, { type: 'consult', consultId: 'x' }, 'consult on');
    if (!dialTarget(target, this.conn.domain ?? '')) throw new EngineError('BAD_TARGET', `cannot dial ${target}`);
    if (l.call.state.name === 'active') await this.setHold(l, true);
    const c = await this.dial(target, { consultFor: l.call.id });
    if (!this.move(l, { type: 'consult', consultId: c.call.id })) {
      await this.hangup(c).catch(() => undefined);
      throw new EngineError('INVALID_MOVE', `the call is ${l.call.state.name}`);
    }
    return { consultId: c.call.id };
  }

  private async completeTransfer(l: Live): Promise<void> {
    const s = l.call.state;
    if (s.name !== 'consulting') throw new EngineError('INVALID_MOVE', `cannot complete a transfer on a call that is ${s.name}`);
    const c = this.calls.get(s.consultId);
    if (!c) throw new EngineError('NO_SUCH_CALL', 'the consult call is gone');
    const cs = c.call.state.name;
    if (cs === 'dialing' || cs === 'early') {
      // not answered yet: drop the consult and hand the caller over blind
      const target = c.call.remote.uri;
      await this.hangup(c);
      await this.ended(c);
      return this.blindTransfer(l, target);
    }
    if (c.session.state !== SessionState.Established || !isConnected(c.call.state)) throw new EngineError('INVALID_MOVE', `the consult call is ${cs}`);
    if (c.call.state.name === 'active') await this.setHold(c, true).catch(() => undefined);
    c.transferLeg = true;
    this.move(l, { type: 'transfer' });
    this.patch(l, { transferTarget: c.call.remote.uri });
    await this.refer(l, c.session, (ok, status) => {
      if (!ok) {
        c.transferLeg = false;
        return this.transferFailed(l, status);
      }
      l.transferDone = true;
      void this.bye(l, 'transferred');
      // the target normally ends the consult leg itself (Replaces); make sure it goes
      setTimeout(() => void this.bye(c, 'transferred'), 1500);
    }).catch((e: unknown) => {
      c.transferLeg = false;
      this.transferFailed(l);
      throw e;
    });
  }

  private async returnToCaller(l: Live): Promise<void> {
    const s = l.call.state;
    if (s.name !== 'consulting' && s.name !== 'held') throw new EngineError('INVALID_MOVE', `cannot return to a call that is ${s.name}`);
    if (s.name === 'consulting') {
      const c = this.calls.get(s.consultId);
      if (c) {
        await this.hangup(c);
        await this.ended(c);
      }
      if (l.call.state.name === 'consulting') this.move(l, { type: 'consultEnded' });
    }
    await this.setHold(l, false);
  }

  /** We are the transferee: follow the REFER with a new call; the old one ends once the new one is answered. */
  private async onRefer(l: Live, referral: Referral): Promise<void> {
    if (!isConnected(l.call.state) || l.followedBy) {
      await referral.reject().catch(() => undefined);
      return;
    }
    await referral.accept().catch(() => undefined);
    l.suspended = true;
    this.applyTracks(l);
    const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: AUDIO_ONLY }, earlyMedia: true });
    const uri = inviter.request.ruri;
    const call = newCall({ id: newId(), direction: 'outbound', sipCallId: inviter.request.callId, remote: { uri: uri.toString(), number: uri.user ?? '' }, replaces: l.call.id }, this.now());
    l.followedBy = call.id;
    const n = this.track(call, inviter);
    this.invite(n, inviter);
  }

  // ---- staying up -------------------------------------------------------------

  private watchIce(l: Live): void {
    const pc = l.sdh?.peerConnection;
    if (!pc) return;
    if (l.iceTimer) clearTimeout(l.iceTimer);
    l.iceTimer = undefined;
    const grace = this.config?.iceRestartAfterMs ?? 4000;
    const since = this.now();
    const check = () => {
      const action = iceAction(pc.iceConnectionState, this.now() - since, grace);
      if (action === 'restart') void this.iceRestart(l, 'watchdog');
      else if (action === 'wait') l.iceTimer = setTimeout(check, Math.max(100, grace - (this.now() - since)));
    };
    check();
  }

  private async iceRestart(l: Live, why: string, tries = 5): Promise<void> {
    if (!this.calls.has(l.call.id) || !isConnected(l.call.state)) return;
    if (l.pending || !this.conn.connected) {
      if (tries > 0) l.iceTimer = setTimeout(() => void this.iceRestart(l, why, tries - 1), 1000);
      return;
    }
    this.log('info', `call ${l.call.id}: ICE restart (${why})`);
    try {
      await this.reinvite(l, { hold: this.heldHere(l), iceRestart: true });
    } catch (e) {
      this.log('warn', `ICE restart failed: ${String(e)}`);
      this.emit('phone:error', { code: 'MEDIA_FAILED', message: `ICE restart failed: ${e instanceof Error ? e.message : String(e)}`, callId: l.call.id });
    } finally {
      l.session.sessionDescriptionHandlerOptionsReInvite = sdhOptions({ hold: this.heldHere(l) });
    }
  }

  /** After a reconnect or a wake: a re-INVITE with an ICE restart renews each call's media path and its route to us. */
  private refreshCallsInProgress(why: string): void {
    for (const l of this.calls.values()) if (isConnected(l.call.state) && l.session.state === SessionState.Established) void this.iceRestart(l, why);
  }

  private wake(): void {
    this.conn.wake();
    if (this.conn.connected) this.refreshCallsInProgress('wake');
  }

  // ---- devices and preflight ---------------------------------------------------

  private async setDevices(choice: DeviceChoice): Promise<DeviceChoice> {
    const r = await this.media.choose(choice);
    if (!r.ok) throw new EngineError('DEVICE_NOT_FOUND', `no such device: ${r.missing}`);
    if (r.microphone) {
      this.sessionMedia.close(); // ringing calls take the new microphone when answered
      for (const l of this.calls.values()) {
        const pc = l.sdh?.peerConnection;
        if (pc) await this.media.replaceMicrophone(pc).catch((e: unknown) => this.log('warn', `microphone swap failed: ${String(e)}`));
      }
    }
    if (r.ringer || r.speaker) {
      this.ringer.stop();
      this.updateRinger();
    }
    const value = this.media.choice;
    this.emit('phone:devices', { devices: await this.media.devices(), choice: value });
    return value;
  }

  private async preflight(): Promise<Preflight> {
    const { microphone, speaker } = await this.media.check();
    const registered = this.conn.registration.status === 'registered';
    const registration = registered ? { ok: true } : { ok: false, detail: `registration is ${this.conn.registration.status}` };
    return { microphone, speaker, registration, ok: microphone.ok && speaker.ok && registered };
  }

  /** Stops everything (page unload, tests). */
  async close(): Promise<void> {
    for (const l of [...this.calls.values()]) await this.hangup(l).catch(() => undefined);
    this.ringer.close();
    this.sessionMedia.close();
    this.media.close();
    await this.conn.stop();
    this.listeners.clear();
  }
}
