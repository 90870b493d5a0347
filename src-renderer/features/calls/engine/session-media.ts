/**
 * The sip.js session description handlers (SDH: a call's RTCPeerConnection and its local
 * media) of the engine, made by our own factory so that an incoming call's media can be made
 * ready while it rings ({@link SessionMedia.prepare}): the microphone opens at once and the
 * peer connection is made with it once the windows have shown the call (at once where the
 * engine has a process of its own). Answering
 * then only negotiates (remote offer, answer, ICE gathering) instead of first waiting for
 * `getUserMedia` and the connection: 30–60 ms of the answer in the browser host, where the UI
 * shares the thread (bench:call). Nothing is sent before the answer: without a remote
 * description there is no ICE and no media.
 *
 * ```
 * INVITE ──► prepare(invitation): microphone opening; 50 ms later: new SDH (peer connection) + microphone on it
 *   ├─ answered: sip.js asks the factory for the call's SDH ──► the prepared one (or one fed that microphone)
 *   └─ ended unanswered (missed, declined, answered elsewhere) ──► drop(invitation): closed, microphone off
 * ```
 */
import { Web, type Session } from 'sip.js';

type Options = Web.SessionDescriptionHandlerOptions;
type FactoryOptions = Web.SessionDescriptionHandlerFactoryOptions | undefined;

const stopTracks = (s: MediaStream): void => s.getTracks().forEach((t) => t.stop());

/** How long after the INVITE a ringing call's peer connection is made (see {@link SessionMedia.prepare}). */
const CONNECTION_DELAY_MS = 50;

/** A sip.js SDH whose local media can be set up ahead of the offer/answer. */
class PreparedHandler extends Web.SessionDescriptionHandler {
  private preparing: Promise<void> | undefined;
  /** Closed (the call is over): a microphone that opens now is closed at once. */
  closed = false;

  override close(): void {
    this.closed = true;
    super.close();
  }

  /** Opens the microphone (through the media stream factory) and puts it on the connection now. */
  prepareLocalMedia(options: Options): void {
    this.preparing = super.getLocalMediaStream(options).catch(() => {
      // sip.js notes the constraints before the microphone opens: forget them, the answer tries again
      (this as unknown as { localMediaStreamConstraints?: unknown }).localMediaStreamConstraints = undefined;
    });
  }

  /** sip.js's first step of every offer/answer: waits for the preparation, if any (then has nothing left to do). */
  protected override getLocalMediaStream(options?: Options): Promise<void> {
    const p = this.preparing;
    this.preparing = undefined;
    return p ? p.then(() => super.getLocalMediaStream(options)) : super.getLocalMediaStream(options);
  }
}

/** What is ready for a ringing call: the microphone (opening), then its SDH. */
type Ready = { mic: Promise<MediaStream>; micTaken: boolean; sdh?: PreparedHandler };

export class SessionMedia {
  private readonly ready = new Map<Session, Ready>();

  /**
   * @param streams opens the microphone (the engine's `MediaControl.streamFactory`)
   * @param connectionDelayMs after the INVITE, when the peer connection is made: by default once
   *   the windows have shown the call (they share the thread when the engine runs in the page); 0
   *   where the engine has a process of its own
   */
  constructor(
    private readonly streams: () => Promise<MediaStream>,
    private readonly connectionDelayMs = CONNECTION_DELAY_MS,
  ) {}

  /** The factory for sip.js (`sessionDescriptionHandlerFactory`): a call's prepared SDH, else a new one. */
  readonly factory: Web.SessionDescriptionHandlerFactory = (session, options) => {
    const r = this.ready.get(session);
    if (!r) return this.make(session, options);
    this.ready.delete(session);
    return r.sdh ?? this.make(session, options, r);
  };

  /**
   * What sip.js's default factory does (sip.js's peer connection defaults, a 5 s ICE gathering
   * timeout unless configured), with `r`'s microphone as the first one the call asks for.
   */
  private make(session: Session, options: FactoryOptions, r?: Ready): PreparedHandler {
    const config: Web.SessionDescriptionHandlerConfiguration = {
      iceGatheringTimeout: options?.iceGatheringTimeout ?? 5000,
      peerConnectionConfiguration: { ...Web.defaultPeerConnectionConfiguration(), ...options?.peerConnectionConfiguration },
    };
    const open = (): Promise<MediaStream> => {
      if (r && !r.micTaken) {
        r.micTaken = true;
        return r.mic;
      }
      return this.streams();
    };
    const streams: Web.MediaStreamFactory = () =>
      open().then((s) => {
        if (!sdh.closed) return s;
        stopTracks(s);
        throw new Error('the call ended before the microphone opened');
      });
    const sdh = new PreparedHandler(session.userAgent.getLogger('sip.SessionDescriptionHandler'), streams, config);
    return sdh;
  }

  /** An incoming call rings: make its media ready for the answer (`options`: what the answer will ask for). */
  prepare(session: Session, options: Options): void {
    if (this.ready.has(session)) return;
    const mic = this.streams();
    mic.catch(() => undefined); // a failure shows when the call is answered (it opens the microphone again)
    const r: Ready = { mic, micTaken: false };
    this.ready.set(session, r);
    // the connection once the windows have shown the call: making it costs 5–10 ms of the thread
    // the call card needs first (a timer of 0 ms ran before the windows' message); an answer that
    // comes sooner makes it itself, with this microphone
    setTimeout(() => {
      if (this.ready.get(session) !== r || r.micTaken) return;
      // sip.js types the UA's factory options as `object`; they are the web SDH's (connection.ts sets them)
      r.sdh = this.make(session, session.userAgent.configuration.sessionDescriptionHandlerFactoryOptions as FactoryOptions, r);
      r.sdh.prepareLocalMedia(options);
    }, this.connectionDelayMs);
  }

  /** The call ended without sip.js taking its prepared media: close it (the microphone goes off). */
  drop(session: Session): void {
    const r = this.ready.get(session);
    if (!r) return;
    this.ready.delete(session);
    if (r.sdh) r.sdh.close();
    else if (!r.micTaken) void r.mic.then(stopTracks, () => undefined);
  }

  /** Closes everything still prepared (the engine stops, or the microphone choice changed: a ringing call opens the new one when answered). */
  close(): void {
    for (const s of [...this.ready.keys()]) this.drop(s);
  }
}
