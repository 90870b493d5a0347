/**
 * The engine window's bridge, `window.firstlineEngine`: it may only say it is
 * ready (`engine:ready`); its clients' ports arrive as window messages
 * (port-relay.ts). Nothing else of main is reachable from the engine page.
 */
import { err } from '../src-shared/result';
import type { EngineWindowBridge } from '../src-shared/host/contract';

/** The part of `ipcRenderer` the engine bridge uses. */
export type EngineIpcPort = { invoke(channel: 'engine:ready'): Promise<unknown> };

/** The engine page's global name for its bridge. */
export const ENGINE_BRIDGE_KEY = 'firstlineEngine';

export const createEngineBridge = (ipc: EngineIpcPort): EngineWindowBridge => ({
  ready: async () => {
    try {
      // Main answers engine:ready with Result<void> (src-main/ipc.ts).
      return (await ipc.invoke('engine:ready')) as Awaited<ReturnType<EngineWindowBridge['ready']>>;
    } catch (error) {
      return err('INTERNAL', error instanceof Error ? error.message : 'engine:ready failed');
    }
  },
});
