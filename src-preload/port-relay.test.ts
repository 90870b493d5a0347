import { describe, expect, it, vi } from 'vitest';
import type { EngineWindowMessage } from '../src-shared/host/contract';
import { createEngineBridge, ENGINE_BRIDGE_KEY } from './engine-bridge';
import { postToOwnWindow, relayEngineClients, relayUiPorts, type PortEvent, type PortIpc } from './port-relay';

type Listener = (event: PortEvent, payload: unknown) => void;

/** A fake ipcRenderer for the relays: main "sends" with `fromMain`. */
const fakeIpc = () => {
  const listeners = new Map<string, Listener[]>();
  const ipc: PortIpc = { on: (channel, l) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]) };
  const fromMain = (channel: string, payload: unknown, ports: MessagePort[] = []) => {
    for (const l of listeners.get(channel) ?? []) l({ ports }, payload);
  };
  return { ipc, listeners, fromMain };
};
const port = () => ({ id: Math.random() }) as unknown as MessagePort;

describe('UI preload: engine ports into the page', () => {
  it('posts each port main sends to the page, tagged with its client id', () => {
    const { ipc, fromMain, listeners } = fakeIpc();
    const posted: { message: EngineWindowMessage; ports: MessagePort[] }[] = [];
    relayUiPorts(ipc, (message, ports) => void posted.push({ message, ports }));
    expect([...listeners.keys()]).toEqual(['engine:port']);
    const p = port();
    fromMain('engine:port', { clientId: 'c-1' }, [p]);
    expect(posted).toEqual([{ message: { firstline: 'engine-port', clientId: 'c-1' }, ports: [p] }]);
  });

  it('drops a message without a port or with a bad id, and never forwards extra fields', () => {
    const { ipc, fromMain } = fakeIpc();
    const posted: unknown[] = [];
    relayUiPorts(ipc, (message) => void posted.push(message));
    fromMain('engine:port', { clientId: 'c-1' }, []);
    fromMain('engine:port', { clientId: 42 }, [port()]);
    fromMain('engine:port', null, [port()]);
    fromMain('engine:port', { clientId: 'x'.repeat(101) }, [port()]);
    fromMain('engine:port', { clientId: 'c-2', evil: '<script>' }, [port()]);
    expect(posted).toEqual([{ firstline: 'engine-port', clientId: 'c-2' }]);
  });

  it('posts to its own window on its own origin only', () => {
    const postMessage = vi.fn();
    const post = postToOwnWindow({ postMessage, location: { origin: 'http://127.0.0.1:4780' } as Location });
    const p = port();
    post({ firstline: 'engine-port', clientId: 'c-1' }, [p]);
    expect(postMessage).toHaveBeenCalledWith({ firstline: 'engine-port', clientId: 'c-1' }, 'http://127.0.0.1:4780', [p]);
  });
});

describe('engine preload', () => {
  it('relays clients (main’s and the UI pages’) with their role, and clients gone', () => {
    const { ipc, fromMain, listeners } = fakeIpc();
    const posted: { message: EngineWindowMessage; ports: MessagePort[] }[] = [];
    relayEngineClients(ipc, (message, ports) => void posted.push({ message, ports }));
    expect([...listeners.keys()].sort()).toEqual(['engine:client', 'engine:client-gone']);
    const a = port();
    const b = port();
    fromMain('engine:client', { clientId: 'm', role: 'main' }, [a]);
    fromMain('engine:client', { clientId: 'u', role: 'ui' }, [b]);
    fromMain('engine:client', { clientId: 'x', role: 'admin' }, [port()]);
    fromMain('engine:client-gone', { clientId: 'u' });
    expect(posted).toEqual([
      { message: { firstline: 'engine-client', clientId: 'm', role: 'main' }, ports: [a] },
      { message: { firstline: 'engine-client', clientId: 'u', role: 'ui' }, ports: [b] },
      { message: { firstline: 'engine-client-gone', clientId: 'u' }, ports: [] },
    ]);
  });

  it('exposes ready() only, which invokes engine:ready and answers a Result', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: undefined }));
    const bridge = createEngineBridge({ invoke });
    expect(ENGINE_BRIDGE_KEY).toBe('firstlineEngine');
    expect(Object.keys(bridge)).toEqual(['ready']);
    expect(await bridge.ready()).toEqual({ ok: true, value: undefined });
    expect(invoke).toHaveBeenCalledWith('engine:ready');
    const failing = createEngineBridge({ invoke: async () => Promise.reject(new Error('no handler')) });
    expect(await failing.ready()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'no handler' } });
  });
});
