import { defineConfig } from 'vitest/config';

/** Unit and integration tests that run in Node. Browser e2e lives in e2e/ (Playwright). */
export default defineConfig({
  test: {
    include: ['src-*/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
