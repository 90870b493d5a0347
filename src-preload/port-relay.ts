/**
 * MessagePorts from main into the page. A port cannot cross the context bridge,
 * so the preload posts it to its own window (Electron's documented pattern for
 * context-isolated pages): `window.postMessage({firstline: tag, …}, ourOrigin,
 * [port])`. The page accepts only messages whose `source` is its own window.
 *
 * - UI preload: `engine:port` (the page's end of a connection to the engine).
 * - Engine preload: `engine:client` (a client's port) and `engine:client-gone`.
 *
 * Payloads are checked here (an id string, a known role) because they are
 * forwarded into the page as they are; anything else is dropped.
 */
import {
  ENGINE_CLIENT_GONE_MESSAGE,
  ENGINE_CLIENT_MESSAGE,
  ENGINE_IPC,
  ENGINE_PORT_MESSAGE,
  type EngineWindowMessage,
} from '../src-shared/host/contract';

/** What an IPC message from main carries, as the relay reads it. */
export type PortEvent = { ports: readonly MessagePort[] };

/** The part of `ipcRenderer` the relay uses. */
export type PortIpc = {
  on(channel: string, listener: (event: PortEvent, payload: unknown) => void): unknown;
};

/** Posts into the page: `window.postMessage(message, location.origin, ports)` in the preloads. */
export type PostToPage = (message: EngineWindowMessage, ports: MessagePort[]) => void;

const clientIdOf = (payload: unknown): string | null => {
  const id = (payload as { clientId?: unknown } | null)?.clientId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
};

/** UI preload: hands the page each engine port main sends. */
export const relayUiPorts = (ipc: PortIpc, post: PostToPage): void => {
  ipc.on(ENGINE_IPC.port, (event, payload) => {
    const clientId = clientIdOf(payload);
    const port = event.ports[0];
    if (clientId && port) post({ firstline: ENGINE_PORT_MESSAGE, clientId }, [port]);
  });
};

/** Engine preload: hands the engine page each client's port, and word of clients that went away. */
export const relayEngineClients = (ipc: PortIpc, post: PostToPage): void => {
  ipc.on(ENGINE_IPC.client, (event, payload) => {
    const clientId = clientIdOf(payload);
    const role = (payload as { role?: unknown } | null)?.role;
    const port = event.ports[0];
    if (clientId && port && (role === 'main' || role === 'ui')) post({ firstline: ENGINE_CLIENT_MESSAGE, clientId, role }, [port]);
  });
  ipc.on(ENGINE_IPC.clientGone, (_event, payload) => {
    const clientId = clientIdOf(payload);
    if (clientId) post({ firstline: ENGINE_CLIENT_GONE_MESSAGE, clientId }, []);
  });
};

/** `window.postMessage` to the page itself, on its own origin only. */
export const postToOwnWindow =
  (win: Pick<Window, 'postMessage' | 'location'>): PostToPage =>
  (message, ports) =>
    win.postMessage(message, win.location.origin, ports);
