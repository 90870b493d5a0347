/**
 * The ringtone, generated with WebAudio (no file needed) or played from a file
 * (e.g. one in resources/), on its own output device: `ring` on the ringer
 * device when a call rings and the agent is free, `waiting` (a short beep
 * every few seconds) on the headset when a second call rings during a call.
 *
 * One AudioContext and one audio element for the whole engine, made by
 * {@link Ringer.prepare} (when the phone starts) and kept, suspended between
 * rings: creating an AudioContext took 5–15 ms of the page's main thread
 * (bench:call), and the first ring is when the call card must show and the
 * Answer click must reach sip.js without waiting for it.
 */
import { setSink } from './media';

export type RingMode = 'ring' | 'waiting';

/** On/off cadence and tones: ring 2 s on, 4 s off (two tones); waiting one 300 ms beep every 3 s. */
const PATTERNS: Record<RingMode, { tones: number[]; onMs: number; periodMs: number; gain: number }> = {
  ring: { tones: [440, 480], onMs: 2000, periodMs: 6000, gain: 0.15 },
  waiting: { tones: [440], onMs: 300, periodMs: 3000, gain: 0.08 },
};

type Tones = { ctx: AudioContext; dest: MediaStreamAudioDestinationNode; el: HTMLAudioElement };

export class Ringer {
  private mode: RingMode | undefined;
  private sinkId: string | undefined;
  private tones: Tones | undefined;
  private fileEl: HTMLAudioElement | undefined;
  /** What the current ring plays into (disconnected on stop: its oscillators fall silent). */
  private out: GainNode | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** @param fileUrl a ringtone file to loop for `ring` instead of the generated tone */
  constructor(private readonly fileUrl?: string) {}

  get playing(): RingMode | undefined {
    return this.mode;
  }

  /** Makes the AudioContext and the element ahead of the first ring (cheap when done already). */
  prepare(): void {
    if (this.tones || typeof AudioContext === 'undefined') return;
    const ctx = new AudioContext();
    const dest = ctx.createMediaStreamDestination();
    const el = new Audio();
    el.srcObject = dest.stream;
    this.tones = { ctx, dest, el };
    if (ctx.state === 'running') void ctx.suspend().catch(() => undefined);
  }

  /** Starts (or switches to) `mode` on `sinkId`; a no-op when already so. */
  play(mode: RingMode, sinkId: string | undefined): void {
    if (this.mode === mode && this.sinkId === sinkId) return;
    this.stop();
    this.mode = mode;
    this.sinkId = sinkId;
    let el: HTMLAudioElement;
    if (mode === 'ring' && this.fileUrl) {
      this.fileEl ??= Object.assign(new Audio(this.fileUrl), { loop: true });
      el = this.fileEl;
      el.currentTime = 0;
    } else {
      this.prepare();
      const t = this.tones;
      if (!t) return;
      el = t.el;
      const out = t.ctx.createGain();
      out.connect(t.dest);
      this.out = out;
      const p = PATTERNS[mode];
      const burst = () => {
        const t0 = t.ctx.currentTime + 0.02;
        const gain = t.ctx.createGain();
        gain.gain.value = p.gain;
        gain.connect(out);
        for (const hz of p.tones) {
          const osc = t.ctx.createOscillator();
          osc.frequency.value = hz;
          osc.connect(gain);
          osc.start(t0);
          osc.stop(t0 + p.onMs / 1000);
        }
      };
      burst();
      this.timer = setInterval(burst, p.periodMs);
      if (t.ctx.state !== 'running') void t.ctx.resume().catch(() => undefined);
    }
    void setSink(el, sinkId).catch(() => undefined);
    void el.play().catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.out?.disconnect();
    this.out = undefined;
    this.fileEl?.pause();
    const t = this.tones;
    if (t && this.mode !== undefined) {
      t.el.pause();
      void t.ctx.suspend().catch(() => undefined);
    }
    this.mode = undefined;
  }

  /** Lets go of the AudioContext (the engine closes). */
  close(): void {
    this.stop();
    const t = this.tones;
    this.tones = undefined;
    if (t) {
      t.el.srcObject = null;
      void t.ctx.close().catch(() => undefined);
    }
    if (this.fileEl) this.fileEl.removeAttribute('src');
    this.fileEl = undefined;
  }
}
