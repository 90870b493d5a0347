import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupShared, startDesk, type TestDesk } from './testing/harness';

describe('static web mode', () => {
  let desk: TestDesk;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'firstline-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Firstline</title>');
    writeFileSync(join(dir, 'engine.html'), '<!doctype html><title>Firstline phone engine</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    desk = await startDesk('pglite', { staticDir: dir, seed: false });
  });
  afterAll(async () => {
    await desk?.close();
    rmSync(dir, { recursive: true, force: true });
    await cleanupShared();
  });

  it('serves the renderer with an SPA fallback and the right cache headers', async () => {
    const root = await desk.api.call('GET', '/');
    expect(root.status).toBe(200);
    expect(root.body).toContain('<title>Firstline</title>');
    expect(root.headers.get('cache-control')).toBe('no-cache');

    const deep = await desk.api.call('GET', '/tickets/42');
    expect(deep.status).toBe(200);
    expect(deep.body).toContain('<title>Firstline</title>');
    expect(deep.headers.get('cache-control')).toBe('no-cache');

    expect((await desk.api.call('GET', '/sw.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await desk.api.call('GET', '/assets/app-1234.js')).headers.get('cache-control')).toContain('immutable');

    // the phone engine's page: framed only by this desk's own pages under a loopback name
    const engine = await desk.api.call('GET', '/engine.html');
    expect(engine.status).toBe(200);
    expect(engine.headers.get('content-security-policy')).toBe("frame-ancestors 'self' http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*");
    expect(root.headers.get('content-security-policy')).toBeNull();

    const api = await desk.api.call<{ error: { code: string } }>('GET', '/api/nope');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
  });
});
