/**
 * Tone files and tone detection for the lab's audio checks.
 *
 * - `makeToneWav`: a sine WAV made by sox (48 kHz mono 16-bit by default), e.g.
 *   for Chromium's `--use-file-for-fake-audio-capture` (which loops it).
 * - `readWav` + `analyseTone`: a deterministic Goertzel detector over a
 *   recording (baresip's sndfile dumps): in 100 ms frames, is the energy at
 *   the given frequency loud enough and the dominant part of the frame?
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const SOX_BIN = '/usr/bin/sox';

/** Writes a sine of `hz` to `path` with sox. */
export function makeToneWav(path: string, hz: number, opts: { seconds?: number; rate?: number; volume?: number } = {}): string {
  const { seconds = 10, rate = 48_000, volume = 0.5 } = opts;
  execFileSync(SOX_BIN, ['-n', '-r', String(rate), '-c', '1', '-b', '16', path, 'synth', String(seconds), 'sine', String(hz), 'vol', String(volume)]);
  return path;
}

export type Wav = { sampleRate: number; channels: number; /** first channel, in [-1, 1) */ samples: Float32Array };

/**
 * Parses a PCM WAV (16/24/32-bit integer or 32-bit float). A data chunk whose
 * size was never written (file still open) is read to the end of the file.
 */
export function readWav(pathOrBuffer: string | Buffer): Wav {
  const buf = typeof pathOrBuffer === 'string' ? readFileSync(pathOrBuffer) : pathOrBuffer;
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let off = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    let size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      let format = buf.readUInt16LE(body);
      if (format === 0xfffe && size >= 26) format = buf.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE
      fmt = { format, channels: buf.readUInt16LE(body + 2), rate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data before fmt');
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      return { sampleRate: fmt.rate, channels: fmt.channels, samples: decode(buf.subarray(body, body + size), fmt) };
    }
    off = body + size + (size % 2);
  }
  throw new Error('WAV without data chunk');
}

function decode(data: Buffer, fmt: { format: number; channels: number; bits: number }): Float32Array {
  const bytes = fmt.bits / 8;
  const frame = bytes * fmt.channels;
  const n = Math.floor(data.length / frame);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * frame;
    if (fmt.format === 3 && fmt.bits === 32) out[i] = data.readFloatLE(o);
    else if (fmt.format === 1 && fmt.bits === 16) out[i] = data.readInt16LE(o) / 32768;
    else if (fmt.format === 1 && fmt.bits === 24) out[i] = data.readIntLE(o, 3) / 8388608;
    else if (fmt.format === 1 && fmt.bits === 32) out[i] = data.readInt32LE(o) / 2147483648;
    else throw new Error(`unsupported WAV format ${fmt.format}/${fmt.bits} bits`);
  }
  return out;
}

/**
 * Amplitude (0..1, full scale sine = 1) of the component at `hz` in
 * `x[start, start+n)`, by Goertzel over a Hann window.
 */
export function goertzelAmplitude(x: Float32Array, start: number, n: number, hz: number, sampleRate: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const s0 = (x[start + i] ?? 0) * hann + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // a Hann window's coherent gain is 0.5: |X| = A * n / 4
  return (4 * Math.sqrt(Math.max(power, 0))) / n;
}

export type ToneAnalysis = {
  hz: number;
  /** 100 ms frames analysed. */
  frames: number;
  /** Frames where the tone is present. */
  framesWithTone: number;
  /** Seconds of audio holding the tone. */
  secondsWithTone: number;
  /** Loudest amplitude of the tone in any frame, dBFS. */
  peakDbfs: number;
};

/**
 * Frames of 100 ms where the tone at `hz` is at least `minDbfs` and carries at
 * least `minShare` of the frame's energy (a pure tone through G.711 carries ~1,
 * silence or another tone ~0).
 */
export function analyseTone(wav: Wav, hz: number, opts: { minDbfs?: number; minShare?: number } = {}): ToneAnalysis {
  const { frames, peak } = toneFrames(wav, hz, opts);
  const framesWithTone = frames.filter(Boolean).length;
  return { hz, frames: frames.length, framesWithTone, secondsWithTone: framesWithTone / 10, peakDbfs: 20 * Math.log10(peak + 1e-12) };
}

/** Per 100 ms frame: is the tone at `hz` present (same test as {@link analyseTone})? Also the loudest amplitude seen. */
export function toneFrames(wav: Wav, hz: number, opts: { minDbfs?: number; minShare?: number } = {}): { frames: boolean[]; peak: number } {
  const { minDbfs = -40, minShare = 0.5 } = opts;
  const n = Math.round(wav.sampleRate / 10);
  const x = wav.samples;
  const frames: boolean[] = [];
  let peak = 0;
  for (let start = 0; start + n <= x.length; start += n) {
    const a = goertzelAmplitude(x, start, n, hz, wav.sampleRate);
    let sq = 0;
    for (let i = start; i < start + n; i++) sq += (x[i] ?? 0) ** 2;
    const meanSquare = sq / n;
    const share = meanSquare > 0 ? (a * a) / 2 / meanSquare : 0;
    peak = Math.max(peak, a);
    frames.push(20 * Math.log10(a + 1e-12) >= minDbfs && share >= minShare);
  }
  return { frames, peak };
}

/** The recording as runs of tone / no tone, in seconds, e.g. [{tone: true, seconds: 1.6}, {tone: false, seconds: 2.4}, …]. */
export function toneRuns(wav: Wav, hz: number): Array<{ tone: boolean; seconds: number }> {
  const runs: Array<{ tone: boolean; frames: number }> = [];
  for (const f of toneFrames(wav, hz).frames) {
    const last = runs.at(-1);
    if (last && last.tone === f) last.frames++;
    else runs.push({ tone: f, frames: 1 });
  }
  return runs.map((r) => ({ tone: r.tone, seconds: r.frames / 10 }));
}

/** True when the recording holds at least `minSeconds` of the tone at `hz`. */
export function wavHasTone(path: string, hz: number, minSeconds = 0.5): boolean {
  return analyseTone(readWav(path), hz).secondsWithTone >= minSeconds;
}
