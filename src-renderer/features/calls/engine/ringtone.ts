/**
 * The ringtone, generated with WebAudio (no file needed) or played from a file
 * (e.g. one in resources/), on its own output device: `ring` on the ringer
 * device when a call rings and the agent is free, `waiting` (a short beep
 * every few seconds) on the headset when a second call rings during a call.
 */
import { setSink } from './media';

export type RingMode = 'ring' | 'waiting';

/** On/off cadence and tones: ring 2 s on, 4 s off (two tones); waiting one 300 ms beep every 3 s. */
const PATTERNS: Record<RingMode, { tones: number[]; onMs: number; periodMs: number; gain: number }> = {
  ring: { tones: [440, 480], onMs: 2000, periodMs: 6000, gain: 0.15 },
  waiting: { tones: [440], onMs: 300, periodMs: 3000, gain: 0.08 },
};

export class Ringer {
  private mode: RingMode | undefined;
  private sinkId: string | undefined;
  private ctx: AudioContext | undefined;
  private el: HTMLAudioElement | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** @param fileUrl a ringtone file to loop for `ring` instead of the generated tone */
  constructor(private readonly fileUrl?: string) {}

  get playing(): RingMode | undefined {
    return this.mode;
  }

  /** Starts (or switches to) `mode` on `sinkId`; a no-op when already so. */
  play(mode: RingMode, sinkId: string | undefined): void {
    if (this.mode === mode && this.sinkId === sinkId) return;
    this.stop();
    this.mode = mode;
    this.sinkId = sinkId;
    const el = new Audio();
    this.el = el;
    if (mode === 'ring' && this.fileUrl) {
      el.src = this.fileUrl;
      el.loop = true;
    } else {
      const ctx = new AudioContext();
      this.ctx = ctx;
      const dest = ctx.createMediaStreamDestination();
      el.srcObject = dest.stream;
      const p = PATTERNS[mode];
      const burst = () => {
        const t0 = ctx.currentTime + 0.02;
        const gain = ctx.createGain();
        gain.gain.value = p.gain;
        gain.connect(dest);
        for (const hz of p.tones) {
          const osc = ctx.createOscillator();
          osc.frequency.value = hz;
          osc.connect(gain);
          osc.start(t0);
          osc.stop(t0 + p.onMs / 1000);
        }
      };
      burst();
      this.timer = setInterval(burst, p.periodMs);
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    }
    void setSink(el, sinkId).catch(() => undefined);
    void el.play().catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.el) {
      this.el.pause();
      this.el.srcObject = null;
      this.el.removeAttribute('src');
    }
    this.el = undefined;
    void this.ctx?.close().catch(() => undefined);
    this.ctx = undefined;
    this.mode = undefined;
  }
}
