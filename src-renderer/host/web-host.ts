/**
 * The browser host: Notifications API, no tray, no journal, credentials kept only for the
 * session (see features/auth). The page is served by the desk server, so the API is on the
 * same origin.
 */
import { createFrameEngine, siblingLoopbackOrigin } from './engine-frame';
import type { Host, HostEngine } from './types';

/** Default desk server when the page is not served over http(s) (e.g. Node tests). */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4780';

const served = (): boolean => typeof location !== 'undefined' && /^https?:$/.test(location.protocol);

/** '' (same origin) when the page came from a server, else the default desk server. */
export const pageServerUrl = (): string => (served() ? '' : DEFAULT_SERVER_URL);

export const browserLocale = (): string => (typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en');

/** A system notification through the Notifications API (Electron's renderer has it too). */
export const webNotify = (title: string, body: string): void => {
  if (typeof Notification === 'undefined') return;
  const show = () => {
    try {
      new Notification(title, { body });
    } catch {
      // some browsers only allow notifications from a service worker; nothing else to do
    }
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
};

/** The phone engine in a frame of its own where the desk has a second site for it (engine-frame.ts), else none: the page runs it. */
const frameEngine = (): HostEngine | undefined => {
  if (typeof document === 'undefined' || !served()) return undefined;
  const origin = siblingLoopbackOrigin(location);
  return origin ? createFrameEngine(document, window, origin) : undefined;
};

export const createWebHost = (): Host => {
  const engine = frameEngine();
  return {
    kind: 'web',
    locale: browserLocale,
    notify: webNotify,
    serverUrl: pageServerUrl,
    ...(engine ? { engine } : {}),
  };
};
