/**
 * The phone engine's page (DESIGN.md §1 "Who owns the phone"), never shown. It starts the one
 * engine of the workstation and serves every client port it is handed (engine-clients.ts):
 *
 * - In Electron, main's hidden engine window (src-main/engine-window.ts): main's own port
 *   (hotkeys, notification, power, wake) and one per UI page connection, posted by the engine
 *   preload. A UI reload drops that page's ports here; the engine, its registration and its
 *   calls stay. Listen first, then tell main we are ready: main sends ports only after that.
 * - In a browser, a frame of the UI page loaded from the desk's other loopback site
 *   (host/engine-frame.ts), so it runs in a process of its own: the page posts its port; only
 *   the parent window on that other origin is believed. Nobody else tells this engine that the
 *   network came back: its own window's `online`/`offline` do. It answers the page's pings
 *   (how the page finds out that this frame's process died).
 *
 * Opened any other way (top level, or framed by a page of an unknown origin) it does nothing.
 */
import { ENGINE_FRAME_READY_MESSAGE, type EngineWindowBridge } from '../src-shared/host/contract';
import { serveEngineClients } from './engine-clients';
import { startPhoneEngine, createPhoneClient } from './features/calls/engine';
import { answerFramePings, siblingLoopbackOrigin } from './host/engine-frame';

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting the DOM's Window needs interface merging
  interface Window {
    /** The engine preload's bridge; present only in Electron's engine window. */
    firstlineEngine?: EngineWindowBridge;
  }
}

const bridge = window.firstlineEngine;
const parentOrigin = window.parent !== window ? siblingLoopbackOrigin(location) : null;
if (bridge) {
  const phone = startPhoneEngine({ ownProcess: true });
  serveEngineClients(window, phone.attach);
  void bridge.ready();
} else if (parentOrigin) {
  const phone = startPhoneEngine({ ownProcess: true });
  serveEngineClients(window, phone.attach, { source: window.parent, origin: parentOrigin });
  answerFramePings(window, window.parent, parentOrigin);
  const { port1, port2 } = new MessageChannel();
  phone.attach(port1);
  const own = createPhoneClient(port2);
  window.addEventListener('online', () => void own.request('phone:networkChanged', { online: true }));
  window.addEventListener('offline', () => void own.request('phone:networkChanged', { online: false }));
  window.parent.postMessage({ firstline: ENGINE_FRAME_READY_MESSAGE }, parentOrigin);
}
