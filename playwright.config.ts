import { defineConfig } from '@playwright/test';

/**
 * Browser e2e drives Debian's Chromium (never a downloaded browser) against the real desk
 * server; the Electron project runs where an Electron binary exists and skips loudly elsewhere.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'browser', testDir: 'e2e/browser' },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
