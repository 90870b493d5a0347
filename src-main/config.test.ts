import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_URL, readConfig } from './config';

describe('config', () => {
  it('loads the renderer from the local desk server by default', () => {
    expect(readConfig({}, { packaged: true })).toEqual({
      ok: true,
      value: { rendererUrl: DEFAULT_DESK_URL, engineUrl: 'http://127.0.0.1:4780/engine.html', appOrigin: 'http://127.0.0.1:4780', userDataDir: null },
    });
  });

  it('takes FIRSTLINE_DESK_URL, and our origin is its origin', () => {
    const config = readConfig({ FIRSTLINE_DESK_URL: 'https://desk.example.com/agent/' }, { packaged: true });
    expect(config).toMatchObject({
      ok: true,
      value: { rendererUrl: 'https://desk.example.com/agent/', engineUrl: 'https://desk.example.com/agent/engine.html', appOrigin: 'https://desk.example.com' },
    });
  });

  it('takes the Vite dev server in development only', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173', FIRSTLINE_DESK_URL: 'http://127.0.0.1:4790/' };
    expect(readConfig(env, { packaged: false })).toMatchObject({ ok: true, value: { appOrigin: 'http://localhost:5173' } });
    expect(readConfig(env, { packaged: true })).toMatchObject({ ok: true, value: { appOrigin: 'http://127.0.0.1:4790' } });
  });

  it('refuses plain http off loopback, other schemes, credentials and junk', () => {
    for (const url of ['http://desk.example.com/', 'file:///opt/firstline/index.html', 'https://u:p@desk.example.com/', 'javascript:alert(1)', 'desk']) {
      expect(readConfig({ FIRSTLINE_DESK_URL: url }, { packaged: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('accepts http on any loopback address', () => {
    for (const url of ['http://localhost:4780/', 'http://127.0.0.2:8080/', 'http://[::1]:4780/']) {
      expect(readConfig({ FIRSTLINE_DESK_URL: url }, { packaged: true }).ok).toBe(true);
    }
  });

  it('takes a user data folder override', () => {
    expect(readConfig({ FIRSTLINE_USER_DATA_DIR: '/tmp/seat-1' }, { packaged: true })).toMatchObject({ value: { userDataDir: '/tmp/seat-1' } });
  });
});
