/**
 * Where the renderer is loaded from, and therefore which origin is "ours".
 *
 * Decision: the window loads the renderer over http(s) from the desk server
 * (`FIRSTLINE_DESK_URL`, default http://127.0.0.1:4780/), the same page the
 * browser host gets. Not a packaged `file://` page: file origins are opaque
 * (`null`), so they could neither be told apart for permissions and IPC nor
 * give IndexedDB a stable home, and the API would become cross-origin.
 * The app origin is the origin of that URL; only it gets the bridge, the
 * microphone, notifications and in-window navigation.
 *
 * Plain http is accepted only for a loopback host: elsewhere the page would not
 * be a secure context (no getUserMedia, no navigator.locks) and anyone on the
 * path could inject script into a window that holds the bridge. Use https.
 *
 * In development (`electron-vite dev`, app not packaged) `ELECTRON_RENDERER_URL`
 * points at the Vite dev server and wins.
 */
import { err, ok, type Result } from '../src-shared/result';

export const DEFAULT_DESK_URL = 'http://127.0.0.1:4780/';

export type MainConfig = {
  /** The URL the main window loads. */
  rendererUrl: string;
  /** The phone engine's page (`engine.html` next to the renderer's page), loaded by the hidden engine window. */
  engineUrl: string;
  /** `new URL(rendererUrl).origin`: the only origin trusted by IPC, permissions and navigation. */
  appOrigin: string;
  /** `FIRSTLINE_USER_DATA_DIR`: a user data folder to use instead of the OS default (tests, portable seats). */
  userDataDir: string | null;
};

export type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopback = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

/** Checks a renderer URL against the rules above. */
export const checkRendererUrl = (raw: string): Result<URL> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err('VALIDATION_FAILED', `not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err('VALIDATION_FAILED', `the renderer must be served over http(s), not ${url.protocol}`);
  }
  if (url.username || url.password) return err('VALIDATION_FAILED', 'the renderer URL must not carry credentials');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return err('VALIDATION_FAILED', `plain http is allowed only on loopback; use https for ${url.host}`);
  }
  return ok(url);
};

/** Reads the main process's configuration from the environment. */
export const readConfig = (env: Env, opts: { packaged: boolean }): Result<MainConfig> => {
  const devUrl = opts.packaged ? undefined : env['ELECTRON_RENDERER_URL'];
  const raw = devUrl || env['FIRSTLINE_DESK_URL'] || DEFAULT_DESK_URL;
  const checked = checkRendererUrl(raw);
  if (!checked.ok) return checked;
  const userDataDir = env['FIRSTLINE_USER_DATA_DIR'] || null;
  const engineUrl = new URL('engine.html', checked.value).href;
  return ok({ rendererUrl: checked.value.href, engineUrl, appOrigin: checked.value.origin, userDataDir });
};
