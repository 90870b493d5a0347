/**
 * Builds the `window.firstline` object from a tiny IPC port, so it can be
 * tested in Node. The bridge forwards only the contract's channels: one named
 * method per request channel, `on` for the contract's event channels only,
 * and listeners get the payload alone (never Electron's event, whose `sender`
 * is the raw ipcRenderer).
 */
import { err, type Result } from '../src-shared/result';
import {
  isEventChannel,
  isRequestChannel,
  type EventChannel,
  type FirstlineBridge,
  type HostEvents,
  type RequestArgs,
  type RequestChannel,
  type RequestValue,
  type Unsubscribe,
} from '../src-shared/host/contract';

/** The part of `ipcRenderer` the bridge uses (Electron's ipcRenderer fits it). */
export type IpcRendererPort = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

export const createBridge = (ipc: IpcRendererPort): FirstlineBridge => {
  const invoke = async <C extends RequestChannel>(channel: C, ...args: RequestArgs<C>): Promise<Result<RequestValue<C>>> => {
    if (!isRequestChannel(channel)) return err('VALIDATION_FAILED', `not a host channel: ${String(channel)}`);
    try {
      // Main answers every contract channel with Result<RequestValue<C>> (src-main/ipc.ts).
      return (await ipc.invoke(channel, ...args)) as Result<RequestValue<C>>;
    } catch (error) {
      // Only if main had no handler or crashed mid-call: still a Result, never a throw.
      return err('INTERNAL', error instanceof Error ? error.message : `${channel} failed`);
    }
  };

  const on = <E extends EventChannel>(event: E, listener: (payload: HostEvents[E]) => void): Unsubscribe => {
    if (!isEventChannel(event)) throw new TypeError(`not a host event: ${String(event)}`);
    // Main sends exactly HostEvents[E] on channel E (src-main/events.ts).
    const forward = (_event: unknown, payload: unknown): void => listener(payload as HostEvents[E]);
    ipc.on(event, forward);
    return () => void ipc.removeListener(event, forward);
  };

  return {
    app: { info: () => invoke('app:info') },
    journal: {
      append: (mutation) => invoke('journal:append', mutation),
      read: () => invoke('journal:read'),
    },
    cache: { signedOut: () => invoke('cache:signed-out') },
    deeplink: { take: () => invoke('deeplink:take') },
    engine: { connect: () => invoke('engine:connect') },
    hotkeys: {
      get: () => invoke('hotkeys:get'),
      set: (bindings) => invoke('hotkeys:set', bindings),
    },
    on,
  } satisfies FirstlineBridge;
};
