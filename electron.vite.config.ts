import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** Builds the three Electron bundles from their own folders (DESIGN.md §1). */
export default defineConfig({
  main: {
    build: { outDir: 'out/main', lib: { entry: resolve('src-main/index.ts') } },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Two sandboxed preloads: UI windows' (index) and the hidden phone engine window's (engine).
      // A sandboxed preload cannot require a shared chunk: each entry is built whole (isolatedEntries).
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts'), engine: resolve('src-preload/engine.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // engine.html: the phone engine's page, loaded by main's hidden engine window (src-main/engine-window.ts).
      rollupOptions: { input: { index: resolve('src-renderer/index.html'), engine: resolve('src-renderer/engine.html') } },
    },
  },
});
