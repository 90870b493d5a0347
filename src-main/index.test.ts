import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINE_WINDOW_CHANNELS, REQUEST_CHANNELS } from '../src-shared/host/contract';
import type * as Fake from './fake-electron';
import { captureLogs } from './test-fixtures';

/**
 * index.ts wired to a fake `electron` (fake-electron.ts): checks that the tested
 * modules are actually plugged in. The real Electron run is e2e/electron.
 */
vi.mock('electron', () => import('./fake-electron'));

const DESK = 'http://127.0.0.1:4799/';
let electron: typeof Fake;
let dataDir: string;

beforeAll(async () => {
  captureLogs();
  dataDir = await mkdtemp(join(tmpdir(), 'firstline-main-'));
  vi.stubEnv('FIRSTLINE_DESK_URL', DESK);
  vi.stubEnv('FIRSTLINE_USER_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(globalThis, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
  electron = (await import('electron')) as unknown as typeof Fake;
  await import('./index');
  electron.app.ready();
  await electron.app.whenReady();
  await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(dataDir, { recursive: true, force: true });
});

const ENGINE_URL = `${DESK}engine.html`;
const isEngineWindow = (w: Fake.FakeBrowserWindow) => w.options.webPreferences?.['preload'] !== undefined && String(w.options.webPreferences['preload']).endsWith('engine.cjs');
const mainWindow = () => {
  const win = electron.BrowserWindow.getAllWindows().find((w) => !isEngineWindow(w));
  if (!win) throw new Error('no window');
  return win;
};
const engineWindows = () => electron.BrowserWindow.getAllWindows().filter(isEngineWindow);
const engineWindow = () => {
  const [win, ...more] = engineWindows();
  if (!win || more.length > 0) throw new Error(`expected one engine window, found ${engineWindows().length}`);
  return win;
};
const invokeAs = (contents: Fake.FakeWebContents, url: string, channel: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(channel)?.({ senderFrame: { url, parent: null }, sender: { id: contents.id } }, ...args);
const invoke = (channel: string, ...args: unknown[]) => invokeAs(mainWindow().webContents, DESK, channel, ...args);

describe('main process wiring', () => {
  it('sandboxes every renderer and holds the single-instance lock', () => {
    expect(electron.app.calls).toEqual(expect.arrayContaining(['enableSandbox', 'requestSingleInstanceLock']));
    expect(electron.app.calls).not.toContain('quit');
  });

  it('creates one window with the secure options, loading the desk URL', () => {
    const win = mainWindow();
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      partition: 'persist:firstline',
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
    expect(win.loaded).toEqual([DESK]);
  });

  it('registers exactly the contract channels and answers them', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS, ...ENGINE_WINDOW_CHANNELS].sort());
    expect(await invoke('app:info')).toEqual({ ok: true, value: { version: '0.1.0', platform: expect.any(String), locale: 'zh-CN' } });
    expect(await invoke('journal:append', { kind: 'nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('sets the permission handlers on the default session and the cache partition', () => {
    for (const ses of [electron.session.defaultSession, electron.session.fromPartition('persist:firstline')]) {
      const granted: boolean[] = [];
      ses.requestHandler?.(null, 'media', (g: boolean) => granted.push(g), { requestingUrl: DESK, mediaTypes: ['audio'] });
      ses.requestHandler?.(null, 'media', (g: boolean) => granted.push(g), { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] });
      expect(granted).toEqual([true, false]);
      expect(ses.checkHandler?.(null, 'geolocation', 'http://127.0.0.1:4799', {})).toBe(false);
    }
  });

  it('guards the window: navigation away is prevented and opened externally, window.open denied', () => {
    const contents = mainWindow().webContents;
    const event = { url: 'https://example.com/', isMainFrame: true, preventDefault: vi.fn() };
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.shell.opened).toContain('https://example.com/');
    expect(contents.windowOpenHandler?.({ url: `${DESK}popup` })).toEqual({ action: 'deny' });
  });

  it('hands a tel: link from a second launch to the page once it takes it', async () => {
    electron.app.emit('second-instance', {}, ['/opt/Firstline/firstline', 'tel:+49 30 1234']);
    expect(await invoke('deeplink:take')).toEqual({ ok: true, value: [{ scheme: 'tel', number: '+49301234' }] });
    electron.app.emit('second-instance', {}, ['/opt/Firstline/firstline', 'sip:1001@pbx']);
    expect(mainWindow().webContents.sent).toEqual([
      { channel: 'deeplink:dial', payload: { scheme: 'sip', uri: 'sip:1001@pbx', user: '1001', host: 'pbx' } },
    ]);
  });

  it('pushes power:resume to the page', () => {
    electron.powerMonitor.emit('resume');
    expect(mainWindow().webContents.sent.at(-1)).toMatchObject({ channel: 'power:resume', payload: { at: expect.any(String) } });
  });

  it('does not claim tel:/sip: from the OS when not packaged', () => {
    expect(electron.app.protocolClients).toEqual([]);
  });
});

