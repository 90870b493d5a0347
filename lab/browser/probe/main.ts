/**
 * The lab's page probe (DOM only), injected as an init script before a page's own scripts run,
 * so the product needs no test hook: in the workstation page (lab/workstation/party.ts) and, for
 * bench:call's diagnostics, in the bare lab phone page. It watches, timed on
 * `performance.timeOrigin + performance.now()` (comparable across pages: lab/browser/clock.ts):
 *
 * - every initial SIP INVITE the page receives on a WebSocket (sip.js's transport), by Call-ID,
 *   and every final answer to an INVITE it sends (its 200 OK);
 * - `getUserMedia` calls, and each RTCPeerConnection's steps (remote offer, answer, local
 *   description, ICE gathering);
 * - the ringing UI: when an `article` named `Call from …` holding its `Answer call from …`
 *   button enters the DOM (a MutationObserver), and the next frame after that; optionally it
 *   clicks that button at once (`setAutoAnswer`, bench:call);
 * - what the page plays: every MediaStream given to a media element (`srcObject`). A stream
 *   whose tracks come from an RTCPeerConnection is a call's remote audio (the ringtone's is
 *   not); AnalyserNode tone detectors (../tone-detector.ts, one shared AudioContext) listen to it.
 *
 * English accessible names (src-renderer/README.md): open the page with an en-US locale.
 * Exposed as `window.workstationLab`; the Node side is ../probe-client.ts.
 */
import { createToneDetector, sharedAudioContext, type ToneDetector, type ToneReading } from '../tone-detector';

export type ProbeInvite = { at: number; callId: string };
export type ProbeRinging = { at: number; paintAt?: number; label: string; clickedAt?: number };
export type ProbePlayer = { at: number; remote: boolean; playing: boolean };
export type ProbeTone = { at: number; hz: number; player: number };
export type ProbeHeard = ToneReading & { playing: boolean };
/** A final answer to an INVITE the page sent (the 200 OK of an answered call). */
export type ProbeAnswer = { at: number; callId: string; status: number };
/** One `getUserMedia` call: when it was asked and when the microphone came. */
export type ProbeMic = { at: number; doneAt?: number };
/** A peer connection, for diagnostics: made (`at`, once constructed), its offer/answer steps, ICE gathering, ICE and DTLS connection states. */
export type ProbeConnection = { at: number; steps: Array<{ what: string; at: number }> };

export type WorkstationProbe = {
  now: () => number;
  invites: (from?: number) => ProbeInvite[];
  answers: (from?: number) => ProbeAnswer[];
  mics: (from?: number) => ProbeMic[];
  ringing: (from?: number) => ProbeRinging[];
  players: () => ProbePlayer[];
  /** Click the Answer button of every call that starts ringing from now on, as soon as it shows. */
  setAutoAnswer: (on: boolean) => void;
  /** Listen for `hz` on every remote stream played from now on; detections land in {@link tones}. */
  watchTone: (hz: number | null) => void;
  tones: (from?: number) => ProbeTone[];
  connections: (from?: number) => ProbeConnection[];
  /** Waits up to `timeoutMs` for the newest remote stream the page plays to hold `hz`; null if it never does. */
  hearsTone: (hz: number, timeoutMs: number) => Promise<ProbeHeard | null>;
  /** Share of 10 ms polls over `ms` in which the newest remote stream held `hz`. */
  toneShare: (hz: number, ms: number) => Promise<number>;
};

const now = (): number => performance.timeOrigin + performance.now();
const CALL_FROM = 'Call from ';
const ANSWER = 'Answer call from ';

const invites: ProbeInvite[] = [];
const answers: ProbeAnswer[] = [];
const mics: ProbeMic[] = [];
const ringing: ProbeRinging[] = [];
const tones: ProbeTone[] = [];
type Player = { at: number; el: HTMLMediaElement; stream: MediaStream; detector?: ToneDetector | undefined; released?: boolean };
const players: Player[] = [];
const peerConnections: Array<WeakRef<RTCPeerConnection>> = [];
let autoAnswer = false;
let watchHz: number | null = null;

// ---- SIP INVITEs as the page receives them -------------------------------------------

const NativeWebSocket = window.WebSocket;
const headOf = (text: string): string => {
  const end = text.indexOf('\r\n\r\n');
  return end < 0 ? text : text.slice(0, end);
};
const callIdOf = (head: string): string => /^(?:Call-ID|i):\s*(\S+)/im.exec(head)?.[1] ?? '';
const onSocketMessage = (ev: MessageEvent): void => {
  if (typeof ev.data !== 'string' || !ev.data.startsWith('INVITE ')) return;
  const at = now();
  const head = headOf(ev.data);
  if (/^(To|t):.*;\s*tag=/im.test(head)) return; // a re-INVITE (in dialog)
  invites.push({ at, callId: callIdOf(head) });
};
class ProbedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', onSocketMessage);
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (typeof data === 'string' && data.startsWith('SIP/2.0 ')) {
      const status = Number(data.slice(8, 11));
      const head = headOf(data);
      if (status >= 200 && /^CSeq:\s*\d+\s+INVITE\b/im.test(head)) answers.push({ at: now(), callId: callIdOf(head), status });
    }
    super.send(data);
  }
}
window.WebSocket = ProbedWebSocket;

// ---- the microphone --------------------------------------------------------------------------

const media = navigator.mediaDevices;
if (media?.getUserMedia) {
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    const m: ProbeMic = { at: now() };
    mics.push(m);
    return getUserMedia(constraints).finally(() => {
      m.doneAt = now();
    });
  };
}

