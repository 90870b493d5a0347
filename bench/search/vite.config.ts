import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The search bench's page (bench/search/index.html + page.ts) and the search worker, built to .tmp/bench/search. */
export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: resolve(here, '../../.tmp/bench/search'), emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false },
});