/** The test plays the phone engine at the other end of main's control port. */
const engineEnd = (win: Fake.FakeBrowserWindow) => {
  const handed = win.webContents.posted.filter((p) => p.channel === 'engine:client' && (p.payload as { role: string }).role === 'main').at(-1);
  const port = handed?.ports[0];
  if (!port) throw new Error('main has no control port to this engine');
  const requests = () => port.received as { kind: string; id: number; channel: string; args: unknown[] }[];
  return {
    port,
    requests,
    channels: () => requests().map((r) => r.channel),
    answer: (id: number, value: unknown) => port.postMessage({ kind: 'response', id, result: { ok: true, value } }),
    emit: (event: string, payload: unknown) => port.postMessage({ kind: 'event', event, payload }),
  };
};
const call = (id: string, state: string, over: Record<string, unknown> = {}) => ({
  id,
  direction: 'inbound',
  sipCallId: `sip-${id}`,
  remote: { uri: 'sip:+8613800138000@desk', number: '+8613800138000', displayName: 'Li Wei' },
  queue: '8000',
  state: { name: state },
  muted: false,
  startedAt: Date.now(),
  ...over,
});
const uiPorts = () => mainWindow().webContents.posted.filter((p) => p.channel === 'engine:port');
const engineClients = (role: string) => engineWindow().webContents.posted.filter((p) => p.channel === 'engine:client' && (p.payload as { role: string }).role === role);

