import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialInbox } from './dial-inbox';
import { createHandlers, toHostPlatform } from './handlers';
import type { EngineHost } from './engine-window';
import { DEFAULT_HOTKEYS } from './hotkeys';
import { createDispatcher, type Dispatch } from './ipc';
import { openJournal, type Journal } from './journal';
import { APP_ORIGIN, APP_URL, captureLogs, note } from './test-fixtures';

captureLogs();

/** The IPC dispatcher over the real handlers and a real journal in a temp folder. */
let dir: string;
let journal: Journal;
let call: (channel: string, ...args: unknown[]) => ReturnType<Dispatch>;
let fromEngine: (channel: string, ...args: unknown[]) => ReturnType<Dispatch>;
const ENGINE = 9;
const engine: Pick<EngineHost, 'connectUi' | 'ready'> = {
  connectUi: (contentsId) => (contentsId === 1 ? { clientId: 'client-1' } : null),
  ready: (contentsId) => contentsId === ENGINE,
};
let saved: unknown[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firstline-handlers-'));
  journal = openJournal(dir);
  const dialInbox = createDialInbox(() => true);
  dialInbox.offer({ scheme: 'tel', number: '+4930123' });
  const dispatch = createDispatcher(
    APP_ORIGIN,
    createHandlers({
      appInfo: () => ({ version: '0.1.0', platform: 'linux', locale: 'zh-CN' }),
      journal,
      dialInbox,
      engine,
      hotkeys: {
        settings: () => ({ bindings: DEFAULT_HOTKEYS, status: { answer: 'registered', hangup: 'taken', mute: 'registered', 'ready-toggle': 'off' } }),
        update: async (bindings) => {
          saved.push(bindings);
          return { bindings, status: { answer: 'registered', hangup: 'registered', mute: 'off', 'ready-toggle': 'off' } };
        },
      },
    }),
    (id) => id === ENGINE,
  );
  saved = [];
  call = (channel, ...args) => dispatch(channel, { url: APP_URL, isTopFrame: true, contentsId: 1 }, args);
  fromEngine = (channel, ...args) => dispatch(channel, { url: `${APP_URL}engine.html`, isTopFrame: true, contentsId: ENGINE }, args);
});
afterEach(async () => {
  await journal.close();
  await rm(dir, { recursive: true, force: true });
});

describe('request handlers over IPC', () => {
  it('app:info answers version, platform and locale', async () => {
    expect(await call('app:info')).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux', locale: 'zh-CN' } });
  });

  it('journal:append then journal:read round-trips through the file', async () => {
    expect(await call('journal:append', note(1))).toEqual({ ok: true, value: undefined });
    expect(await call('journal:append', note(2))).toEqual({ ok: true, value: undefined });
    expect(await call('journal:read')).toEqual({ ok: true, value: [note(1), note(2)] });
  });

  it('cache:signed-out backs the journal up and starts an empty one', async () => {
    await call('journal:append', note(1));
    const answer = await call('cache:signed-out');
    expect(answer).toMatchObject({ ok: true, value: { journalBackup: expect.stringMatching(/^outbox-.*\.jsonl$/) } });
    expect(await readdir(join(dir, 'backups'))).toHaveLength(1);
    expect(await call('journal:read')).toEqual({ ok: true, value: [] });
  });

  it('deeplink:take drains the links that waited', async () => {
    expect(await call('deeplink:take')).toEqual({ ok: true, value: [{ scheme: 'tel', number: '+4930123' }] });
    expect(await call('deeplink:take')).toEqual({ ok: true, value: [] });
  });

  it('maps the platform', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd'].map(toHostPlatform)).toEqual(['darwin', 'win32', 'linux', 'other']);
  });

  it('engine:connect answers the connection main made for the calling page', async () => {
    expect(await call('engine:connect')).toEqual({ ok: true, value: { clientId: 'client-1' } });
  });

  it('engine:ready is taken from the engine window only', async () => {
    expect(await fromEngine('engine:ready')).toEqual({ ok: true, value: undefined });
    expect(await call('engine:ready')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('hotkeys:get reports each shortcut, hotkeys:set saves and answers the new state', async () => {
    expect(await call('hotkeys:get')).toMatchObject({ ok: true, value: { status: { hangup: 'taken' } } });
    const next = { ...DEFAULT_HOTKEYS, mute: null };
    expect(await call('hotkeys:set', next)).toMatchObject({ ok: true, value: { bindings: next } });
    expect(saved).toEqual([next]);
  });
});
