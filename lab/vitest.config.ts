import { defineConfig } from 'vitest/config';

/**
 * The telephony lab's tests: real Kamailio, rtpengine, baresip, sipp and Debian
 * Chromium on loopback. Run as root inside a fresh network namespace:
 * `npm run test:lab` (= scripts/lab-netns.sh npx vitest run --config lab/vitest.config.ts).
 * One file at a time: each starts its own lab and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['lab/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
