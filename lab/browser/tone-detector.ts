/**
 * Page-side tone detector (runs in Chromium): an AnalyserNode on a remote
 * MediaStream (fftSize 8192, no smoothing), polled every 10 ms. A tone is
 * present when the peak within ±3 bins of its frequency is above −50 dBFS and
 * 40 dB above the spectrum's median (LAB.md). DOM only, no imports.
 */

export type ToneReading = { hz: number; peakDb: number; medianDb: number; present: boolean };

export type ToneDetector = {
  /** One reading now. */
  read: (hz: number) => ToneReading;
  /** Resolves with the first reading where the tone was present `consecutive` polls in a row, or null at the timeout. */
  waitFor: (hz: number, timeoutMs: number, consecutive?: number) => Promise<ToneReading | null>;
  /** Share (0..1) of 10 ms polls during `ms` where the tone was present. */
  share: (hz: number, ms: number) => Promise<number>;
  close: () => void;
};

export const TONE_MIN_PEAK_DB = -50;
export const TONE_MIN_ABOVE_MEDIAN_DB = 40;
const POLL_MS = 10;

/**
 * A detector on `stream`. Given `shared`, it listens through that AudioContext and leaves it
 * open on close (making an AudioContext costs the page's main thread 5–10 ms: a page that
 * times calls makes one ahead, see {@link sharedAudioContext}); else it makes and closes its own.
 */
export function createToneDetector(stream: MediaStream, shared?: AudioContext): ToneDetector {
  const ctx = shared ?? new AudioContext();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0;
  source.connect(analyser);
  const spectrum = new Float32Array(analyser.frequencyBinCount);
  const sorted = new Float32Array(analyser.frequencyBinCount);
  if (ctx.state === 'suspended') void ctx.resume();

  const read = (hz: number): ToneReading => {
    analyser.getFloatFrequencyData(spectrum);
    const binHz = ctx.sampleRate / analyser.fftSize;
    const center = Math.round(hz / binHz);
    let peakDb = -Infinity;
    for (let b = Math.max(0, center - 3); b <= Math.min(spectrum.length - 1, center + 3); b++) peakDb = Math.max(peakDb, spectrum[b] ?? -Infinity);
    sorted.set(spectrum);
    sorted.sort();
    const medianDb = sorted[sorted.length >> 1] ?? -Infinity;
    const present = peakDb > TONE_MIN_PEAK_DB && peakDb - medianDb >= TONE_MIN_ABOVE_MEDIAN_DB;
    return { hz, peakDb, medianDb, present };
  };

  const waitFor = (hz: number, timeoutMs: number, consecutive = 3): Promise<ToneReading | null> =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs;
      let run = 0;
      const timer = setInterval(() => {
        const r = read(hz);
        run = r.present ? run + 1 : 0;
        if (run >= consecutive) {
          clearInterval(timer);
          resolve(r);
        } else if (performance.now() > deadline) {
          clearInterval(timer);
          resolve(null);
        }
      }, POLL_MS);
    });

  const share = (hz: number, ms: number): Promise<number> =>
    new Promise((resolve) => {
      const end = performance.now() + ms;
      let polls = 0;
      let hits = 0;
      const timer = setInterval(() => {
        polls++;
        if (read(hz).present) hits++;
        if (performance.now() >= end) {
          clearInterval(timer);
          resolve(polls === 0 ? 0 : hits / polls);
        }
      }, POLL_MS);
    });

  const close = (): void => {
    source.disconnect();
    analyser.disconnect();
    if (!shared) void ctx.close();
  };

  return { read, waitFor, share, close };
}

let sharedContext: AudioContext | undefined;

/** One AudioContext for every detector of the page, made on the first call (do it before timing anything). */
export function sharedAudioContext(): AudioContext {
  sharedContext ??= new AudioContext();
  if (sharedContext.state === 'suspended') void sharedContext.resume();
  return sharedContext;
}
