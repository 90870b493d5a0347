/**
 * Tells the renderer when the network changed under it (`net:changed`): the OS
 * online flag flipped, or the machine's addresses changed (Wi-Fi to cable, VPN
 * up or down) — the case `navigator.onLine` misses and a SIP WebSocket dies of.
 * Polls a cheap probe; emits only on change.
 */
import type { NetState } from '../src-shared/host/contract';

/** One look at the network: the online flag and a fingerprint of the machine's addresses. */
export type NetProbe = () => { online: boolean; fingerprint: string };
/** Runs `tick` every `ms`; returns a stop function (setInterval in index.ts, a fake in tests). */
export type Every = (ms: number, tick: () => void) => () => void;

type Address = { address: string; internal: boolean };

/** A stable fingerprint of the external addresses in `os.networkInterfaces()`. */
export const addressFingerprint = (interfaces: Readonly<Record<string, readonly Address[] | undefined>>): string =>
  Object.entries(interfaces)
    .flatMap(([name, addresses]) => (addresses ?? []).filter((a) => !a.internal).map((a) => `${name}=${a.address}`))
    .sort()
    .join(',');

/** Starts watching; returns a stop function. */
export const watchNetwork = (probe: NetProbe, emit: (state: NetState) => void, every: Every, intervalMs = 3000): (() => void) => {
  let last = probe();
  return every(intervalMs, () => {
    const now = probe();
    if (now.online === last.online && now.fingerprint === last.fingerprint) return;
    last = now;
    emit({ online: now.online });
  });
};
