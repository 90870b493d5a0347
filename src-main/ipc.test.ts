import { describe, expect, it, vi } from 'vitest';
import { ok } from '../src-shared/result';
import { ENGINE_WINDOW_CHANNELS, REQUEST_CHANNELS } from '../src-shared/host/contract';
import { DEFAULT_HOTKEYS } from './hotkeys';
import { createDispatcher, registerIpc, type HostHandlers, type IpcMainPort, type InvokeSender } from './ipc';
import { APP_ORIGIN, APP_URL, captureLogs, note } from './test-fixtures';

captureLogs();

const handlers = (): HostHandlers => ({
  'app:info': vi.fn(async () => ok({ version: '0.1.0', platform: 'linux' as const, locale: 'zh-CN' })),
  'journal:append': vi.fn(async () => ok(undefined)),
  'journal:read': vi.fn(async () => ok([])),
  'cache:signed-out': vi.fn(async () => ok({ journalBackup: null })),
  'deeplink:take': vi.fn(async () => ok([])),
  'engine:connect': vi.fn(async () => ok({ clientId: 'c1' })),
  'hotkeys:get': vi.fn(async () => ok(settings)),
  'hotkeys:set': vi.fn(async () => ok(settings)),
  'engine:ready': vi.fn(async () => ok(undefined)),
});
const settings = {
  bindings: DEFAULT_HOTKEYS,
  status: { answer: 'registered', hangup: 'registered', mute: 'registered', 'ready-toggle': 'registered' },
} as const;

/** The UI page is web contents 1, the engine window 2. */
const UI = 1;
const ENGINE = 2;
const isEngine = (id: number) => id === ENGINE;
const ours: InvokeSender = { url: `${APP_URL}tickets`, isTopFrame: true, contentsId: UI };
const engine: InvokeSender = { url: `${APP_URL}engine.html`, isTopFrame: true, contentsId: ENGINE };

