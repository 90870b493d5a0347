/**
 * The engine page's side of main's port brokering: every client port the
 * engine preload posts into the page (main's own, one per UI connection) is
 * served by the engine; a client main says is gone (its UI page reloaded or
 * closed) is detached and its port closed. Only messages from this window
 * itself, on its own origin, are believed.
 */
import { ENGINE_CLIENT_GONE_MESSAGE, ENGINE_CLIENT_MESSAGE, type EngineWindowMessage } from '../src-shared/host/contract';

/** Where the preload posts: the page's window. */
export type ClientWindow = Pick<Window, 'addEventListener'> & { location: { origin: string } };

/** Serves one port with the engine; answers the detach (`RunningPhoneEngine.attach`). */
export type AttachPort = (port: MessagePort) => () => void;

/** Whose window messages are believed: by default this window itself on its own origin (the preload's). */
export type ClientSender = { source: unknown; origin: string };

/**
 * Starts listening; answers how many clients are attached now (for tests and diagnostics).
 * `from`: the browser host's engine frame believes its parent page instead (host/engine-frame.ts).
 */
export const serveEngineClients = (win: ClientWindow, attach: AttachPort, from: ClientSender = { source: win, origin: win.location.origin }): (() => number) => {
  const clients = new Map<string, { port: MessagePort; detach: () => void }>();
  const drop = (clientId: string): void => {
    const client = clients.get(clientId);
    if (!client) return;
    clients.delete(clientId);
    client.detach();
    client.port.close();
  };
  win.addEventListener('message', (event: MessageEvent<EngineWindowMessage | null>) => {
    if (event.source !== from.source || event.origin !== from.origin) return;
    const message = event.data;
    if (message?.firstline === ENGINE_CLIENT_MESSAGE) {
      const port = event.ports[0];
      if (!port) return;
      drop(message.clientId);
      clients.set(message.clientId, { port, detach: attach(port) });
    } else if (message?.firstline === ENGINE_CLIENT_GONE_MESSAGE) {
      drop(message.clientId);
    }
  });
  return () => clients.size;
};
