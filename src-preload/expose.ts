import type { FirstlineBridge } from '../src-shared/host/contract';
import { createBridge, type IpcRendererPort } from './bridge';

/** The part of `contextBridge` used here. */
export type ContextBridgePort = { exposeInMainWorld(key: string, api: FirstlineBridge): void };

/** The global name of the bridge in the renderer. */
export const BRIDGE_KEY = 'firstline';

/** Builds the bridge over `ipc` and exposes it as `window.firstline`; returns what it exposed. */
export const exposeBridge = (contextBridge: ContextBridgePort, ipc: IpcRendererPort): FirstlineBridge => {
  const bridge = createBridge(ipc);
  contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
  return bridge;
};
