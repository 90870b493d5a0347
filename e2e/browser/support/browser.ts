import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium, never a downloaded one. */
export const CHROMIUM = process.env.FIRSTLINE_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A fresh browser profile folder; open it again with `openProfile` to "close and reopen the browser". */
export const newProfileDir = (): string => mkdtempSync(join(tmpdir(), 'firstline-e2e-profile-'));

/** Opens Chromium on a persistent profile (IndexedDB, service worker and storage survive a close). */
export const openProfile = (dir: string, locale = 'en-US'): Promise<BrowserContext> =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, locale, viewport: { width: 1280, height: 800 } });
