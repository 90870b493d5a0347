/**
 * The phone engine (one per workstation; DESIGN.md §1 "Who owns the phone").
 *
 * In the Electron engine window (created and kept by main):
 *   const phone = startPhoneEngine();
 *   // each MessagePort main hands over (one per UI window): phone.attach(port)
 * In the browser host, in the page:
 *   const phone = startPhoneEngine();
 *   const { port1, port2 } = new MessageChannel();
 *   phone.attach(port1);
 *   const client = createPhoneClient(port2);
 *   await client.request('phone:configure', {...}); await client.request('phone:setCredentials', {...});
 *   await client.request('phone:start');
 */
import { PhoneEngine, type EngineHooks } from './engine';
import { servePhonePort, type PortLike } from './port';

export { createPhoneClient, servePhonePort, type PhoneClient, type PortLike } from './port';
export type { CallMedia, EngineHooks } from './engine';

export type RunningPhoneEngine = {
  /** Serves one window's port; returns the detach. */
  attach: (port: PortLike) => () => void;
  /** Hangs up, unregisters, stops. */
  close: () => Promise<void>;
};

/** Starts the engine (idle until a window sends `phone:configure`, `phone:setCredentials`, `phone:start`). */
export function startPhoneEngine(hooks: EngineHooks = {}): RunningPhoneEngine {
  const engine = new PhoneEngine(hooks);
  return { attach: (port) => servePhonePort(engine, port), close: () => engine.close() };
}
