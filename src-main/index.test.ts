import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../src-shared/host/contract';
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

const mainWindow = () => {
  const win = electron.BrowserWindow.getAllWindows()[0];
  if (!win) throw new Error('no window');
  return win;
};
const invoke = (channel: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(channel)?.({ senderFrame: { url: DESK, parent: null } }, ...args);

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
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
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
