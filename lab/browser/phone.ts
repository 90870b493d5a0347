/**
 * A bare sip.js softphone page for the lab (not the product's phone engine):
 * registers over WebSocket with ephemeral credentials, takes and makes calls,
 * and checks what it hears with the AnalyserNode tone detector. The test side
 * drives it through `window.labPhone` (see {@link LabPhoneApi}).
 * Served by lab/browser/server.ts; `sip.js` comes from an import map.
 */
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, type Session, type Web } from 'sip.js';
import { createToneDetector, sharedAudioContext, type ToneDetector, type ToneReading } from './tone-detector.js';

export type PhoneStartOptions = {
  wsUrl: string;
  aor: string;
  username: string;
  password: string;
  /** Answer every incoming call at once, in the page (bench:call's peer). */
  autoAnswer?: boolean;
  /** Listen for this tone on every call's remote audio from the start; the time it is heard lands in `times.heard`. */
  listenHz?: number;
};
/**
 * When things happened on a call, in ms on `performance.timeOrigin + performance.now()`
 * (comparable across the browsers of one machine: lab/browser/clock.ts).
 */
export type CallTimes = {
  /** The first INVITE went out on the transport. */
  inviteSent?: number;
  /** The INVITE reached the page (sip.js's `onInvite`). */
  inviteReceived?: number;
  established?: number;
  /** The `listenHz` tone was detected in the remote audio. */
  heard?: number;
};
export type RegisterResult = { ok: boolean; status?: number; reason?: string };
export type CallInfo = {
  id: string;
  /** SIP Call-ID of the dialog (as seen by this UA). */
  callId: string;
  direction: 'in' | 'out';
  state: string;
  /** Caller (incoming) or callee (outgoing) URI. */
  remote: string;
  /** The incoming INVITE was CANCELled (another agent answered, or the caller gave up). */
  cancelled: boolean;
  /** DTMF digits received by SIP INFO (application/dtmf-relay). */
  dtmf: string;
  events: string[];
  times: CallTimes;
};

export type LabPhoneApi = {
  /** Starts the page's UserAgent and registers it. */
  start: (o: PhoneStartOptions) => Promise<RegisterResult>;
  /** One REGISTER attempt with a separate, throw-away UserAgent (for refused credentials). */
  tryRegister: (o: PhoneStartOptions) => Promise<RegisterResult>;
  calls: () => CallInfo[];
  answer: (id: string) => Promise<void>;
  dial: (target: string) => Promise<string>;
  hangup: (id: string) => Promise<void>;
  hearsTone: (id: string, hz: number, timeoutMs: number) => Promise<ToneReading | null>;
  toneShare: (id: string, hz: number, ms: number) => Promise<number>;
  stop: () => Promise<void>;
};

type Call = CallInfo & { session: Session; detector?: ToneDetector; media?: HTMLAudioElement };

const calls = new Map<string, Call>();
let ua: UserAgent | undefined;
let registerer: Registerer | undefined;
let mode: Pick<PhoneStartOptions, 'autoAnswer' | 'listenHz'> = {};

const now = (): number => performance.timeOrigin + performance.now();

/** Raw capture: browser processing dropped levels by ~25 dB once a second call opened (LAB.md). */
const constraints = { audio: { echoCancellation: false, autoGainControl: false, noiseSuppression: false }, video: false };

function attachMedia(call: Call): void {
  const sdh = call.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  if (!sdh || call.detector) return;
  const stream = sdh.remoteMediaStream;
  const media = new Audio();
  media.srcObject = stream;
  media.muted = true; // Chrome feeds WebAudio from a remote stream only once it is attached to an element
  void media.play().catch(() => undefined);
  call.media = media;
  const hz = mode.listenHz;
  // a page that times calls listens through one AudioContext made ahead (as the workstation's probe does)
  call.detector = hz !== undefined ? createToneDetector(stream, sharedAudioContext()) : createToneDetector(stream);
  if (hz !== undefined)
    void call.detector.waitFor(hz, 15_000).then((r) => {
      if (r) call.times.heard = now();
    });
}