describe('the phone engine, wired', () => {
  it('creates one hidden engine window: not shown, unthrottled, autoplay, sandboxed, same partition, loading engine.html', () => {
    const win = engineWindow();
    expect(win.options).toMatchObject({ show: false, skipTaskbar: true });
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
      partition: 'persist:firstline',
      preload: expect.stringMatching(/preload[\\/]engine\.cjs$/),
    });
    expect(win.loaded).toEqual([ENGINE_URL]);
    expect(mainWindow().options.webPreferences?.['backgroundThrottling']).toBeUndefined();
  });

  it('refuses the UI channels from the engine window and engine:ready from the UI page', async () => {
    expect(await invokeAs(engineWindow().webContents, ENGINE_URL, 'journal:read')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('engine:ready')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a page that connects before the engine is ready gets its port at once; the engine gets the other end when ready, with main’s own', async () => {
    expect(await invoke('engine:connect')).toMatchObject({ ok: true, value: { clientId: expect.any(String) } });
    expect(uiPorts()).toHaveLength(1);
    expect(engineClients('ui')).toEqual([]);
    expect(await invokeAs(engineWindow().webContents, ENGINE_URL, 'engine:ready')).toEqual({ ok: true, value: undefined });
    expect(engineClients('main')).toHaveLength(1);
    expect(engineClients('ui')).toHaveLength(1);
    const e = engineEnd(engineWindow());
    expect(e.channels()).toEqual(['phone:snapshot']);
    e.answer(e.requests()[0]?.id ?? -1, { registration: { status: 'registered', since: 0 }, calls: [], devices: {}, records: [] });
    // the page's end and the engine's end are one channel
    const pageEnd = uiPorts()[0]?.ports[0];
    const engineSide = engineClients('ui')[0]?.ports[0];
    expect(pageEnd?.other).toBe(engineSide);
  });

  it('a UI reload drops the page’s ports on the engine side; the engine window stays and the page gets a fresh port', async () => {
    const engineBefore = engineWindow();
    const old = (uiPorts()[0]?.payload as { clientId: string }).clientId;
    mainWindow().webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(engineBefore.webContents.posted.filter((p) => p.channel === 'engine:client-gone').map((p) => p.payload)).toEqual([{ clientId: old }]);
    await invoke('engine:connect');
    expect(uiPorts()).toHaveLength(2);
    expect(engineWindow()).toBe(engineBefore);
    expect(engineWindows()).toHaveLength(1);
    expect(engineClients('ui')).toHaveLength(2);
    expect(engineClients('main')).toHaveLength(1); // main's connection untouched
  });

  it('global shortcuts are registered from the defaults', () => {
    expect([...electron.globalShortcut.registered.keys()].sort()).toEqual(
      ['CommandOrControl+Alt+A', 'CommandOrControl+Alt+H', 'CommandOrControl+Alt+M', 'CommandOrControl+Alt+R'].sort(),
    );
  });

  it('a call ringing while the window is unfocused: a notification; Answer sends call:answer to the engine and focuses the window', () => {
    const e = engineEnd(engineWindow());
    mainWindow().focused = false;
    e.emit('call:created', call('c1', 'ringing'));
    const n = electron.Notification.shown.at(-1);
    // the fake OS speaks zh-CN
    expect(n?.options).toMatchObject({ title: '来电 — 队列 8000', body: 'Li Wei · +8613800138000' });
    if (process.platform === 'darwin') {
      expect(n?.options.actions?.map((a) => a.text)).toEqual(['接听', '拒接']);
      n?.emit('action', {}, 0);
      expect(e.requests().at(-1)).toMatchObject({ channel: 'call:answer', args: [{ callId: 'c1' }] });
    } else {
      // no notification buttons here: a click focuses the window and asks the page for an answer prompt
      expect(n?.options.actions).toEqual([]);
      n?.emit('click', {});
      expect(mainWindow().webContents.sent.at(-1)).toEqual({ channel: 'calls:answer-prompt', payload: { callId: 'c1' } });
    }
    expect(mainWindow().focused).toBe(true);
    e.emit('call:changed', call('c1', 'answering'));
    expect(n?.closed).toBe(true);
  });

  it('an active call blocks app suspension; the end of the last call releases it', () => {
    const e = engineEnd(engineWindow());
    e.emit('call:changed', call('c1', 'active'));
    expect(electron.powerSaveBlocker.active.size).toBe(1);
    expect(electron.Tray.made[0]?.tooltip).toBe('Firstline — 话机就绪 · 通话中（1）');
    e.emit('call:ended', call('c1', 'ended', { state: { name: 'ended', reason: 'hung_up_remote' } }));
    expect(electron.powerSaveBlocker.active.size).toBe(0);
  });

  it('each shortcut sends its command: answer the ringing call, mute and hang up the current one; ready/not ready goes to the page', () => {
    const e = engineEnd(engineWindow());
    e.emit('call:created', call('c2', 'ringing'));
    electron.globalShortcut.registered.get('CommandOrControl+Alt+A')?.();
    expect(e.requests().at(-1)).toMatchObject({ channel: 'call:answer', args: [{ callId: 'c2' }] });
    e.emit('call:changed', call('c2', 'active'));
    electron.globalShortcut.registered.get('CommandOrControl+Alt+M')?.();
    expect(e.requests().at(-1)).toMatchObject({ channel: 'call:mute', args: [{ callId: 'c2', muted: true }] });
    electron.globalShortcut.registered.get('CommandOrControl+Alt+H')?.();
    expect(e.requests().at(-1)).toMatchObject({ channel: 'call:hangup', args: [{ callId: 'c2' }] });
    electron.globalShortcut.registered.get('CommandOrControl+Alt+R')?.();
    expect(mainWindow().webContents.sent.at(-1)).toEqual({ channel: 'hotkeys:pressed', payload: { action: 'ready-toggle' } });
    e.emit('call:ended', call('c2', 'ended', { state: { name: 'ended', reason: 'hung_up_local' } }));
  });

  it('resume from sleep: power:resume to the page and phone:wake to the engine', () => {
    const e = engineEnd(engineWindow());
    electron.powerMonitor.emit('resume');
    expect(mainWindow().webContents.sent.at(-1)).toMatchObject({ channel: 'power:resume' });
    expect(e.requests().at(-1)).toMatchObject({ channel: 'phone:wake' });
  });

  it('a tel: link is proposed to the page and never dials the engine', async () => {
    const e = engineEnd(engineWindow());
    const before = e.requests().length;
    electron.app.emit('second-instance', {}, ['/opt/Firstline/firstline', 'tel:+86 10 1234 5678']);
    // the page reloaded earlier: the link waits until it takes it
    expect(await invoke('deeplink:take')).toEqual({ ok: true, value: [{ scheme: 'tel', number: '+861012345678' }] });
    electron.app.emit('second-instance', {}, ['/opt/Firstline/firstline', 'sip:1001@pbx']);
    expect(mainWindow().webContents.sent.at(-1)).toMatchObject({ channel: 'deeplink:dial', payload: { scheme: 'sip', uri: 'sip:1001@pbx' } });
    expect(e.requests().slice(before).map((r) => r.channel)).toEqual([]);
  });

  it('hotkeys:set saves, re-registers and tells the pages', async () => {
    const next = { answer: 'F13', hangup: 'CommandOrControl+Alt+H', mute: null, 'ready-toggle': 'Alt+Shift+R' };
    expect(await invoke('hotkeys:set', next)).toMatchObject({ ok: true, value: { bindings: next } });
    expect([...electron.globalShortcut.registered.keys()].sort()).toEqual(['Alt+Shift+R', 'CommandOrControl+Alt+H', 'F13']);
    expect(mainWindow().webContents.sent.at(-1)).toMatchObject({ channel: 'hotkeys:changed', payload: { bindings: next } });
    expect(await invoke('hotkeys:get')).toMatchObject({ ok: true, value: { bindings: next } });
  });

  it('recreates a crashed engine once, after a short backoff, and tells the page to connect again', async () => {
    const dead = engineWindow();
    dead.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(dead.destroyed).toBe(true);
    expect(engineWindows()).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 700));
    const reborn = engineWindow();
    expect(reborn).not.toBe(dead);
    expect(reborn.loaded).toEqual([ENGINE_URL]);
    await invokeAs(reborn.webContents, ENGINE_URL, 'engine:ready');
    expect(mainWindow().webContents.sent.at(-1)).toEqual({ channel: 'engine:restarted', payload: { generation: 2 } });
    expect(engineEnd(reborn).channels()).toEqual(['phone:snapshot']);
  });

  it('closing the last UI window drops its ports and quits (not on macOS), though the hidden engine window remains', async () => {
    await invoke('engine:connect'); // the page reconnected after the restart
    const ui = mainWindow();
    const engineContents = engineWindow().webContents;
    const gone = engineContents.posted.filter((p) => p.channel === 'engine:client-gone').length;
    ui.destroy();
    expect(engineContents.posted.filter((p) => p.channel === 'engine:client-gone').length).toBeGreaterThan(gone);
    if (process.platform === 'darwin') expect(electron.app.calls).not.toContain('quit');
    else expect(electron.app.calls).toContain('quit');
  });
});
