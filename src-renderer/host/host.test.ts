/** The Electron host adapter over a fake bridge, and the web host outside a browser. */
import { describe, expect, it } from 'vitest';
import type { EventChannel, FirstlineBridge, HostEvents } from '../../src-shared/host/contract';
import { err, ok } from '../../src-shared/result';
import type { Mutation } from '../../src-shared/sync/mutations';
import { createElectronHost } from './electron-host';
import { connectEnginePort, type PortWindow } from './engine-port';
import { getHost } from './index';
import { registerServiceWorker } from './register-sw';

const fakeBridge = (opts: { journalFails?: boolean } = {}) => {
  const appended: Mutation[] = [];
  const listeners = new Map<string, ((p: unknown) => void)[]>();
  let rotated = 0;
  const bridge: FirstlineBridge = {
    app: { info: async () => ok({ version: '0.1.0', platform: 'linux', locale: 'zh-CN' }) },
    journal: {
      append: async (m) => {
        if (opts.journalFails) return err('INTERNAL', 'disk full');
        appended.push(m);
        return ok(undefined);
      },
      read: async () => ok(appended),
    },
    cache: {
      signedOut: async () => {
        rotated++;
        return ok({ journalBackup: null });
      },
    },
    deeplink: { take: async () => ok([]) },
    engine: { connect: async () => ok({ clientId: 'client-1' }) },
    hotkeys: {
      get: async () => err('INTERNAL', 'not used here'),
      set: async () => err('INTERNAL', 'not used here'),
    },
    on: <E extends EventChannel>(event: E, listener: (payload: HostEvents[E]) => void) => {
      const list = listeners.get(event) ?? [];
      list.push(listener as (p: unknown) => void);
      listeners.set(event, list);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
  };
  const emit = <E extends EventChannel>(event: E, payload: HostEvents[E]) => (listeners.get(event) ?? []).forEach((l) => l(payload));
  return { bridge, appended, emit, rotated: () => rotated };
};

const mutation = { kind: 'escalate', level: 1 } as unknown as Mutation;

describe('electron host', () => {
  it('journals through the bridge and reports a failed write', async () => {
    const f = fakeBridge();
    const host = createElectronHost(f.bridge);
    expect(host.kind).toBe('electron');
    await host.journal!.append(mutation);
    expect(f.appended).toEqual([mutation]);
    await expect(createElectronHost(fakeBridge({ journalFails: true }).bridge).journal!.append(mutation)).rejects.toThrow(/disk full/);
    await host.cache!.signedOut();
    expect(f.rotated()).toBe(1);
  });

  it('takes the OS locale from main and wakes on resume and on network coming back', async () => {
    const f = fakeBridge();
    const host = createElectronHost(f.bridge);
    await new Promise((r) => setTimeout(r, 0));
    expect(host.locale()).toBe('zh-CN');
    let wakes = 0;
    const off = host.onWake!(() => wakes++);
    f.emit('power:resume', { at: new Date().toISOString() });
    f.emit('net:changed', { online: false });
    f.emit('net:changed', { online: true });
    expect(wakes).toBe(2);
    off();
    f.emit('power:resume', { at: new Date().toISOString() });
    expect(wakes).toBe(2);
  });
});

describe('electron host: the phone engine', () => {
  /** A window where the preload posts ports: `post` plays the preload. */
  const fakeWindow = () => {
    const listeners = new Set<(e: MessageEvent) => void>();
    const win = {
      addEventListener: (_type: string, l: (e: MessageEvent) => void) => void listeners.add(l),
      removeEventListener: (_type: string, l: (e: MessageEvent) => void) => void listeners.delete(l),
    };
    const post = (data: unknown, ports: MessagePort[], source: unknown = win) => {
      for (const l of [...listeners]) l({ data, ports, source } as unknown as MessageEvent);
    };
    return { win, post, listeners };
  };
  const port = (name: string) => ({ name }) as unknown as MessagePort;

  it('connect() answers the port the preload posts for the client id main gave, whether it comes before or after the answer', async () => {
    const { win, post, listeners } = fakeWindow();
    const { bridge } = fakeBridge();
    const pending = connectEnginePort(bridge, win as unknown as PortWindow);
    post({ firstline: 'engine-port', clientId: 'someone-else' }, [port('other')]);
    post({ firstline: 'engine-port', clientId: 'client-1' }, [port('mine')], {}); // not from this window: ignored
    post({ firstline: 'engine-port', clientId: 'client-1' }, [port('mine')]);
    expect(await pending).toEqual({ name: 'mine' });
    expect(listeners.size).toBe(0);
  });

  it('connect() fails when main refuses', async () => {
    const { win } = fakeWindow();
    const { bridge } = fakeBridge();
    bridge.engine.connect = async () => err('NOT_FOUND', 'the page that asked is gone');
    await expect(connectEnginePort(bridge, win as unknown as PortWindow)).rejects.toThrow(/gone/);
  });

  it('passes engine restarts, page-side hotkeys and answer prompts on', () => {
    const f = fakeBridge();
    const host = createElectronHost(f.bridge);
    const seen: string[] = [];
    host.engine!.onRestarted(() => seen.push('restarted'));
    host.onHotkey!((a) => seen.push(a));
    host.onAnswerPrompt!((id) => seen.push(`prompt ${id}`));
    f.emit('engine:restarted', { generation: 2 });
    f.emit('hotkeys:pressed', { action: 'ready-toggle' });
    f.emit('calls:answer-prompt', { callId: 'c1' });
    expect(seen).toEqual(['restarted', 'ready-toggle', 'prompt c1']);
  });
});

describe('web host', () => {
  it('outside a browser: no journal, default server, a locale', async () => {
    const host = getHost();
    expect(host.kind).toBe('web');
    expect(host.journal).toBeUndefined();
    expect(host.cache).toBeUndefined();
    expect(host.engine).toBeUndefined();
    expect(host.serverUrl()).toBe('http://127.0.0.1:4780');
    expect(typeof host.locale()).toBe('string');
    expect(() => host.notify('title', 'body')).not.toThrow();
    expect(await registerServiceWorker()).toMatchObject({ registered: false });
  });
});
