/**
 * The main-side implementation of each request channel of the contract.
 * Validation, origin checks and error wrapping happen in ipc.ts; these only do the work.
 */
import { ok } from '../src-shared/result';
import type { AppInfo, HostPlatform } from '../src-shared/host/contract';
import type { HostHandlers } from './ipc';
import type { Journal } from './journal';
import type { DialInbox } from './dial-inbox';

/** Node's `process.platform` as the contract names it. */
export const toHostPlatform = (platform: string): HostPlatform =>
  platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';

export type HandlerDeps = {
  appInfo: () => AppInfo;
  journal: Journal;
  dialInbox: DialInbox;
};

export const createHandlers = ({ appInfo, journal, dialInbox }: HandlerDeps): HostHandlers => ({
  'app:info': async () => ok(appInfo()),
  'journal:append': async (mutation) => {
    await journal.append(mutation);
    return ok(undefined);
  },
  'journal:read': async () => ok((await journal.read()).mutations),
  'cache:signed-out': async () => ok({ journalBackup: await journal.rotate() }),
  'deeplink:take': async () => ok(dialInbox.take()),
});
