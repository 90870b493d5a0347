import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { DeskServer } from './desk-server';
import { newProfileDir, openProfile } from './browser';

/** A seat: one agent's browser profile (kept across close/reopen) and its page. */
export type Seat = { profile: string; context: BrowserContext; page: Page; reopen(): Promise<Page>; close(): Promise<void> };

export const openSeat = async (url: string, locale = 'en-US'): Promise<Seat> => {
  const profile = newProfileDir();
  const seat: Seat = {
    profile,
    context: await openProfile(profile, locale),
    page: undefined as unknown as Page,
    reopen: async () => {
      await seat.context.close();
      seat.context = await openProfile(profile, locale);
      seat.page = seat.context.pages()[0] ?? (await seat.context.newPage());
      await seat.page.goto(url);
      return seat.page;
    },
    close: () => seat.context.close(),
  };
  seat.page = seat.context.pages()[0] ?? (await seat.context.newPage());
  await seat.page.goto(url);
  return seat;
};

/** Each test gets its own desk server with a fresh data folder (and demo data). */
export const test = base.extend<{ desk: DeskServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
  desk: async ({}, use) => {
    const desk = await DeskServer.start();
    await use(desk);
    await desk.stop();
  },
});

export { expect } from '@playwright/test';

/** Waits until the service worker controls the page and has the app shell cached. */
export const waitForOfflineShell = async (page: Page): Promise<void> => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      const keys = await caches.keys();
      const shell = keys.find((k) => k.startsWith('firstline-shell'));
      const assets = keys.find((k) => k.startsWith('firstline-assets'));
      if (shell && assets && (await (await caches.open(assets)).keys()).length > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the service worker did not cache the app shell');
  });
};