function track(session: Session, direction: 'in' | 'out', remote: string): Call {
  const call: Call = { id: session.id, callId: session instanceof Invitation ? session.request.callId : (session as Inviter).request.callId, direction, state: session.state, remote, cancelled: false, dtmf: '', events: [], times: {}, session };
  calls.set(call.id, call);
  session.stateChange.addListener((s) => {
    call.state = s;
    call.events.push(s);
    if (s === SessionState.Established) call.times.established = now();
    if (s === SessionState.Established) attachMedia(call);
    if (s === SessionState.Terminated) {
      call.detector?.close();
      call.media?.remove();
    }
  });
  const onInfo: NonNullable<NonNullable<Session['delegate']>['onInfo']> = (info) => {
    const body = info.request.body ?? '';
    const m = /Signal\s*=\s*([0-9A-D*#])/i.exec(body);
    if (m?.[1]) call.dtmf += m[1];
    call.events.push(`info:${m?.[1] ?? '?'}`);
    void info.accept();
  };
  if (session instanceof Invitation) {
    session.delegate = {
      onCancel: () => {
        call.cancelled = true;
        call.events.push('cancel');
      },
      onInfo,
    };
  } else {
    session.delegate = { onInfo };
  }
  return call;
}

function makeUserAgent(o: PhoneStartOptions, takeCalls: boolean): UserAgent {
  const uri = UserAgent.makeURI(o.aor);
  if (!uri) throw new Error(`bad AOR ${o.aor}`);
  return new UserAgent({
    uri,
    transportOptions: { server: o.wsUrl },
    authorizationUsername: o.username,
    authorizationPassword: o.password,
    logLevel: 'warn',
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] }, // never Google's STUN: the lab has no network
      iceGatheringTimeout: 500,
    },
    delegate: takeCalls ? { onInvite } : {},
  });
}

function onInvite(invitation: Invitation): void {
  const call = track(invitation, 'in', invitation.remoteIdentity.uri.toString());
  call.times.inviteReceived = now();
  if (mode.autoAnswer) void invitation.accept({ sessionDescriptionHandlerOptions: { constraints } }).catch(() => undefined);
}

/** Notes when each call's first INVITE leaves on the transport. */
function timeInvites(agent: UserAgent): void {
  const transport = agent.transport;
  const send = transport.send.bind(transport);
  transport.send = (message: string) => {
    if (message.startsWith('INVITE ')) {
      const end = message.indexOf('\r\n\r\n');
      const head = end < 0 ? message : message.slice(0, end);
      const callId = /^(?:Call-ID|i):\s*(\S+)/im.exec(head)?.[1];
      const call = [...calls.values()].find((c) => c.callId === callId);
      if (call && call.times.inviteSent === undefined && !/^(To|t):.*;\s*tag=/im.test(head)) call.times.inviteSent = now();
    }
    return send(message);
  };
}

function register(reg: Registerer): Promise<RegisterResult> {
  return new Promise<RegisterResult>((resolve) => {
    reg
      .register({
        requestDelegate: {
          onAccept: () => resolve({ ok: true }),
          onReject: (r) => resolve({ ok: false, status: r.message.statusCode, reason: r.message.reasonPhrase }),
        },
      })
      .catch((e: unknown) => resolve({ ok: false, reason: String(e) }));
  });
}

function need(id: string): Call {
  const c = calls.get(id);
  if (!c) throw new Error(`no call ${id}`);
  return c;
}

const api: LabPhoneApi = {
  async start(o) {
    mode = { ...(o.autoAnswer ? { autoAnswer: true } : {}), ...(o.listenHz !== undefined ? { listenHz: o.listenHz } : {}) };
    if (mode.listenHz !== undefined) sharedAudioContext();
    ua = makeUserAgent(o, true);
    timeInvites(ua);
    await ua.start();
    registerer = new Registerer(ua);
    return register(registerer);
  },

  async tryRegister(o) {
    const probe = makeUserAgent(o, false);
    await probe.start();
    const reg = new Registerer(probe);
    const result = await register(reg);
    if (reg.state === RegistererState.Registered) await reg.unregister().catch(() => undefined);
    await probe.stop();
    return result;
  },

  calls: () =>
    [...calls.values()].map(({ id, callId, direction, state, remote, cancelled, dtmf, events, times }) => ({ id, callId, direction, state, remote, cancelled, dtmf, events: [...events], times: { ...times } })),

  async answer(id) {
    const s = need(id).session;
    if (!(s instanceof Invitation)) throw new Error(`${id} is not incoming`);
    await s.accept({ sessionDescriptionHandlerOptions: { constraints } });
  },

  async dial(target) {
    if (!ua) throw new Error('not started');
    const to = UserAgent.makeURI(target);
    if (!to) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(ua, to, { sessionDescriptionHandlerOptions: { constraints } });
    const call = track(inviter, 'out', target);
    await inviter.invite();
    return call.id;
  },

  async hangup(id) {
    const s = need(id).session;
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter) await s.cancel();
    else if (s instanceof Invitation && s.state === SessionState.Initial) await s.reject();
  },

  async hearsTone(id, hz, timeoutMs) {
    const c = need(id);
    const deadline = performance.now() + timeoutMs;
    while (!c.detector && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (!c.detector) return null;
    return c.detector.waitFor(hz, Math.max(0, deadline - performance.now()));
  },

  async toneShare(id, hz, ms) {
    const d = need(id).detector;
    if (!d) throw new Error(`call ${id} has no media`);
    return d.share(hz, ms);
  },

  async stop() {
    for (const c of calls.values()) {
      if (c.session.state === SessionState.Established) await c.session.bye().catch(() => undefined);
    }
    if (registerer?.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    if (ua) await ua.stop();
  },
};

(window as unknown as { labPhone: LabPhoneApi }).labPhone = api;
document.title = 'lab phone ready';
