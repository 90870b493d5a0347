/**
 * The UI page's end of a connection to the phone engine in Electron: asks main
 * (`engine:connect`) and takes the MessagePort the preload posts into the page
 * (a port cannot cross the context bridge). Listens first, then asks, so the
 * port cannot arrive unheard; takes only a message from this window itself
 * carrying the client id main answered.
 */
import { ENGINE_PORT_MESSAGE, type EngineWindowMessage, type FirstlineBridge } from '../../src-shared/host/contract';

/** The part of `window` used: where the preload posts the port. */
export type PortWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export const connectEnginePort = (bridge: Pick<FirstlineBridge, 'engine'>, win: PortWindow, timeoutMs = 15_000): Promise<MessagePort> =>
  new Promise((resolve, reject) => {
    const arrived = new Map<string, MessagePort>();
    let wanted: string | null = null;
    let settled = false;
    const finish = (outcome: { port: MessagePort } | { error: Error }): void => {
      win.removeEventListener('message', onMessage);
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if ('port' in outcome) resolve(outcome.port);
      else reject(outcome.error);
    };
    const onMessage = (event: MessageEvent<EngineWindowMessage | null>): void => {
      if (event.source !== win || event.data?.firstline !== ENGINE_PORT_MESSAGE) return;
      const port = event.ports[0];
      if (!port) return;
      if (event.data.clientId === wanted) finish({ port });
      else if (wanted === null) arrived.set(event.data.clientId, port);
    };
    win.addEventListener('message', onMessage);
    const timer = setTimeout(() => finish({ error: new Error('no port from the phone engine in time') }), timeoutMs);
    void bridge.engine.connect().then(
      (r) => {
        if (!r.ok) return finish({ error: new Error(`engine: ${r.error.message}`) });
        wanted = r.value.clientId;
        const early = arrived.get(wanted);
        if (early) finish({ port: early });
      },
      (error: unknown) => finish({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
  });
