/**
 * The phone engine's page in Electron (DESIGN.md §1 "Who owns the phone"),
 * loaded by main's hidden engine window (src-main/engine-window.ts), never
 * shown. It starts the one engine of the workstation and serves every client
 * port main hands over (engine-clients.ts): main's own (hotkeys, notification,
 * power, wake) and one per UI page connection. A UI reload drops that page's
 * ports here; the engine, its registration and its calls stay.
 *
 * Listen first, then tell main we are ready: main sends ports only after that.
 * In a plain browser (no `window.firstlineEngine`) this page does nothing:
 * there the engine runs in the UI page itself.
 */
import type { EngineWindowBridge } from '../src-shared/host/contract';
import { serveEngineClients } from './engine-clients';
import { startPhoneEngine } from './features/calls/engine';

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting the DOM's Window needs interface merging
  interface Window {
    /** The engine preload's bridge; present only in Electron's engine window. */
    firstlineEngine?: EngineWindowBridge;
  }
}

const bridge = window.firstlineEngine;
if (bridge) {
  const phone = startPhoneEngine();
  serveEngineClients(window, phone.attach);
  void bridge.ready();
}
