/**
 * How a host brings a dead phone engine back (Electron's engine window, the browser's engine
 * frame): at once the first time, then ever later while it keeps dying soon after it started,
 * so an engine that crashes on start does not take the machine's CPU in a loop.
 */

/** Delay before the n-th restart in a row (n from 0): 0.5 s, 1 s, 2 s … capped at 30 s. */
export const restartDelay = (n: number): number => Math.min(30_000, 500 * 2 ** n);

/** An engine that ran this long before it died is not crash-looping: the backoff starts over. */
export const STABLE_RUN_MS = 60_000;