// ---- peer connections and what media elements play -------------------------------------

const NativePeerConnection = window.RTCPeerConnection;
const connections: ProbeConnection[] = [];
class ProbedPeerConnection extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peerConnections.push(new WeakRef<RTCPeerConnection>(this));
    const log: ProbeConnection = { at: now(), steps: [] };
    connections.push(log);
    const step = (what: string) => log.steps.push({ what, at: now() });
    this.addEventListener('icegatheringstatechange', () => step(`gathering:${this.iceGatheringState}`));
    this.addEventListener('iceconnectionstatechange', () => step(`ice:${this.iceConnectionState}`));
    this.addEventListener('connectionstatechange', () => step(`connection:${this.connectionState}`));
    // the offer/answer steps, timed (own properties shadow the prototype's methods)
    const self = this as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const [method, what] of [
      ['setRemoteDescription', 'remote'],
      ['createAnswer', 'answer'],
      ['setLocalDescription', 'local'],
    ] as const) {
      const original = self[method]!.bind(this);
      self[method] = (...args: unknown[]) => {
        step(`${what}:start`);
        return original(...args).finally(() => step(`${what}:done`));
      };
    }
  }
}
window.RTCPeerConnection = ProbedPeerConnection;

const isRemote = (stream: MediaStream): boolean => {
  const tracks = stream.getAudioTracks();
  if (tracks.length === 0) return false;
  return peerConnections.some((ref) => {
    const pc = ref.deref();
    return !!pc && pc.getReceivers().some((r) => tracks.includes(r.track));
  });
};

const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
if (srcObject?.set && srcObject.get) {
  const { get, set } = srcObject;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    enumerable: srcObject.enumerable ?? true,
    get(this: HTMLMediaElement) {
      return get.call(this) as MediaProvider | null;
    },
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      for (const p of players) if (p.el === this && p.stream !== value) release(p);
      set.call(this, value);
      if (value instanceof MediaStream) onPlayer(this, value);
    },
  });
}

function onPlayer(el: HTMLMediaElement, stream: MediaStream): void {
  const p: Player = { at: now(), el, stream };
  players.push(p);
  const index = players.length - 1;
  const hz = watchHz;
  if (hz === null) return;
  // sip.js hands the stream over before the remote description adds its tracks: wait for
  // them; a stream that never gets a connection's track (the ringtone) is let go with its element
  const tracksBy = performance.now() + 3000;
  const listen = (): void => {
    if (p.released || performance.now() > tracksBy) return;
    if (!isRemote(stream)) {
      setTimeout(listen, 5);
      return;
    }
    void detectorOf(p)
      .waitFor(hz, 15_000)
      .then((r) => {
        if (r) tones.push({ at: now(), hz, player: index });
      });
  };
  listen();
}

const newestRemote = (): Player | undefined => [...players].reverse().find((p) => !p.released && isRemote(p.stream));

/** The element plays something else now (the call ended): its detector's AudioContext goes. */
function release(p: Player): void {
  p.detector?.close();
  p.detector = undefined;
  p.released = true;
}

function detectorOf(p: Player): ToneDetector {
  p.detector ??= createToneDetector(p.stream, sharedAudioContext());
  return p.detector;
}

async function waitRemote(timeoutMs: number): Promise<Player | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const p = newestRemote();
    if (p || performance.now() > deadline) return p;
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---- the ringing UI ------------------------------------------------------------------------

const seen = new WeakSet<Element>();
const observer = new MutationObserver(() => {
  for (const article of document.querySelectorAll(`article[aria-label^="${CALL_FROM}"]`)) {
    if (seen.has(article)) continue;
    const button = article.querySelector<HTMLButtonElement>(`button[aria-label^="${ANSWER}"]`);
    if (!button) continue;
    seen.add(article);
    const r: ProbeRinging = { at: now(), label: article.getAttribute('aria-label') ?? '' };
    ringing.push(r);
    requestAnimationFrame(() => {
      r.paintAt = now();
    });
    if (autoAnswer) {
      r.clickedAt = now();
      button.click();
    }
  }
});
observer.observe(document, { childList: true, subtree: true });

// ---- the API -------------------------------------------------------------------------------

const api: WorkstationProbe = {
  now,
  invites: (from = 0) => invites.slice(from),
  answers: (from = 0) => answers.slice(from),
  mics: (from = 0) => mics.slice(from).map((m) => ({ ...m })),
  ringing: (from = 0) => ringing.slice(from).map((r) => ({ ...r })),
  players: () => players.map((p) => ({ at: p.at, remote: isRemote(p.stream), playing: p.el.srcObject === p.stream && !p.el.paused })),
  setAutoAnswer: (on) => {
    autoAnswer = on;
  },
  watchTone: (hz) => {
    watchHz = hz;
    if (hz !== null) sharedAudioContext(); // made now, not while a call is being set up
  },
  tones: (from = 0) => tones.slice(from),
  connections: (from = 0) => connections.slice(from).map((c) => ({ at: c.at, steps: [...c.steps] })),
  hearsTone: async (hz, timeoutMs) => {
    const start = performance.now();
    const p = await waitRemote(timeoutMs);
    if (!p) return null;
    const r = await detectorOf(p).waitFor(hz, Math.max(0, timeoutMs - (performance.now() - start)));
    return r ? { ...r, playing: !p.el.paused } : null;
  },
  toneShare: async (hz, ms) => {
    const p = await waitRemote(2000);
    if (!p) throw new Error('the page plays no remote audio');
    return detectorOf(p).share(hz, ms);
  },
};

(window as unknown as { workstationLab: WorkstationProbe }).workstationLab = api;
