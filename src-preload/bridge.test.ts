import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type FirstlineBridge } from '../src-shared/host/contract';
import type { HotkeyBindings } from '../src-shared/host/contract';
import type { Mutation } from '../src-shared/sync/mutations';
import { createBridge, type IpcRendererPort } from './bridge';
import { BRIDGE_KEY, exposeBridge } from './expose';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer that records what the bridge does with it. */
const fakeIpc = (answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: null })) => {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererPort = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return answer(channel);
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: ipc, senderId: 0 }, ...args);
  };
  return { ipc, invoked, listeners, emit };
};

const mutation = { kind: 'addNote' } as unknown as Mutation; // the preload forwards; main validates

const bindings: HotkeyBindings = { answer: 'F13', hangup: null, mute: null, 'ready-toggle': null };

/** Calls every request method of the bridge once. */
const callAll = async (bridge: FirstlineBridge) => {
  await bridge.app.info();
  await bridge.journal.append(mutation);
  await bridge.journal.read();
  await bridge.cache.signedOut();
  await bridge.deeplink.take();
  await bridge.engine.connect();
  await bridge.hotkeys.get();
  await bridge.hotkeys.set(bindings);
};

describe('preload bridge', () => {
  it('forwards each named method to its contract channel, and covers every request channel', async () => {
    const { ipc, invoked } = fakeIpc();
    await callAll(createBridge(ipc));
    expect(invoked).toEqual([
      { channel: 'app:info', args: [] },
      { channel: 'journal:append', args: [mutation] },
      { channel: 'journal:read', args: [] },
      { channel: 'cache:signed-out', args: [] },
      { channel: 'deeplink:take', args: [] },
      { channel: 'engine:connect', args: [] },
      { channel: 'hotkeys:get', args: [] },
      { channel: 'hotkeys:set', args: [bindings] },
    ]);
    expect(invoked.map((c) => c.channel).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('exposes named methods only: no ipcRenderer, no generic invoke/send', () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['app', 'cache', 'deeplink', 'engine', 'hotkeys', 'journal', 'on']);
    const leaves: unknown[] = [];
    const walk = (value: unknown): void => {
      if (value === ipc) throw new Error('the raw IPC object is reachable from the bridge');
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
      else leaves.push(value);
    };
    walk(bridge);
    expect(leaves.every((l) => typeof l === 'function')).toBe(true);
    const names = JSON.stringify(bridge, (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v));
    expect(names).not.toMatch(/invoke|send|ipc/i);
  });

  it('subscribes only to contract events', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const event of EVENT_CHANNELS) bridge.on(event, () => {});
    expect([...listeners.keys()].sort()).toEqual([...EVENT_CHANNELS].sort());
    const on = bridge.on as (event: string, listener: () => void) => () => void;
    for (const event of ['journal:append', 'ELECTRON_BROWSER_REQUIRE', 'power:shutdown', '', 'engine:port', 'engine:client', 'engine:ready']) {
      expect(() => on(event, () => {})).toThrow(TypeError);
    }
    expect([...listeners.keys()].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('gives listeners the payload only, never the IPC event (whose sender is ipcRenderer)', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createBridge(ipc).on('deeplink:dial', listener);
    emit('deeplink:dial', { scheme: 'tel', number: '+4930123' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ scheme: 'tel', number: '+4930123' });
  });

  it('unsubscribes the listener it subscribed', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const listener = vi.fn();
    const off = createBridge(ipc).on('net:changed', listener);
    off();
    emit('net:changed', { online: false });
    expect(listener).not.toHaveBeenCalled();
    expect(listeners.get('net:changed')?.size).toBe(0);
  });

  it('turns a failed invoke into an INTERNAL Result instead of throwing', async () => {
    const { ipc } = fakeIpc(async () => {
      throw new Error("No handler registered for 'journal:read'");
    });
    expect(await createBridge(ipc).journal.read()).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "No handler registered for 'journal:read'" },
    });
  });

  it('passes main’s Result through unchanged', async () => {
    const answer = { ok: false, error: { code: 'VALIDATION_FAILED', message: 'invalid arguments for journal:append' } };
    const { ipc } = fakeIpc(async () => answer);
    expect(await createBridge(ipc).journal.append(mutation)).toEqual(answer);
  });

  it('is exposed once, as window.firstline', () => {
    const { ipc } = fakeIpc();
    const exposeInMainWorld = vi.fn();
    const bridge = exposeBridge({ exposeInMainWorld }, ipc);
    expect(BRIDGE_KEY).toBe('firstline');
    expect(exposeInMainWorld).toHaveBeenCalledExactlyOnceWith('firstline', bridge);
  });
});
