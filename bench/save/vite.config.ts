import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The save bench's page: bench/save/index.html + page.ts, built to .tmp/bench/save. */
export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  build: { outDir: resolve(here, '../../.tmp/bench/save'), emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false },
});
