import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The same renderer built as a web page, served by the desk server over http (browser host). */
export default defineConfig({
  root: resolve('src-renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    sourcemap: true,
    // engine.html: the phone engine's page for Electron's hidden engine window (src-main/engine-window.ts),
    // served by the desk server next to index.html.
    rollupOptions: { input: { index: resolve('src-renderer/index.html'), engine: resolve('src-renderer/engine.html') } },
  },
  server: { host: '127.0.0.1', proxy: { '/api': { target: 'http://127.0.0.1:4780', ws: true } } },
});
