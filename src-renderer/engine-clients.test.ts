import { describe, expect, it, vi } from 'vitest';
import { serveEngineClients, type ClientWindow } from './engine-clients';

const ORIGIN = 'http://127.0.0.1:4780';

/** The engine page's window; `post` plays the engine preload. */
const fakeWindow = () => {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const win = {
    location: { origin: ORIGIN },
    addEventListener: (_type: string, l: (e: MessageEvent) => void) => void listeners.push(l),
  };
  const post = (data: unknown, ports: MessagePort[] = [], from: { source?: unknown; origin?: string } = {}) => {
    for (const l of listeners) l({ data, ports, source: from.source ?? win, origin: from.origin ?? ORIGIN } as unknown as MessageEvent);
  };
  return { win: win as unknown as ClientWindow, post };
};
const port = () => ({ close: vi.fn() }) as unknown as MessagePort & { close: ReturnType<typeof vi.fn> };

describe('engine page: client ports from main', () => {
  it('serves each client port with the engine, and drops a client main says is gone (its port closed)', () => {
    const { win, post } = fakeWindow();
    const detached: string[] = [];
    const attach = vi.fn((p: MessagePort) => () => void detached.push(String((p as unknown as { name?: string }).name)));
    const count = serveEngineClients(win, attach);
    const main = Object.assign(port(), { name: 'main' });
    const ui = Object.assign(port(), { name: 'ui' });
    post({ firstline: 'engine-client', clientId: 'm', role: 'main' }, [main]);
    post({ firstline: 'engine-client', clientId: 'u1', role: 'ui' }, [ui]);
    expect(attach).toHaveBeenCalledTimes(2);
    expect(count()).toBe(2);
    post({ firstline: 'engine-client-gone', clientId: 'u1' });
    expect(detached).toEqual(['ui']);
    expect(ui.close).toHaveBeenCalled();
    expect(main.close).not.toHaveBeenCalled();
    expect(count()).toBe(1);
  });

  it('ignores messages from elsewhere, without a port, or of another kind', () => {
    const { win, post } = fakeWindow();
    const attach = vi.fn(() => () => undefined);
    const count = serveEngineClients(win, attach);
    post({ firstline: 'engine-client', clientId: 'x', role: 'ui' }, [port()], { source: {} });
    post({ firstline: 'engine-client', clientId: 'x', role: 'ui' }, [port()], { origin: 'https://evil.example' });
    post({ firstline: 'engine-client', clientId: 'x', role: 'ui' }, []);
    post({ firstline: 'engine-port', clientId: 'x' }, [port()]);
    post(null, [port()]);
    expect(attach).not.toHaveBeenCalled();
    expect(count()).toBe(0);
  });

  it('in the browser\'s engine frame believes only its parent page on the desk\'s other origin', () => {
    const { win, post } = fakeWindow();
    const parent = { name: 'parent' };
    const attach = vi.fn(() => () => undefined);
    const count = serveEngineClients(win, attach, { source: parent, origin: 'http://localhost:4780' });
    post({ firstline: 'engine-client', clientId: 'self', role: 'ui' }, [port()]);
    post({ firstline: 'engine-client', clientId: 'other', role: 'ui' }, [port()], { source: parent, origin: 'http://evil.example' });
    expect(attach).not.toHaveBeenCalled();
    post({ firstline: 'engine-client', clientId: 'page', role: 'ui' }, [port()], { source: parent, origin: 'http://localhost:4780' });
    expect(attach).toHaveBeenCalledTimes(1);
    expect(count()).toBe(1);
  });
});