describe('IPC registration', () => {
  it('registers exactly the contract channels of both bridges (the allow-list)', () => {
    const registered: string[] = [];
    const ipcMain: IpcMainPort = { handle: (channel) => void registered.push(channel) };
    registerIpc(ipcMain, createDispatcher(APP_ORIGIN, handlers()));
    expect(registered.sort()).toEqual([...REQUEST_CHANNELS, ...ENGINE_WINDOW_CHANNELS].sort());
    expect(registered).toEqual(expect.arrayContaining(['app:info', 'journal:append', 'journal:read', 'cache:signed-out', 'deeplink:take']));
  });

  it('passes the sender frame and arguments through to the dispatcher', async () => {
    const listeners = new Map<string, Parameters<IpcMainPort['handle']>[1]>();
    const ipcMain: IpcMainPort = { handle: (channel, listener) => void listeners.set(channel, listener) };
    const h = handlers();
    registerIpc(ipcMain, createDispatcher(APP_ORIGIN, h));
    const m = note(1);
    const answer = await listeners.get('journal:append')?.({ senderFrame: { url: APP_URL, parent: null }, sender: { id: 7 } }, m);
    expect(answer).toEqual({ ok: true, value: undefined });
    expect(h['journal:append']).toHaveBeenCalledWith(m, { contentsId: 7, url: APP_URL });
  });

  it('treats a sender frame that cannot be read as foreign', async () => {
    const listeners = new Map<string, Parameters<IpcMainPort['handle']>[1]>();
    registerIpc({ handle: (c, l) => void listeners.set(c, l) }, createDispatcher(APP_ORIGIN, handlers()));
    const gone = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
      sender: { id: 1 },
    };
    const answer = await listeners.get('app:info')?.(gone);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('IPC dispatch', () => {
  it('rejects an unknown channel with VALIDATION_FAILED and calls nothing', async () => {
    const h = handlers();
    const dispatch = createDispatcher(APP_ORIGIN, h);
    for (const channel of ['shell:openExternal', 'ipc:raw', '__proto__', 'toString', 'journal:delete']) {
      const answer = await dispatch(channel, ours, []);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with VALIDATION_FAILED and the issues, and calls nothing', async () => {
    const h = handlers();
    const dispatch = createDispatcher(APP_ORIGIN, h);
    const bad: unknown[][] = [
      [],
      [{}],
      [{ ...note(1), kind: 'dropTable' }],
      [{ ...note(1), seq: 0 }],
      [{ ...note(1), id: 'not-a-uuid' }],
      [{ ...note(1), body: '   ' }],
      ['{"kind":"addNote"}'],
      [note(1), note(2)],
    ];
    for (const args of bad) {
      const answer = await dispatch('journal:append', ours, args);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      if (!answer.ok) expect(Array.isArray(answer.error.details)).toBe(true);
    }
    expect(h['journal:append']).not.toHaveBeenCalled();
  });

  it('rejects arguments to a channel that takes none', async () => {
    const h = handlers();
    const answer = await createDispatcher(APP_ORIGIN, h)('app:info', ours, [{ evil: true }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(h['app:info']).not.toHaveBeenCalled();
  });

  it('passes a valid mutation (as parsed) to the handler and answers its Result', async () => {
    const h = handlers();
    const answer = await createDispatcher(APP_ORIGIN, h)('journal:append', ours, [note(3)]);
    expect(answer).toEqual({ ok: true, value: undefined });
    expect(h['journal:append']).toHaveBeenCalledWith(note(3), { contentsId: UI, url: `${APP_URL}tickets` });
  });

  it('refuses senders that are not the top frame of our origin with FORBIDDEN', async () => {
    const h = handlers();
    const dispatch = createDispatcher(APP_ORIGIN, h);
    const senders: InvokeSender[] = [
      null,
      { url: 'https://evil.example/', isTopFrame: true, contentsId: UI },
      { url: 'http://127.0.0.1:4781/', isTopFrame: true, contentsId: UI },
      { url: 'file:///tmp/page.html', isTopFrame: true, contentsId: UI },
      { url: APP_URL, isTopFrame: false, contentsId: UI },
    ];
    for (const sender of senders) {
      expect(await dispatch('app:info', sender, [])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(h['app:info']).not.toHaveBeenCalled();
  });

  it('never throws across IPC: a failing handler becomes an INTERNAL Result', async () => {
    const h = handlers();
    h['journal:read'] = async () => {
      throw new Error('EIO: i/o error, read');
    };
    const answer = await createDispatcher(APP_ORIGIN, h)('journal:read', ours, []);
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'EIO: i/o error, read' } });
  });

  it('keeps the two bridges apart: the engine window gets only engine:ready, UI pages never get it', async () => {
    const h = handlers();
    const dispatch = createDispatcher(APP_ORIGIN, h, isEngine);
    for (const channel of REQUEST_CHANNELS) {
      expect(await dispatch(channel, engine, [])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await dispatch('engine:ready', ours, [])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
    expect(await dispatch('engine:ready', engine, [])).toEqual({ ok: true, value: undefined });
    expect(h['engine:ready']).toHaveBeenCalledWith({ contentsId: ENGINE, url: `${APP_URL}engine.html` });
  });

  it('engine:connect gets the calling page', async () => {
    const h = handlers();
    expect(await createDispatcher(APP_ORIGIN, h, isEngine)('engine:connect', ours, [])).toEqual({ ok: true, value: { clientId: 'c1' } });
    expect(h['engine:connect']).toHaveBeenCalledWith({ contentsId: UI, url: `${APP_URL}tickets` });
  });

  it('validates hotkeys:set: every action, real accelerators with a modifier, none twice', async () => {
    const h = handlers();
    const dispatch = createDispatcher(APP_ORIGIN, h, isEngine);
    const bad: unknown[] = [
      {},
      { ...DEFAULT_HOTKEYS, extra: 'Ctrl+Alt+X' },
      { ...DEFAULT_HOTKEYS, answer: 'A' },
      { ...DEFAULT_HOTKEYS, answer: 'Shift+A' },
      { ...DEFAULT_HOTKEYS, answer: 'Ctrl+Alt+Banana' },
      { ...DEFAULT_HOTKEYS, answer: 'Ctrl+Ctrl+A' },
      { ...DEFAULT_HOTKEYS, hangup: DEFAULT_HOTKEYS.answer },
      { ...DEFAULT_HOTKEYS, hangup: 'CmdOrCtrl+Option+a' }, // the same as answer, spelled otherwise
      { ...DEFAULT_HOTKEYS, mute: 42 },
    ];
    for (const bindings of bad) {
      expect(await dispatch('hotkeys:set', ours, [bindings])).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(h['hotkeys:set']).not.toHaveBeenCalled();
    const good = { answer: 'F13', hangup: 'Ctrl+Shift+H', mute: null, 'ready-toggle': 'Alt+Shift+F5' };
    expect(await dispatch('hotkeys:set', ours, [good])).toMatchObject({ ok: true });
    expect(h['hotkeys:set']).toHaveBeenCalledWith(good, expect.anything());
  });
});
