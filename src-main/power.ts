/**
 * Keeps the machine from suspending while a call is active: one
 * `powerSaveBlocker.start('prevent-app-suspension')` from the first active call
 * to the end of the last (the display may still sleep: the agent talks on a
 * headset). Idempotent: the same count twice changes nothing, and there is
 * never more than one blocker of ours.
 */
import { createLogger } from './log';

const log = createLogger('power');

/** The part of Electron's `powerSaveBlocker` used here. */
export type PowerSaveBlockerPort = {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): unknown;
};

export type PowerGuard = {
  /** The number of active calls changed (or did not: calling again is harmless). */
  update(activeCalls: number): void;
  /** Whether a blocker of ours is on. */
  blocking(): boolean;
};

export const createPowerGuard = (blocker: PowerSaveBlockerPort): PowerGuard => {
  let id: number | null = null;
  return {
    update(activeCalls) {
      if (activeCalls > 0 && id === null) {
        try {
          id = blocker.start('prevent-app-suspension');
          log.info('blocking app suspension during calls', { activeCalls });
        } catch (error) {
          log.warn('could not block app suspension', { error: String(error) });
        }
      } else if (activeCalls <= 0 && id !== null) {
        const stopping = id;
        id = null;
        try {
          blocker.stop(stopping);
        } catch (error) {
          log.warn('could not stop the power save blocker', { error: String(error) });
        }
        log.info('no active call: suspension allowed again');
      }
    },
    blocking: () => id !== null,
  };
};
