/**
 * The main-side implementation of each request channel of the contract.
 * Validation, origin and window checks and error wrapping happen in ipc.ts;
 * these only do the work. The last argument is always the calling page.
 */
import { err, ok } from '../src-shared/result';
import type { AppInfo, HostPlatform, HotkeyBindings, HotkeySettings } from '../src-shared/host/contract';
import type { HostHandlers } from './ipc';
import type { Journal } from './journal';
import type { DialInbox } from './dial-inbox';
import type { EngineHost } from './engine-window';

/** Node's `process.platform` as the contract names it. */
export const toHostPlatform = (platform: string): HostPlatform =>
  platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';

/** The global shortcuts as the handlers need them: read, and replace (save + re-register + tell the pages). */
export type HotkeyService = {
  settings(): HotkeySettings;
  update(bindings: HotkeyBindings): Promise<HotkeySettings>;
};

export type HandlerDeps = {
  appInfo: () => AppInfo;
  journal: Journal;
  dialInbox: DialInbox;
  engine: Pick<EngineHost, 'connectUi' | 'ready'>;
  hotkeys: HotkeyService;
};

export const createHandlers = ({ appInfo, journal, dialInbox, engine, hotkeys }: HandlerDeps): HostHandlers => ({
  'app:info': async () => ok(appInfo()),
  'journal:append': async (mutation) => {
    await journal.append(mutation);
    return ok(undefined);
  },
  'journal:read': async () => ok((await journal.read()).mutations),
  'cache:signed-out': async () => ok({ journalBackup: await journal.rotate() }),
  'deeplink:take': async () => ok(dialInbox.take()),
  'engine:connect': async (caller) => {
    const connection = engine.connectUi(caller.contentsId);
    return connection ? ok(connection) : err('NOT_FOUND', 'the page that asked is gone');
  },
  'engine:ready': async (caller) =>
    engine.ready(caller.contentsId) ? ok(undefined) : err('FORBIDDEN', 'only the current engine window may say it is ready'),
  'hotkeys:get': async () => ok(hotkeys.settings()),
  'hotkeys:set': async (bindings) => ok(await hotkeys.update(bindings)),
});
