/** The host the renderer runs in: the Electron bridge when the preload exposed one, the web host otherwise. */
import { createElectronHost } from './electron-host';
import { createWebHost } from './web-host';
import type { Host } from './types';

export type { Host, HostJournal, HostCache, HostEngine, FirstlineBridge } from './types';
export { registerServiceWorker, type SwRegistration } from './register-sw';
export { createWebHost } from './web-host';
export { createElectronHost } from './electron-host';

let cached: Host | null = null;

/** The host (made once per page). */
export const getHost = (): Host => {
  if (!cached) {
    const bridge = typeof window !== 'undefined' ? window.firstline : undefined;
    cached = bridge ? createElectronHost(bridge) : createWebHost();
  }
  return cached;
};
